import * as Plot from "@observablehq/plot";
import { plotDocument } from "./dom";
import { theme } from "./theme";

/** Plot options plus evalbook's additions. */
export type FigureOptions = Plot.PlotOptions & {
  /** Figure drawn from simulated data: a visible label is added to the subtitle. */
  simulated?: boolean;
};

/** What Plot returns in Node: an SVG element, or an HTML figure wrapping it. */
export type Figure = (SVGSVGElement | HTMLElement) & Plot.Plot;

/**
 * Render an Observable Plot spec in Node with the house style. Defaults
 * (size, fonts, grid, categorical colours) can be overridden by `options`.
 * With `simulated: true` the subtitle carries the simulated-data label.
 */
export function plot(options: FigureOptions): Figure {
  const { simulated, ...rest } = options;
  const style = typeof rest.style === "object" && rest.style !== null ? rest.style : {};
  const opts: Plot.PlotOptions = {
    width: theme.width,
    height: theme.height,
    grid: true,
    ...rest,
    style: {
      fontFamily: theme.fontFamily,
      fontSize: theme.fontSize + "px",
      background: theme.background,
      color: theme.textColor,
      overflow: "visible",
      ...(style as object),
    },
    document: plotDocument(),
  };
  if (simulated) {
    const sub = rest.subtitle === undefined || rest.subtitle === null ? "" : String(rest.subtitle) + " — ";
    opts.subtitle = sub + theme.simulatedLabel;
  }
  return Plot.plot(opts) as Figure;
}
