// "What did the learner change?" A cheap picture of the workspace and of the directories a step
// watches (every entry's kind, size, mode and change time, lstat only) and of what is mounted
// beneath them. Two pictures, before and after a practice shell, say whether anything changed
// (a shell left without changing anything is a failure, not a pass) and which paths: the grader
// names the files the learner touched, not the ones the lesson would have chosen.
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { mountsBeneath, readMountInfo } from "../overlay/mountinfo.js";
import { RECORD_DIR } from "./shell.js";

const LIMIT = 20_000;

export interface Snapshot {
  /** Absolute path → what lstat says of it. */
  entries: Map<string, string>;
  /** Absolute mount point → its options. */
  mounts: Map<string, string>;
}

/** What one attempt changed, as absolute paths, sorted. */
export interface SnapshotChanges {
  added: string[];
  removed: string[];
  /** Still there, but another kind, size, mode or change time: written, truncated, chmod-ed, replaced by a whiteout. */
  changed: string[];
  mounted: string[];
  unmounted: string[];
}

export function snapshot(roots: readonly string[]): Snapshot {
  const entries = new Map<string, string>();
  const visit = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // work/work is mode 000 rootless, and nobody changes it by hand
    }
    for (const name of names) {
      if (entries.size >= LIMIT) return;
      const path = join(dir, name);
      if (name === RECORD_DIR && roots.includes(dir)) continue; // the practice shell's own record
      try {
        const stats = lstatSync(path);
        entries.set(path, `${stats.mode} ${stats.size} ${stats.rdev} ${stats.ctimeMs}`);
        if (stats.isDirectory()) visit(path);
      } catch {
        // vanished between readdir and lstat
      }
    }
  };
  const mounts = new Map<string, string>();
  const mountInfo = readMountInfo();
  for (const root of roots) {
    visit(root);
    for (const mount of mountsBeneath(root, mountInfo)) mounts.set(mount.mountPoint, `${mount.fsType} ${mount.superOptions}`);
  }
  return { entries, mounts };
}

export function changesBetween(before: Snapshot, after: Snapshot): SnapshotChanges {
  const [added, removed, changed] = compare(before.entries, after.entries);
  const [mounted, unmounted, remounted] = compare(before.mounts, after.mounts);
  return { added, removed, changed, mounted: [...mounted, ...remounted].sort(), unmounted };
}

/** [only after, only before, in both but different], each sorted. */
function compare(before: Map<string, string>, after: Map<string, string>): [string[], string[], string[]] {
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, state] of after) {
    const was = before.get(path);
    if (was === undefined) added.push(path);
    else if (was !== state) changed.push(path);
  }
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return [added.sort(), removed.sort(), changed.sort()];
}
