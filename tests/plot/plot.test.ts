import { describe, expect, it } from "vitest";
import * as Plot from "@observablehq/plot";
import { plot, seededRngForTest, svgToPng, theme, toSvgString } from "./setup";

/** Seeded data so that snapshots are stable. */
function data(n: number, seed: number) {
  const rng = seededRngForTest(seed);
  return Array.from({ length: n }, (_, i) => ({ x: i, y: Math.round(rng.normal(10, 3) * 1000) / 1000, group: ["a", "b", "c"][i % 3] }));
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("plot helpers", () => {
  it("renders a bare SVG plot in the house style (snapshot)", async () => {
    const fig = plot({ marks: [Plot.dot(data(30, 1), { x: "x", y: "y" })], width: 400, height: 250 });
    expect(fig.tagName.toLowerCase()).toBe("svg");
    const svg = toSvgString(fig);
    expect(svg).toMatch(/^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The plot is nested inside a 10 px white margin.
    expect(svg).toMatch(/^<svg[^>]* width="420" height="272"/);
    expect(svg).toContain('font-family="' + theme.fontFamily + '"');
    await expect(svg).toMatchFileSnapshot("__snapshots__/dots.svg");
    const size = pngSize(svgToPng(svg));
    expect(size).toEqual({ width: 840, height: 544 });
  });

  it("turns a <figure> with title, subtitle, caption and swatch legend into one SVG (snapshot)", async () => {
    const fig = plot({
      title: "Scores by group",
      subtitle: "seeded data",
      caption: "Each dot is one sample.",
      color: { legend: true },
      width: 500,
      height: 260,
      marks: [Plot.dot(data(24, 2), { x: "x", y: "y", fill: "group" })],
    });
    expect(fig.tagName.toLowerCase()).toBe("figure");
    const svg = toSvgString(fig);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("<figure");
    expect(svg).not.toContain("<h2");
    for (const t of ["Scores by group", "seeded data", "Each dot is one sample.", ">a<", ">b<", ">c<"]) expect(svg).toContain(t);
    // The plot itself is nested below the title block, legend swatches are SVG rects.
    expect(svg.match(/<svg/g)!.length).toBeGreaterThanOrEqual(5);
    await expect(svg).toMatchFileSnapshot("__snapshots__/figure-legend.svg");
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height).toBeGreaterThan(260 + 40);
    const size = pngSize(svgToPng(svg, 1));
    expect(size.width).toBe(520);
    expect(size.height).toBe(height);
  });

  it("labels figures drawn from simulated data", () => {
    const fig = plot({ simulated: true, subtitle: "judge accuracy", marks: [Plot.ruleY([0])] });
    expect(toSvgString(fig)).toContain("judge accuracy — " + theme.simulatedLabel);
    const bare = plot({ simulated: true, marks: [Plot.ruleY([0])] });
    expect(toSvgString(bare)).toContain(theme.simulatedLabel);
  });

  it("escapes text and wraps long captions to the figure width", () => {
    const long = Array.from({ length: 60 }, (_, i) => "word" + i).join(" ");
    const svg = toSvgString(plot({ title: "a < b & c", caption: long, marks: [Plot.ruleY([0])] }));
    expect(svg).toContain("a &lt; b &amp; c");
    const captionLines = (svg.match(/font-size="11"/g) ?? []).length;
    expect(captionLines).toBeGreaterThan(2);
  });
});
