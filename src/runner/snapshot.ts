// "Did the learner change anything?" A cheap fingerprint of the workspace (every entry's kind,
// size, mode and change time, lstat only) and of what is mounted beneath it. A practice shell
// left without changing anything is a failure, not a pass.
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { mountsBeneath, readMountInfo } from "../overlay/mountinfo.js";

const LIMIT = 20_000;

export function snapshot(root: string): string {
  const lines: string[] = [];
  const visit = (relative: string): void => {
    let names: string[];
    try {
      names = readdirSync(join(root, relative)).sort();
    } catch {
      return; // work/work is mode 000 rootless, and nobody changes it by hand
    }
    for (const name of names) {
      if (lines.length >= LIMIT) return;
      const path = relative === "" ? name : `${relative}/${name}`;
      try {
        const stats = lstatSync(join(root, path));
        lines.push(`${path} ${stats.mode} ${stats.size} ${stats.rdev} ${stats.ctimeMs}`);
        if (stats.isDirectory()) visit(path);
      } catch {
        // vanished between readdir and lstat
      }
    }
  };
  visit("");
  for (const mount of mountsBeneath(root, readMountInfo())) lines.push(`mount ${mount.mountPoint} ${mount.superOptions}`);
  return lines.join("\n");
}
