// Every mount namespace on the host, each with one process that can reach into it. A container's
// overlay may be mounted only in its own namespace (rootless podman, some runtimes): our own
// /proc/self/mountinfo does not show it, /proc/<pid>/mountinfo of a process inside does.
// Processes come and go while we scan: one that vanishes is skipped, never an error. Kernel
// threads are skipped too: they run in the kernel's own namespaces (kdevtmpfs keeps one of its
// own for devtmpfs), mount no overlay, and only root may read their links, so a user would
// otherwise be told of a hundred namespaces it "could not read" where no overlay can hide.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface MountNamespace {
  /** The inode of /proc/<pid>/ns/mnt (`mnt:[4026531841]`): the namespace's identity. */
  inode: number;
  /** A process in the namespace; /proc/<pid>/root reaches the namespace's paths from ours. */
  pid: number;
  /** The namespace this program runs in: its paths are used as they are. */
  own: boolean;
}

/** A process, as a person recognises it: its pid and its command name (/proc/<pid>/comm). */
export interface ProcessName {
  pid: number;
  command: string;
}

export interface NamespaceScan {
  /** Our own namespace first, then the others by their lowest pid. */
  namespaces: MountNamespace[];
  /**
   * Processes whose namespace we may not read (another user's, when we are not root), by pid. They
   * may hold overlays we cannot see, so a caller says so instead of claiming to have seen everything.
   */
  unreadable: ProcessName[];
}

/** Why a read under /proc failed: the process is gone (skip it), or we may not look (count it). */
export type ProcFailure = "vanished" | "unreadable";

export function procFailure(error: unknown): ProcFailure {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  return code === "EACCES" || code === "EPERM" ? "unreadable" : "vanished";
}

/** The path that reaches `path`, as seen in `namespace`, from this program's namespace. */
export function hostPath(namespace: MountNamespace, path: string): string {
  if (namespace.own) return path;
  // /proc/<pid>/root is the process's root directory in its own mount namespace. An absolute
  // symlink met beneath it is resolved against *our* root, so callers never follow one.
  return `/proc/${namespace.pid}/root${path === "/" ? "" : path}`;
}

const NAMESPACE_LINK = /^mnt:\[(\d+)\]$/;

/** The namespace inode of a process, or why it could not be read. */
export function namespaceInode(pid: number | "self"): number | ProcFailure {
  try {
    const match = NAMESPACE_LINK.exec(readlinkSync(`/proc/${pid}/ns/mnt`));
    return match?.[1] === undefined ? "vanished" : Number(match[1]);
  } catch (error) {
    return procFailure(error);
  }
}

/** PF_KTHREAD in the flags of /proc/<pid>/stat (include/linux/sched.h): a kernel thread. */
const PF_KTHREAD = 0x00200000;

/**
 * The fields of /proc/<pid>/stat after the command name, which is in parentheses and may itself
 * hold spaces and parentheses (so the last ")" ends it); undefined when the process is gone.
 */
function statOf(pid: number): { command: string; fields: string[] } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    return { command: text.slice(text.indexOf("(") + 1, close), fields: text.slice(close + 2).split(" ") };
  } catch {
    return undefined;
  }
}

/** The process's name, or undefined for a kernel thread or a process that is gone. stat is world-readable. */
export function userProcess(pid: number): ProcessName | undefined {
  const stat = statOf(pid);
  // fields[0] is the state (stat's 3rd field): flags are stat's 9th, fields[6].
  if (stat === undefined || (Number(stat.fields[6]) & PF_KTHREAD) !== 0) return undefined;
  return { pid, command: stat.command };
}

export function listMountNamespaces(): NamespaceScan {
  const ownInode = namespaceInode("self");
  const namespaces: MountNamespace[] = [];
  const seen = new Set<number>();
  if (typeof ownInode === "number") {
    namespaces.push({ inode: ownInode, pid: process.pid, own: true });
    seen.add(ownInode);
  }
  const unreadable: ProcessName[] = [];
  const pids = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  for (const pid of pids) {
    const inode = namespaceInode(pid);
    if (inode === "vanished" || (typeof inode === "number" && seen.has(inode))) continue;
    // Only a namespace not seen before, or one we may not read, needs to know who the process is.
    const owner = userProcess(pid);
    if (owner === undefined) continue;
    if (inode === "unreadable") {
      unreadable.push(owner);
      continue;
    }
    seen.add(inode);
    namespaces.push({ inode, pid, own: false });
  }
  return { namespaces, unreadable };
}
