// Removing what a test left, after it failed or was cut short: mounts beneath a directory of the
// suite's (in this mount namespace, and in any other: the processes whose namespace holds one are
// ours, since nothing else mounts inside the suite's directory), the podman containers and images
// recorded as made, the lesson's own containers whose lesson process is gone, daemons and users.
// Each function returns what it found, so that the caller can fail naming it once it is gone.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { unmountAllBeneath } from "../../src/overlay/mount.js";
import { isWithin, mountsBeneath, readMountInfo } from "../../src/overlay/mountinfo.js";
import { isOrphaned, OWNER_SELECTOR, START_TIME_LABEL } from "../../src/runtime/index.js";
import { findProgram } from "../../src/sys/host.js";
import type { MadeRecord } from "./suite.js";
import { removeTestUser } from "./users.js";

/** Mount points beneath `root` in every process's mount namespace, with the pids that see them. */
export function mountsBeneathAnywhere(root: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let text = "";
    try {
      text = readFileSync(`/proc/${pid}/mountinfo`, "utf8");
    } catch {
      continue; // gone, or a kernel thread
    }
    for (const line of text.split("\n")) {
      const point = line.split(" ")[4]?.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
      if (point === undefined || !isWithin(point, root)) continue;
      found.set(point, [...(found.get(point) ?? []), Number(pid)]);
    }
  }
  return found;
}

/** The inode of a process's mount namespace (stat follows the /proc magic link), or undefined when gone. */
function namespaceOf(pid: number | "self"): number | undefined {
  try {
    return statSync(`/proc/${pid}/ns/mnt`).ino;
  } catch {
    return undefined;
  }
}

/** The parent of a process, from /proc/PID/stat (undefined once it is gone). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command (field 2) may hold spaces and parentheses: count from the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Is `pid` this process or one it started (a lesson, a shell, the lesson's own namespace)? */
function descendsFromUs(pid: number): boolean {
  for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 1 && hops < 64; hops++) {
    if (at === process.pid) return true;
    at = parentOf(at);
  }
  return false;
}

/**
 * Unmount everything beneath `root` here, and end the processes of ours (this process's
 * descendants) that hold a mount beneath it in a namespace of their own: the namespace, and its
 * mounts, go with them. Other processes' namespaces may hold copies of these mounts (a new mount
 * namespace copies every mount there is): those are not ours to end, and removing the directory
 * detaches the copies. Returns the mount points that were ours.
 */
export function clearMountsBeneath(root: string): string[] {
  const before = mountsBeneathAnywhere(root);
  if (before.size === 0) return [];
  unmountAllBeneath(root);
  const own = namespaceOf("self");
  const ours = new Set<string>();
  for (const [point, pids] of before) {
    for (const pid of pids) {
      if (pid === process.pid || namespaceOf(pid) === own) {
        ours.add(point);
        continue;
      }
      if (!descendsFromUs(pid)) continue;
      ours.add(point);
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  return [...ours].sort();
}

/** Mounts cleared, then the directory removed (never through a mount of this namespace: none is left). */
export function removeTree(root: string): string[] {
  const mounts = clearMountsBeneath(root);
  if (mountsBeneath(root, readMountInfo()).length > 0) return mounts;
  try {
    rmSync(root, { recursive: true, force: true });
  } catch {
    // A tree deeper than PATH_MAX (Node builds whole paths): rm walks it from each directory.
    spawnSync("rm", ["-rf", "--one-file-system", root], { stdio: "ignore" });
  }
  return mounts;
}

const podman = (args: readonly string[]): { ok: boolean; stdout: string } => {
  const result = spawnSync("podman", args, { encoding: "utf8", timeout: 120_000, env: { ...process.env, LC_ALL: "C" } });
  return { ok: result.status === 0, stdout: result.stdout ?? "" };
};

/** Recorded podman names that are still a container or an image, removed. */
export function removeRecordedPodmanObjects(records: readonly MadeRecord[]): string[] {
  if (findProgram("podman") === undefined) return [];
  const left: string[] = [];
  const names = [...new Set(records.filter((item) => item.kind === "podman").map((item) => item.name))];
  for (const name of names) {
    if (podman(["container", "exists", name]).ok) {
      podman(["rm", "--force", "--time", "0", "--volumes", name]);
      left.push(`podman container ${name}`);
    }
    if (podman(["image", "exists", name]).ok) {
      podman(["rmi", "--force", name]);
      left.push(`podman image ${name}`);
    }
  }
  return left;
}

/**
 * The lesson's own containers (container-demo labels each with the lesson process that ran it)
 * whose lesson process is gone and started after `sinceTicks` (the suite's start): a lesson the
 * suite ran, killed or broken, and not cleaned up. A person's lesson still running is left alone.
 */
export function removeOrphanedLessonContainers(sinceTicks: number): string[] {
  if (findProgram("podman") === undefined) return [];
  const listed = podman(["ps", "-a", "--filter", `label=${OWNER_SELECTOR}`, "--format", "json"]);
  if (!listed.ok || listed.stdout.trim() === "") return [];
  const containers = JSON.parse(listed.stdout) as Array<{ Names?: string[]; Labels?: Record<string, string> }>;
  const left: string[] = [];
  for (const container of containers) {
    const labels = container.Labels ?? {};
    const name = container.Names?.[0];
    if (name === undefined || !isOrphaned(labels) || Number(labels[START_TIME_LABEL] ?? 0) < sinceTicks) continue;
    podman(["rm", "--force", "--time", "0", name]);
    left.push(`podman container ${name} (a lesson's, its lesson process gone)`);
  }
  return left;
}

/** Recorded daemons still running, killed; recorded users still there, removed. */
export function removeRecordedDaemonsAndUsers(records: readonly MadeRecord[]): string[] {
  const left: string[] = [];
  for (const record of records.filter((item) => item.kind === "daemon")) {
    try {
      process.kill(Number(record.name), 0);
    } catch {
      continue;
    }
    process.kill(Number(record.name), "SIGKILL");
    left.push(`daemon pid ${record.name}${record.note ? ` (${record.note})` : ""}`);
  }
  for (const record of records.filter((item) => item.kind === "user")) {
    if (spawnSync("id", ["-u", record.name], { stdio: "ignore" }).status !== 0) continue;
    // Their processes (a rootless podman's pause process) would keep userdel from removing them.
    removeTestUser(record.name);
    left.push(`user ${record.name}${record.note ? ` (${record.note})` : ""}`);
  }
  return left;
}
