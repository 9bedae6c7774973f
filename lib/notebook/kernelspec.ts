import * as path from "node:path";

/** The kernelspec directory evalbook installs into (project-local unless `user`). */
export function kernelSpecDir(root: string, user: boolean, env: NodeJS.ProcessEnv = process.env): string {
  if (user) {
    const home = env.HOME ?? "~";
    return path.join(env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "jupyter", "kernels", "tslab");
  }
  return path.join(root, ".jupyter", "share", "jupyter", "kernels", "tslab");
}
