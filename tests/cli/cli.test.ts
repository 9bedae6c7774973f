import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCommands } from "../../lib/cli/main";
import type { Command } from "../../lib/cli/command";
import { jsonLines, ROOT, runCli } from "../helpers/cli";

const commandsDir = path.join(ROOT, "lib", "cli", "commands");

/** Every command path, e.g. ["run"], ["kernel", "install"]. */
function commandPaths(cmds: Command[], prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const c of cmds) {
    out.push([...prefix, c.name]);
    if (c.subcommands) out.push(...commandPaths(c.subcommands, [...prefix, c.name]));
  }
  return out;
}

describe("evalbook CLI", () => {
  it("lists every command in --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const f of fs.readdirSync(commandsDir).filter((f) => f.endsWith(".ts"))) {
      expect(r.stdout).toContain("  " + f.replace(/\.ts$/, ""));
    }
  });

  it("runs as `npx evalbook` from the project (package.json bin)", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("npx", ["--no-install", "evalbook", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(out).toMatch(/^Usage: evalbook COMMAND/);
  });

  it("names each command file after its command", async () => {
    const cmds = await loadCommands(commandsDir);
    const files = fs.readdirSync(commandsDir).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, "")).sort();
    expect(cmds.map((c) => c.name).sort()).toEqual(files);
  });

  it("has --help for every command and subcommand (exit 0, usage line)", async () => {
    const cmds = await loadCommands(commandsDir);
    const paths = commandPaths(cmds);
    // One process per top-level command keeps this quick; subcommand help is rendered in-process.
    const { renderHelp } = await import("../../lib/cli/help");
    for (const p of paths) {
      let cmd: Command | undefined = cmds.find((c) => c.name === p[0]);
      for (const name of p.slice(1)) cmd = cmd?.subcommands?.find((s) => s.name === name);
      expect(cmd, p.join(" ")).toBeDefined();
      const text = renderHelp(cmd!, p);
      expect(text.startsWith("Usage: evalbook " + p.join(" ")), p.join(" ")).toBe(true);
      expect(cmd!.summary.length, "summary of " + p.join(" ")).toBeGreaterThan(10);
    }
    for (const c of cmds) {
      const r = await runCli([c.name, "--help"]);
      expect(r.code, c.name + " --help: " + r.stderr).toBe(0);
      expect(r.stdout).toContain("Usage: evalbook " + c.name);
    }
  });

  it("fails with one line and exit 2 on unknown commands and options", async () => {
    const a = await runCli(["frobnicate"]);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split("\n")).toHaveLength(1);
    expect(a.stderr).toMatch(/^evalbook: unknown command 'frobnicate'/);
    const b = await runCli(["run", "notebooks/quickstart.ipynb", "--bogus"]);
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe("evalbook: unknown option --bogus");
  });

  it("reports a missing input file as one line naming it, exit 1", async () => {
    const r = await runCli(["run", "does/not/exist.ipynb"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("evalbook: does/not/exist.ipynb: file not found");
    expect(r.stdout).toBe("");
  });

  it("writes machine output as JSON lines on stdout and messages on stderr", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "evalbook-kernel-"));
    const r = await runCli(["kernel", "install", "--user"], { env: { XDG_DATA_HOME: tmp } });
    expect(r.code, r.stderr).toBe(0);
    const [out] = jsonLines(r.stdout) as { kernel: string; dir: string }[];
    expect(out.kernel).toBe("tslab");
    expect(out.dir).toBe(path.join(tmp, "jupyter", "kernels", "tslab"));
    const spec = JSON.parse(fs.readFileSync(path.join(out.dir, "kernel.json"), "utf8"));
    expect(spec.argv[1]).toBe(path.join(ROOT, "bin", "evalbook-kernel.cjs"));
    expect(spec.argv[2]).toBe("{connection_file}");
    expect(r.stderr).toContain("installed kernel 'tslab'");
    const v = await runCli(["--version"]);
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });
});
