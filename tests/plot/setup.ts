export { plot, svgToPng, theme, toSvgString } from "../../lib/plot/index";
export { seededRng as seededRngForTest } from "../../lib/random/seeded";
