/**
 * Errors that carry enough context for a one-line, actionable message.
 *
 * `InputError` is thrown by every loader for bad input: it names the file,
 * the 1-based line (when there is one) and the field (when there is one).
 * `UsageError` is thrown for bad command-line use. The CLI prints either as a
 * single line and exits non-zero; anything else is an internal error.
 */

export interface InputLocation {
  /** Path of the offending file (as given by the caller). */
  file: string;
  /** 1-based line number, when the problem is on a line. */
  line?: number;
  /** Field, column or key that is wrong, when there is one. */
  field?: string;
}

export class InputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly reason: string;

  constructor(where: InputLocation, reason: string) {
    super(formatLocation(where) + ": " + reason);
    this.name = "InputError";
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.reason = reason;
  }
}

export function formatLocation(where: InputLocation): string {
  let s = where.file;
  if (where.line !== undefined) s += ":" + where.line;
  if (where.field !== undefined) s += " field '" + where.field + "'";
  return s;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An error whose message is already meant for the user (no stack trace). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** True for errors whose message is written for a person and needs no stack. */
export function isUserFacing(e: unknown): e is Error {
  return e instanceof InputError || e instanceof UsageError || e instanceof UserError;
}
