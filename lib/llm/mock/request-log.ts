/**
 * The loopback server's request log: in memory (`server.requests`) and,
 * when a file is given, as JSONL with one durable (fsync'ed) line per event:
 *
 *     {"event":"request","server":ID,"seq":1,"method":"POST","path":"/v1/chat/completions","model":"m","body":{...},"bodyHash":"…","occurrence":1,"receivedAt":1764578000000}
 *     {"event":"response","server":ID,"seq":1,"status":200,"completed":true,"finishedAt":1764578000210,"usage":{...}}
 *
 * A "response" line with completed:false means the request was abandoned
 * (client gone, truncated body, held by a timeout fault, server closed).
 * Headers are never recorded. `readRequestLogFile` merges the events back
 * into RequestLogEntry values and tolerates a torn last line.
 */
import * as fs from "node:fs";
import { appendLineDurable } from "../../io/atomic";
import { InputError } from "../../util/errors";
import type { RequestLogEntry } from "./server-types";

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private readonly file?: string;
  private readonly serverId: string;
  private readonly logBodies: boolean;

  constructor(serverId: string, file?: string, logBodies = true) {
    this.serverId = serverId;
    this.file = file;
    this.logBodies = logBodies;
  }

  /** Record an arrival (the entry is kept; its fields are updated later by `finish`). The file always gets the body. */
  arrive(entry: RequestLogEntry): void {
    if (this.file) {
      appendLineDurable(this.file, JSON.stringify({ event: "request", server: this.serverId, ...entry, completed: undefined }));
    }
    if (!this.logBodies) delete entry.body;
    this.entries.push(entry);
  }

  /** Record the end of a request (response written, or abandoned when completed is false). */
  finish(entry: RequestLogEntry): void {
    if (this.file) {
      appendLineDurable(
        this.file,
        JSON.stringify({ event: "response", server: this.serverId, seq: entry.seq, status: entry.status, fault: entry.fault, completed: entry.completed, finishedAt: entry.finishedAt, usage: entry.usage }),
      );
    }
  }
}

/** A request-log entry read from a file, with the id of the server process that logged it. */
export interface FileLogEntry extends RequestLogEntry {
  server: string;
}

/**
 * Read a request log written with `logFile`. Entries come in arrival order
 * (file order of their "request" events), across several server runs that
 * appended to the same file. A torn (unparseable) last line is ignored, as a
 * crash can leave one; any other bad line is an InputError.
 */
export function readRequestLogFile(file: string): FileLogEntry[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, "utf8").split("\n");
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  const out: FileLogEntry[] = [];
  const byKey = new Map<string, FileLogEntry>();
  lines.forEach((line, i) => {
    let ev: Record<string, unknown>;
    try {
      ev = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) return;
      throw new InputError({ file, line: i + 1 }, "invalid JSON in request log");
    }
    const key = String(ev.server) + "#" + String(ev.seq);
    if (ev.event === "request") {
      const { event: _e, ...rest } = ev;
      const entry = { ...(rest as unknown as FileLogEntry), completed: false };
      byKey.set(key, entry);
      out.push(entry);
    } else if (ev.event === "response") {
      const entry = byKey.get(key);
      if (!entry) throw new InputError({ file, line: i + 1, field: "seq" }, "response event for unknown request " + key);
      entry.status = ev.status as number | undefined;
      entry.fault = ev.fault as FileLogEntry["fault"];
      entry.completed = ev.completed === true;
      entry.finishedAt = ev.finishedAt as number | undefined;
      if (ev.usage) entry.usage = ev.usage as FileLogEntry["usage"];
    } else throw new InputError({ file, line: i + 1, field: "event" }, "unknown request-log event " + JSON.stringify(ev.event));
  });
  return out;
}
