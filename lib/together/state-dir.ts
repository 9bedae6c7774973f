import * as path from "node:path";
import { projectRoot } from "../io/paths";

/**
 * Directory of the local Together ledgers (uploaded files, fine-tune jobs,
 * endpoints): `<runDir>/together/` when a run directory is given, else
 * `<project>/.evalbook/together/` (git-ignored).
 */
export function togetherStateDir(runDir?: string): string {
  return runDir ? path.join(path.resolve(runDir), "together") : path.join(projectRoot(), ".evalbook", "together");
}
