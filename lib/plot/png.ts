import { Resvg } from "@resvg/resvg-js";
import { theme } from "./theme";

/** Rasterise an SVG string to PNG bytes (scale 2 for crisp figures). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: theme.background,
    font: { loadSystemFonts: true, defaultFontFamily: theme.rasterFont, sansSerifFamily: theme.rasterFont },
  });
  return Buffer.from(r.render().asPng());
}
