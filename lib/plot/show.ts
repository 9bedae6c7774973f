import * as path from "node:path";
import { createRequire } from "node:module";
import { projectRoot } from "../io/paths";
import { toSvgString } from "./svg";

type DisplayFn = (msg: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** The display hook of the running tslab kernel or headless runner, if any. */
function displayHook(): DisplayFn | undefined {
  try {
    const req = createRequire(path.join(projectRoot(), "package.json"));
    const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData: DisplayFn | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** True when code runs inside a notebook (Jupyter kernel or headless runner). */
export function inNotebook(): boolean {
  return displayHook() !== undefined;
}

/** Emit rich display data in a notebook; returns false outside one. */
export function display(data: Record<string, string>, displayId?: string, update = false): boolean {
  const hook = displayHook();
  if (!hook) return false;
  hook({ data, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, update);
  return true;
}

/**
 * Show a figure inline (as standalone SVG, with a text fallback). Outside a
 * notebook it does nothing and returns false.
 */
export function show(fig: Element): boolean {
  const title = fig.querySelector("h2")?.textContent ?? fig.getAttribute("aria-label") ?? "figure";
  return display({ "image/svg+xml": toSvgString(fig), "text/plain": "<" + title + ">" });
}

/** Show a Markdown or HTML snippet inline. */
export function showMarkdown(md: string): boolean {
  return display({ "text/markdown": md, "text/plain": md });
}

export function showHtml(html: string, text = ""): boolean {
  return display({ "text/html": html, "text/plain": text || html });
}
