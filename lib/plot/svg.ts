import { theme } from "./theme";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/**
 * Serialise a rendered Plot figure as a standalone SVG document string, with
 * a white margin and the house font.
 *
 * A bare `<svg>` is nested in the exported one as it is. An HTML `<figure>`
 * (Plot returns one when there is a title, subtitle, caption or swatch
 * legend) is laid out into one SVG: title and subtitle lines, swatch legends
 * as SVG swatches with labels, the plot (and any ramp legends) as nested
 * `<svg>` elements, then the caption, each wrapped to the figure width.
 */
export function toSvgString(fig: Element): string {
  return figureToSvg(fig);
}

/** White margin around every exported figure, so that labels at the edge are never clipped. */
const PAD = 10;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function num(v: string | null, fallback: number): number {
  const n = v === null ? NaN : parseFloat(v);
  return Number.isFinite(n) ? n : fallback;
}

/** Outer markup of an <svg> with namespaces, positioned at (x, y) inside the exported figure. */
function standaloneSvg(svg: Element, x: number, y: number): string {
  const clone = svg.cloneNode(true) as Element;
  clone.setAttribute("xmlns", SVG_NS);
  clone.setAttribute("xmlns:xlink", XLINK_NS);
  clone.setAttribute("x", String(x));
  clone.setAttribute("y", String(y));
  return clone.outerHTML;
}

/** Approximate advance width of text in DejaVu Sans at `size` px. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    if (/[ilI.,:;'|!]/.test(ch)) w += 0.32;
    else if (/[mwMW@]/.test(ch)) w += 0.9;
    else if (/[A-Z0-9]/.test(ch)) w += 0.68;
    else if (ch === " ") w += 0.32;
    else w += 0.58;
  }
  return w * size;
}

/** Greedy word wrap to `width` px. */
function wrap(text: string, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    const next = cur ? cur + " " + w : w;
    if (cur && textWidth(next, size) > width) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

function figureToSvg(fig: Element): string {
  const children = fig.tagName.toLowerCase() === "svg" ? [fig] : Array.from(fig.children);
  const svgs = children.filter((c) => c.tagName.toLowerCase() === "svg");
  const width = Math.max(0, ...svgs.map((s) => num(s.getAttribute("width"), 0))) || theme.width;
  const parts: string[] = [];
  let y = 0;
  const textBlock = (text: string, size: number, color: string, weight: string) => {
    for (const line of wrap(text, size, width)) {
      y += size * 1.25;
      parts.push(`<text x="0" y="${y.toFixed(1)}" font-size="${size}" fill="${color}" font-weight="${weight}">${esc(line)}</text>`);
    }
    y += size * 0.4;
  };
  for (const child of children) {
    const tag = child.tagName.toLowerCase();
    if (tag === "style") continue;
    if (tag === "h2") textBlock(child.textContent ?? "", theme.titleSize, theme.textColor, "bold");
    else if (tag === "h3") textBlock(child.textContent ?? "", theme.subtitleSize, theme.mutedColor, "normal");
    else if (tag === "figcaption") {
      y += 4;
      textBlock(child.textContent ?? "", theme.captionSize, theme.mutedColor, "normal");
    } else if (tag === "svg") {
      parts.push(standaloneSvg(child, 0, y));
      y += num(child.getAttribute("height"), 0);
    } else if (tag === "div" && /-swatches\b/.test(child.getAttribute("class") ?? "")) {
      y += layoutSwatches(child, y, width, parts);
    } else if (tag === "div" || tag === "span") {
      const nested = Array.from(child.querySelectorAll("svg"));
      if (nested.length) {
        for (const s of nested) {
          parts.push(standaloneSvg(s, 0, y));
          y += num(s.getAttribute("height"), 0);
        }
      } else if ((child.textContent ?? "").trim()) textBlock(child.textContent ?? "", theme.fontSize, theme.textColor, "normal");
    }
  }
  const height = Math.ceil(y + 2) + 2 * PAD;
  const outerWidth = width + 2 * PAD;
  return (
    `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" width="${outerWidth}" height="${height}" viewBox="0 0 ${outerWidth} ${height}" font-family="${theme.fontFamily}" font-size="${theme.fontSize}">` +
    `<rect width="100%" height="100%" fill="${theme.background}"/>` +
    `<g transform="translate(${PAD},${PAD})">` +
    parts.join("") +
    `</g></svg>`
  );
}

/** Lay out a Plot swatch legend; returns its height. */
function layoutSwatches(div: Element, y0: number, width: number, parts: string[]): number {
  const items = Array.from(div.children).filter((c) => /-swatch\b/.test(c.getAttribute("class") ?? "") || c.tagName.toLowerCase() === "span");
  const size = theme.fontSize;
  let x = 0;
  let row = 0;
  let rowHeight = 0;
  const gap = 12;
  for (const item of items) {
    const sw = item.querySelector("svg");
    const label = (item.textContent ?? "").trim();
    const sw_w = sw ? num(sw.getAttribute("width"), 15) : 0;
    const sw_h = sw ? num(sw.getAttribute("height"), 15) : 0;
    const w = sw_w + 4 + textWidth(label, size);
    if (x > 0 && x + w > width) {
      x = 0;
      row += rowHeight + 4;
      rowHeight = 0;
    }
    const h = Math.max(sw_h, size * 1.2);
    if (sw) parts.push(standaloneSvg(sw, x, y0 + row + (h - sw_h) / 2));
    parts.push(`<text x="${(x + sw_w + 4).toFixed(1)}" y="${(y0 + row + h / 2 + size * 0.35).toFixed(1)}" font-size="${size}" fill="${theme.textColor}">${esc(label)}</text>`);
    x += w + gap;
    rowHeight = Math.max(rowHeight, h);
  }
  return items.length ? row + rowHeight + 8 : 0;
}
