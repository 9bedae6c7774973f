import type { OptionSpec, ParsedArgs, PositionalSpec } from "./args";

/** What a command may use to talk to the world. */
export interface CliContext {
  /** Write one JSON value as a single line on stdout (machine output). */
  json(value: unknown): void;
  /** Write raw text on stdout. */
  write(text: string): void;
  /** Human message on stderr. */
  info(message: string): void;
  /** Warning on stderr. */
  warn(message: string): void;
  /** True when stderr is a terminal (progress bars may redraw). */
  isTTY: boolean;
}

/**
 * A CLI command. A command either has `run`, or `subcommands` (or both:
 * then `run` handles the bare command). One file per top-level command in
 * `lib/cli/commands/`, named after the command, exporting `command`.
 */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Longer help text (paragraphs). */
  description?: string;
  options?: OptionSpec[];
  positionals?: PositionalSpec[];
  subcommands?: Command[];
  /** Examples shown in --help. */
  examples?: string[];
  /** Returns the exit code (default 0). */
  run?: (args: ParsedArgs, ctx: CliContext) => Promise<number | void> | number | void;
}
