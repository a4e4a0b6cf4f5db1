// Workspaces: fresh, unguessable directories that we mark as ours, and the only directories we
// ever remove. Everything here is synchronous: creation must be atomic with respect to signal
// handlers (a workspace is registered in the same tick it is made), and removal runs inside
// teardown.
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  type Stats,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { isAlive, type ProcessIdentity, selfIdentity } from "../sys/process-info.js";
import { fsInfo, UNFIT_UPPER_FS } from "./fsinfo.js";
import { type UnmountOutcome, unmountAllBeneath } from "./mount.js";
import { mountsBeneath, readMountInfo } from "./mountinfo.js";

export const TOOL = "overlay-lesson";
export const PREFIX = "overlay-lesson-";
export const MARKER = ".overlay-lesson.json";

export interface Workspace {
  root: string;
  lower: string;
  upper: string;
  work: string;
  merged: string;
}

export interface Marker extends ProcessIdentity {
  tool: typeof TOOL;
  lesson: string;
  created: string;
  root: string;
  /** Set when the run ended with --keep: the learner owns it now, only `cleanup` removes it. */
  kept?: boolean;
}

export type ParentProblem =
  | { kind: "missing"; path: string }
  | { kind: "not-directory"; path: string }
  | { kind: "symlink"; path: string }
  | { kind: "world-writable"; path: string }
  | { kind: "not-writable"; path: string }
  | { kind: "unfit-fs"; path: string; fsType: string };

/** Check a workspace parent without creating anything. Returns the absolute path or a problem. */
export function checkParent(parent: string): { path: string } | { problem: ParentProblem } {
  const path = resolve(parent);
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { problem: { kind: "missing", path } };
  }
  if (stats.isSymbolicLink()) return { problem: { kind: "symlink", path } };
  if (!stats.isDirectory()) return { problem: { kind: "not-directory", path } };
  // A world-writable directory without the sticky bit lets anyone rename our workspace away
  // and put a symlink in its place between our checks.
  if ((stats.mode & 0o002) !== 0 && (stats.mode & 0o1000) === 0) return { problem: { kind: "world-writable", path } };
  // Rootless, the lesson is an ordinary user: its workspace goes where that user may write.
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
  } catch {
    return { problem: { kind: "not-writable", path } };
  }
  const { type } = fsInfo(path);
  if (UNFIT_UPPER_FS.has(type)) return { problem: { kind: "unfit-fs", path, fsType: type } };
  return { path };
}

export function workspacePaths(root: string): Workspace {
  return {
    root,
    lower: join(root, "lower"),
    upper: join(root, "upper"),
    work: join(root, "work"),
    merged: join(root, "merged"),
  };
}

/**
 * Make a fresh workspace (mkdtemp: 0700, unguessable) with its marker. Returns the paths and
 * calls `register` before anything else can happen, so no signal can strand the directory.
 */
export function createWorkspace(parent: string, lesson: string, register: (root: string) => void): Workspace {
  const root = mkdtempSync(join(parent, PREFIX));
  register(root);
  const marker: Marker = { tool: TOOL, lesson, ...selfIdentity(), created: new Date().toISOString(), root };
  writeFileSync(join(root, MARKER), `${JSON.stringify(marker, null, 2)}\n`, { flag: "wx", mode: 0o600 });
  // The layer directories are the lesson's first step: the learner sees them being made.
  return workspacePaths(root);
}

export function markKept(root: string): void {
  const marker = readMarker(root);
  if (marker === undefined) return;
  writeFileSync(join(root, MARKER), `${JSON.stringify({ ...marker, kept: true }, null, 2)}\n`, { mode: 0o600 });
}

/** Read and validate a marker; undefined when absent, not a regular file, or not ours. */
export function readMarker(root: string): Marker | undefined {
  const path = join(root, MARKER);
  try {
    // O_NOFOLLOW: a marker that is a symlink is never read through.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || stats.size > 64 * 1024) return undefined;
      const parsed: unknown = JSON.parse(readFileSync(fd, "utf8"));
      return isMarker(parsed) ? parsed : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function isMarker(value: unknown): value is Marker {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.tool === TOOL &&
    typeof record.root === "string" &&
    typeof record.lesson === "string" &&
    typeof record.pid === "number" &&
    typeof record.created === "string"
  );
}

export type WorkspaceState =
  | "live" // its lesson is running
  | "kept" // left on purpose with --keep
  | "stale" // its process is gone (killed, crashed)
  | "no-marker"
  | "foreign-marker" // the marker names another path: copied or planted, not ours to remove
  | "symlink"
  | "not-directory"
  | "other-user"; // another user's (rootless) workspace: not ours to read, let alone remove

export interface FoundWorkspace {
  path: string;
  state: WorkspaceState;
  marker?: Marker;
}

export function classifyWorkspace(path: string): FoundWorkspace {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { path, state: "not-directory" };
  }
  if (stats.isSymbolicLink()) return { path, state: "symlink" };
  if (!stats.isDirectory()) return { path, state: "not-directory" };
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && stats.uid !== uid) return { path, state: "other-user" };
  const marker = readMarker(path);
  if (marker === undefined) return { path, state: "no-marker" };
  if (marker.root !== path) return { path, state: "foreign-marker", marker };
  const identity: ProcessIdentity = {
    pid: marker.pid,
    bootId: typeof marker.bootId === "string" ? marker.bootId : "",
    startTime: typeof marker.startTime === "string" ? marker.startTime : "",
  };
  if (isAlive(identity)) return { path, state: "live", marker };
  return { path, state: marker.kept === true ? "kept" : "stale", marker };
}

/** Every directory entry directly under `parent` that looks like one of ours, classified. */
export function findWorkspaces(parent: string): FoundWorkspace[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(PREFIX))
    .sort()
    .map((name) => classifyWorkspace(join(parent, name)));
}

export class RefusedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: WorkspaceState | "still-mounted" | "crosses-filesystem",
  ) {
    super(`refused to remove ${path}: ${reason}`);
  }
}

export interface RemoveOutcome {
  path: string;
  removed: boolean;
  unmounted: UnmountOutcome[];
}

/**
 * Remove a workspace of ours: verify the marker names this very path, unmount everything
 * beneath (deepest first), make sure nothing is mounted any more, then delete without ever
 * following a symlink or crossing into another filesystem.
 */
export function removeWorkspace(path: string): RemoveOutcome {
  const found = classifyWorkspace(path);
  if (found.state === "not-directory") {
    // Already gone is fine; anything else that is not a directory is not ours to touch.
    try {
      lstatSync(path);
    } catch {
      return { path, removed: false, unmounted: [] };
    }
    throw new RefusedError(path, found.state);
  }
  if (found.state === "symlink" || found.state === "no-marker" || found.state === "foreign-marker" || found.state === "other-user") {
    throw new RefusedError(path, found.state);
  }
  const unmounted = unmountAllBeneath(path);
  if (mountsBeneath(path, readMountInfo()).length > 0) throw new RefusedError(path, "still-mounted");
  removeTree(path, lstatSync(path).dev);
  return { path, removed: true, unmounted };
}

function removeTree(path: string, device: number): void {
  const stats = lstatSync(path);
  if (!stats.isDirectory()) {
    unlinkSync(path); // a symlink is unlinked itself, never followed
    return;
  }
  if (stats.dev !== device) throw new RefusedError(path, "crosses-filesystem");
  for (const name of readableEntries(path, stats)) removeTree(join(path, name), device);
  rmdirSync(path);
}

/**
 * A directory's entries. The kernel leaves an overlay's work/work with mode 000; a user who owns
 * it (a rootless lesson's, removed from outside its namespace) gives itself access first. lstat
 * said it is a directory, and chmod on a directory we own changes nothing else.
 */
function readableEntries(path: string, stats: Stats): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    const denied = error instanceof Error && "code" in error && error.code === "EACCES";
    if (!denied || stats.uid !== process.getuid?.()) throw error;
    chmodSync(path, 0o700);
    return readdirSync(path);
  }
}
