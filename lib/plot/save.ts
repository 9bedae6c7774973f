import * as path from "node:path";
import { writeFileAtomic } from "../io/atomic";
import { fromRoot } from "../io/paths";
import { svgToPng } from "./png";
import { toSvgString } from "./svg";

/** Where figures go: EVALBOOK_FIGURES_DIR, else `figures/` in the project root. */
export function figuresDir(): string {
  const env = process.env.EVALBOOK_FIGURES_DIR;
  return env && env.length > 0 ? path.resolve(env) : fromRoot("figures");
}

export interface SavedFigure {
  svg: string;
  png: string;
}

/**
 * Save a figure as `<dir>/<notebook>-<name>.svg` and `.png`. Names are
 * restricted to [a-z0-9-] so that files are predictable.
 */
export function saveFigure(fig: Element, notebook: string, name: string, dir: string = figuresDir()): SavedFigure {
  const base = slug(notebook) + "-" + slug(name);
  const svg = toSvgString(fig);
  const svgPath = path.join(dir, base + ".svg");
  const pngPath = path.join(dir, base + ".png");
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, svgToPng(svg));
  return { svg: svgPath, png: pngPath };
}

export function slug(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!out) throw new Error("figure name '" + s + "' has no usable characters");
  return out;
}
