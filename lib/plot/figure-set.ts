import type { Figure } from "./plot";
import { saveFigure, type SavedFigure } from "./save";
import { show } from "./show";

/** A notebook's figures: show inline and save under the notebook's name. */
export interface FigureSet {
  readonly notebook: string;
  /** Show inline (in a notebook) and save as SVG + PNG (paths are added to `saved`). */
  emit(name: string, fig: Figure): void;
  /** Paths saved so far. */
  readonly saved: SavedFigure[];
}

/** Create the figure set of notebook `notebook` (used in file names). */
export function figureSet(notebook: string): FigureSet {
  const saved: SavedFigure[] = [];
  return {
    notebook,
    saved,
    emit(name, fig) {
      show(fig);
      const s = saveFigure(fig, notebook, name);
      saved.push(s);
    },
  };
}
