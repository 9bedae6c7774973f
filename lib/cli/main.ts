import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "./args";
import type { CliContext, Command } from "./command";
import { renderHelp } from "./help";
import { isUserFacing, UsageError } from "../util/errors";
import { redactSecrets } from "../util/secrets";
import { diskError } from "../io/atomic";

/**
 * Load the top-level commands. Each file in `commandsDir` exports `command`;
 * the file name is the command name. With `only`, just that file is loaded.
 */
export async function loadCommands(commandsDir: string, only?: string): Promise<Command[]> {
  const files = fs
    .readdirSync(commandsDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("_"))
    .sort();
  const wanted = only === undefined ? files : files.filter((f) => f === only + ".ts");
  const cmds: Command[] = [];
  for (const f of wanted) {
    const mod = (await import(pathToFileURL(path.join(commandsDir, f)).href)) as { command?: Command };
    if (!mod.command) throw new Error("lib/cli/commands/" + f + " does not export `command`");
    cmds.push(mod.command);
  }
  return cmds;
}

function makeContext(): CliContext {
  return {
    json: (v) => process.stdout.write(redactSecrets(JSON.stringify(v)) + "\n"),
    write: (t) => process.stdout.write(redactSecrets(t)),
    info: (m) => process.stderr.write(redactSecrets(m) + "\n"),
    warn: (m) => process.stderr.write("warning: " + redactSecrets(m) + "\n"),
    isTTY: Boolean(process.stderr.isTTY),
  };
}

/** Run the CLI; returns the exit code. */
export async function main(argv: string[], commandsDir: string): Promise<number> {
  const ctx = makeContext();
  try {
    const first = argv[0];
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const all = await loadCommands(commandsDir);
      const root: Command = {
        name: "evalbook",
        summary: "Workbench for LLM-evaluation research: run study notebooks, pipelines and tools.",
        description: "Machine output (JSON / JSONL) goes to stdout, messages to stderr. Run `evalbook COMMAND --help` for a command's options.",
        subcommands: all,
      };
      process.stdout.write(renderHelp(root, []).replace("Usage: evalbook", "Usage: evalbook"));
      return first === undefined ? 2 : 0;
    }
    if (first === "--version") {
      const pkg = JSON.parse(fs.readFileSync(path.join(commandsDir, "..", "..", "..", "package.json"), "utf8"));
      process.stdout.write(pkg.version + "\n");
      return 0;
    }
    const [top] = await loadCommands(commandsDir, first);
    if (!top) {
      const names = fs.readdirSync(commandsDir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3));
      throw new UsageError("unknown command '" + first + "' (commands: " + names.join(", ") + ")");
    }
    let cmd = top;
    const pathNames = [top.name];
    let rest = argv.slice(1);
    while (cmd.subcommands && rest.length > 0 && !rest[0].startsWith("-")) {
      const sub = cmd.subcommands.find((s) => s.name === rest[0]);
      if (!sub) {
        if (cmd.run) break;
        throw new UsageError("unknown command '" + pathNames.join(" ") + " " + rest[0] + "' (try: " + cmd.subcommands.map((s) => s.name).join(", ") + ")");
      }
      cmd = sub;
      pathNames.push(sub.name);
      rest = rest.slice(1);
    }
    const args = parseArgs(rest, cmd.options ?? [], cmd.positionals ?? []);
    if (args.help || !cmd.run) {
      process.stdout.write(renderHelp(cmd, pathNames));
      return args.help ? 0 : 2;
    }
    const code = await cmd.run(args, ctx);
    return typeof code === "number" ? code : 0;
  } catch (caught) {
    // A file-system error from a command's own mkdir/write (full or read-only disk, a file in the way) is the user's to fix: one clear line.
    const fsPath = (caught as NodeJS.ErrnoException | undefined)?.path;
    const e = typeof fsPath === "string" ? diskError(caught, fsPath) : caught;
    const msg = e instanceof Error ? e.message : String(e);
    if (isUserFacing(e)) {
      process.stderr.write("evalbook: " + redactSecrets(oneLine(msg)) + "\n");
      return e instanceof UsageError ? 2 : 1;
    }
    process.stderr.write("evalbook: internal error: " + redactSecrets(oneLine(msg)) + "\n");
    if (process.env.EVALBOOK_DEBUG) process.stderr.write(redactSecrets(String((e as Error)?.stack)) + "\n");
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " | ");
}
