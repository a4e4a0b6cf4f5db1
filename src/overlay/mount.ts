// Mounting and unmounting overlays. Building the argv is pure (and tested); unmounting is
// synchronous because it runs inside teardown (see sys/cleanup.ts).
import { runCommandSync } from "../sys/exec.js";
import { findHolders, type Holder } from "./holders.js";
import { isMountPoint, mountsBeneath, readMountInfo } from "./mountinfo.js";

export interface OverlaySpec {
  /** Top first: the leftmost lowerdir wins. */
  lower: readonly string[];
  /**
   * Data-only lower layers (Linux 6.5), given after `::`: their paths never show in merged, only
   * their files' data does, through the redirect of a metacopy file in a layer above.
   */
  dataLower?: readonly string[];
  upper: string;
  work: string;
  merged: string;
  /** Keep overlay's notes in `user.overlay.*` xattrs: what an unprivileged (rootless) mount needs. */
  userxattr?: boolean;
  /** Further overlay options, each as `mount -o` takes it: `metacopy=on`, `index=off`, `volatile`… */
  options?: readonly string[];
}

export function overlayMountArgv(spec: OverlaySpec): string[] {
  const lowerdir = [spec.lower.join(":"), ...(spec.dataLower ?? [])].join("::");
  const options = [`lowerdir=${lowerdir}`, `upperdir=${spec.upper}`, `workdir=${spec.work}`, ...(spec.options ?? [])];
  if (spec.userxattr === true) options.push("userxattr");
  return ["mount", "-t", "overlay", "overlay", "-o", options.join(","), spec.merged];
}

/** A tmpfs of `sizeBytes` at `target`: a filesystem of its own, in memory. */
export function tmpfsMountArgv(target: string, sizeBytes: number): string[] {
  return ["mount", "-t", "tmpfs", "-o", `size=${sizeBytes}`, "tmpfs", target];
}

export interface UnmountOutcome {
  path: string;
  /** False when nothing was mounted there (already gone). */
  wasMounted: boolean;
  /** True when the mount was busy and had to be detached lazily (umount -l). */
  lazy: boolean;
  holders: Holder[];
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const BUSY_RETRIES = 5;

/**
 * Unmount one mount point. A busy mount (a shell whose cwd is inside merged, a process still
 * closing a file) is retried with growing pauses, then detached lazily so that teardown always
 * completes; the processes that held it are reported so the learner can see why.
 */
export function unmountSync(path: string): UnmountOutcome {
  if (!isMountPoint(path)) return { path, wasMounted: false, lazy: false, holders: [] };
  let lastError = "";
  for (let attempt = 0; attempt < BUSY_RETRIES; attempt++) {
    const result = runCommandSync(["umount", path]);
    if (result.exitCode === 0 || !isMountPoint(path)) return { path, wasMounted: true, lazy: false, holders: [] };
    lastError = result.stderr;
    sleepSync(50 * (attempt + 1));
  }
  const holders = findHolders(path);
  const lazy = runCommandSync(["umount", "-l", path]);
  if (lazy.exitCode !== 0 && isMountPoint(path)) {
    throw new Error(`umount ${path} failed: ${lazy.stderr || lastError}`);
  }
  return { path, wasMounted: true, lazy: true, holders };
}

/** Unmount everything at or beneath `root`, deepest first. */
export function unmountAllBeneath(root: string): UnmountOutcome[] {
  const outcomes: UnmountOutcome[] = [];
  // A path can carry several stacked mounts; loop until none is left or no progress is made.
  for (let pass = 0; pass < 10; pass++) {
    const mounts = mountsBeneath(root, readMountInfo());
    if (mounts.length === 0) break;
    for (const mount of mounts) outcomes.push(unmountSync(mount.mountPoint));
  }
  return outcomes;
}
