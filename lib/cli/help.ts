import type { Command } from "./command";

/** Render --help text for a command reached by the given path of names. */
export function renderHelp(cmd: Command, path: string[]): string {
  const full = ["evalbook", ...path].join(" ");
  const lines: string[] = [];
  const pos = (cmd.positionals ?? []).map((p) => {
    const n = p.name.toUpperCase() + (p.variadic ? "..." : "");
    return p.required ? n : "[" + n + "]";
  });
  const usage = [full];
  if (cmd.subcommands && cmd.subcommands.length) usage.push(cmd.run ? "[COMMAND]" : "COMMAND");
  if (cmd.options && cmd.options.length) usage.push("[OPTIONS]");
  usage.push(...pos);
  lines.push("Usage: " + usage.join(" "), "", cmd.summary);
  if (cmd.description) lines.push("", cmd.description.trim());
  if (cmd.subcommands && cmd.subcommands.length) {
    lines.push("", "Commands:");
    const w = Math.max(...cmd.subcommands.map((s) => s.name.length));
    for (const s of cmd.subcommands) lines.push("  " + s.name.padEnd(w + 2) + s.summary);
  }
  if (cmd.positionals && cmd.positionals.length) {
    lines.push("", "Arguments:");
    const w = Math.max(...cmd.positionals.map((p) => p.name.length));
    for (const p of cmd.positionals) lines.push("  " + p.name.toUpperCase().padEnd(w + 2) + p.description);
  }
  const opts = [...(cmd.options ?? []), { name: "help", type: "boolean" as const, description: "Show this help." }];
  lines.push("", "Options:");
  const labels = opts.map((o) => {
    let l = (("short" in o && o.short) ? "-" + o.short + ", " : "") + "--" + o.name;
    if (o.type !== "boolean") l += " " + (("placeholder" in o && o.placeholder) || (o.type === "number" ? "N" : "VALUE"));
    return l;
  });
  const w = Math.max(...labels.map((l) => l.length));
  opts.forEach((o, i) => {
    let d = o.description;
    if ("choices" in o && o.choices) d += " (" + o.choices.join("|") + ")";
    if (o.type === "list") d += " (repeatable)";
    if ("required" in o && o.required) d += " [required]";
    if ("default" in o && o.default !== undefined && o.default !== false && !(Array.isArray(o.default) && o.default.length === 0)) {
      d += " [default: " + (Array.isArray(o.default) ? o.default.join(",") : String(o.default)) + "]";
    }
    lines.push("  " + labels[i].padEnd(w + 2) + d);
  });
  if (cmd.examples && cmd.examples.length) {
    lines.push("", "Examples:");
    for (const e of cmd.examples) lines.push("  " + e);
  }
  return lines.join("\n") + "\n";
}
