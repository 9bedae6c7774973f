#!/usr/bin/env node
// Entry point of the evalbook CLI: registers tsx so the TypeScript sources run
// directly, then dispatches to lib/cli/main.ts.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";

register();
const commandsDir = fileURLToPath(new URL("../lib/cli/commands/", import.meta.url));
const { main } = await import("../lib/cli/main.ts");
const code = await main(process.argv.slice(2), commandsDir);
// Exit once stdout is flushed, so a stray open handle never keeps the CLI alive.
process.stdout.write("", () => process.exit(code));
