import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import type { CheckResult, DoctorContext } from "./check";
import { kernelSpecDir } from "../notebook/kernelspec";

function pythonHas(python: string, module: string): boolean {
  try {
    execFileSync(python, ["-c", "import " + module], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Jupyter (optional): nbclient for real-kernel runs, and the kernel registration. */
export function checkJupyter(ctx: DoctorContext): CheckResult[] {
  const out: CheckResult[] = [];
  const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  const hasClient = pythonHas(python, "nbclient");
  out.push(
    hasClient
      ? { check: "jupyter", status: "ok", detail: "nbclient available to " + python }
      : {
          check: "jupyter",
          status: "info",
          detail: "Jupyter not installed (optional: `evalbook run` executes notebooks without it)",
          fix: "apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel jupyter-notebook",
        },
  );
  const local = path.join(kernelSpecDir(ctx.root, false), "kernel.json");
  const user = path.join(kernelSpecDir(ctx.root, true, ctx.env), "kernel.json");
  const found = [local, user].find((f) => fs.existsSync(f));
  if (!found) {
    out.push({ check: "kernel", status: "info", detail: "tslab kernel not registered", fix: "npm run kernel (then JUPYTER_PATH=" + path.join(ctx.root, ".jupyter", "share", "jupyter") + ")" });
  } else {
    const spec = JSON.parse(fs.readFileSync(found, "utf8")) as { argv?: string[] };
    const launcher = spec.argv?.[1] ?? "";
    out.push(
      fs.existsSync(launcher)
        ? { check: "kernel", status: "ok", detail: "tslab kernel registered in " + path.dirname(found) }
        : { check: "kernel", status: "warn", detail: "kernel at " + path.dirname(found) + " points to a missing launcher " + launcher, fix: "npm run kernel" },
    );
  }
  return out;
}
