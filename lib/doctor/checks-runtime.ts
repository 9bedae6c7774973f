import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import type { CheckResult, DoctorContext } from "./check";

function versionAtLeast(v: string, min: string): boolean {
  const a = v.replace(/^v/, "").split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** Node.js version against package.json engines. */
export function checkNode(ctx: DoctorContext): CheckResult {
  const pkg = JSON.parse(fs.readFileSync(path.join(ctx.root, "package.json"), "utf8"));
  const min = String(pkg.engines?.node ?? ">=20.19").replace(/^>=\s*/, "");
  const ok = versionAtLeast(process.version, min);
  return ok
    ? { check: "node", status: "ok", detail: "Node " + process.version + " (needs >= " + min + ")" }
    : { check: "node", status: "fail", detail: "Node " + process.version + " is older than " + min, fix: "install Node >= " + min + " (ESM packages are loaded with require() inside tslab)" };
}

/** npm version: npm 11 honours package.json allowScripts (offline install). */
export function checkNpm(): CheckResult {
  let v = "";
  try {
    v = execFileSync("npm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return { check: "npm", status: "warn", detail: "npm not found on PATH", fix: "install npm 11 (comes with current Node)" };
  }
  return versionAtLeast(v, "11.0.0")
    ? { check: "npm", status: "ok", detail: "npm " + v }
    : { check: "npm", status: "warn", detail: "npm " + v + " ignores allowScripts: onnxruntime-node's postinstall will try to download CUDA libraries", fix: "use npm 11, or install with ONNXRUNTIME_NODE_INSTALL=skip" };
}

/** Installed packages that the notebooks and predictors need. */
export function checkPackages(ctx: DoctorContext): CheckResult[] {
  const req = createRequire(path.join(ctx.root, "package.json"));
  const out: CheckResult[] = [];
  for (const [name, what, optional] of [
    ["tslab/dist/converter", "tslab (notebook kernel and headless runner)", false],
    ["@resvg/resvg-js", "resvg (PNG export)", false],
    ["jsdom", "jsdom (Plot in Node)", false],
    ["onnxruntime-node", "onnxruntime-node (ONNX predictors)", true],
  ] as const) {
    try {
      req(name);
      out.push({ check: "package", status: "ok", detail: what + " loads" });
    } catch (e) {
      out.push({
        check: "package",
        status: optional ? "warn" : "fail",
        detail: what + " does not load: " + String((e as Error).message).split("\n")[0],
        fix: "run npm ci in " + ctx.root,
      });
    }
  }
  return out;
}

/** The font used for PNG export. */
export function checkFonts(): CheckResult {
  const candidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans.ttf"];
  const found = candidates.find((f) => fs.existsSync(f));
  return found
    ? { check: "fonts", status: "ok", detail: "DejaVu Sans at " + found }
    : { check: "fonts", status: "warn", detail: "DejaVu Sans not found: PNG figures fall back to another font", fix: "apt-get install fonts-dejavu-core" };
}
