/**
 * The house style shared by every evalbook figure: one font, one size scale,
 * one categorical colour scheme, white background.
 */
export const theme = {
  fontFamily: "DejaVu Sans, Verdana, sans-serif",
  /** Font used by the PNG rasteriser (installed from Debian's fonts-dejavu-core). */
  rasterFont: "DejaVu Sans",
  fontSize: 12,
  titleSize: 16,
  subtitleSize: 13,
  captionSize: 11,
  textColor: "#222222",
  mutedColor: "#555555",
  background: "#ffffff",
  width: 640,
  height: 400,
  /** Categorical colours (Observable 10). */
  categorical: ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"],
  /** Colour for "reference / reported" values drawn next to ours. */
  reference: "#9498a0",
  /** Label added to every figure drawn from simulated data. */
  simulatedLabel: "SIMULATED DATA (offline simulated model; not a real result)",
} as const;
