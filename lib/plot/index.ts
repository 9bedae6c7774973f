/** Figures: Observable Plot in Node with the house style, inline display, SVG/PNG export. */
export { plot, type Figure, type FigureOptions } from "./plot";
export * as Plot from "@observablehq/plot";
export { theme } from "./theme";
export { toSvgString, textWidth } from "./svg";
export { svgToPng } from "./png";
export { show, showMarkdown, showHtml, display, inNotebook } from "./show";
export { saveFigure, figuresDir, slug, type SavedFigure } from "./save";
export { figureSet, type FigureSet } from "./figure-set";
