// Every overlay mount on the host, in every mount namespace, with its layers resolved to real
// directories. Read-only: it reads /proc and lstats and readlinks layer paths, nothing else.
// It never follows a symlink except a store's `l/SHORTID` link, and only to a directory inside
// that store, by readlink and path arithmetic (an absolute symlink met beneath /proc/<pid>/root
// would be resolved against our root, not the namespace's).
import { lstatSync, readFileSync, readlinkSync } from "node:fs";
import { posix } from "node:path";
import { isWithin, type MountEntry, type OverlayOptions, parseMountInfoLine, parseOverlayOptions, readMountInfo } from "./mountinfo.js";
import { hostPath, listMountNamespaces, type MountNamespace, type ProcessName, procFailure, userProcess } from "./namespaces.js";

export { type OverlayOptions, parseLowerdir, parseOverlayOptions } from "./mountinfo.js";
export { hostPath, type MountNamespace, type ProcessName } from "./namespaces.js";

/** What discovery could not make of an overlay's layer paths: data, put in words by inspect (inspect/layer-problems.ts). */
export type LayerProblem =
  | { kind: "unreadable"; path: string; code: string }
  | { kind: "not-directory"; path: string }
  | { kind: "foreign-symlink"; path: string }
  | { kind: "link-vanished"; path: string; code: string }
  | { kind: "link-outside"; path: string; target: string; store: string }
  | { kind: "link-not-directory"; path: string; resolved: string }
  | { kind: "relative-unfound"; paths: string[] }
  | { kind: "relative-guess"; paths: string[]; base: string }
  | { kind: "upper-unreadable"; path: string };

export interface DiscoveredOverlay {
  /** Where it is mounted, as seen in its namespace; reach it with hostPath(namespace, …). */
  mountPoint: string;
  namespace: MountNamespace;
  mountId: number;
  /** major:minor of the overlay's superblock: the same in every namespace that sees it. */
  device: string;
  fsType: string;
  source: string;
  /** The lower layers as mountinfo lists them (`lowerdir+=…,datadir+=…` under the new mount API). */
  rawLowerdir: string;
  /** Absolute real layer directories, top first. One that cannot be resolved stays as shown, with a problem. */
  lower: string[];
  /** Data-only lower layers (after `::`, or `datadir+`): reached only through metacopy redirects. */
  dataLower: string[];
  upper?: string;
  work?: string;
  /** The other super options: userxattr, redirect_dir, metacopy, index, xino, uuid … */
  options: Record<string, string>;
  problems: LayerProblem[];
}

export interface Discovery {
  overlays: DiscoveredOverlay[];
  /** The namespaces whose mountinfo was read, ours first. */
  namespaces: MountNamespace[];
  /** Processes whose namespace could not be read (not root), by pid: overlays there are not listed. */
  unreadable: ProcessName[];
}

export interface DiscoverOptions {
  /** Look into other mount namespaces too (default true). */
  allNamespaces?: boolean;
}

interface Resolved {
  path: string;
  problem?: LayerProblem;
}

function lstatIn(namespace: MountNamespace, path: string) {
  try {
    return lstatSync(hostPath(namespace, path));
  } catch (error) {
    return error instanceof Error && "code" in error ? String(error.code) : "error";
  }
}

/**
 * Relative layers: docker's overlay2 (moby daemon/graphdriver/overlay2/overlay.go, Driver.Get),
 * when the options would exceed a page, mounts from its store directory with
 * `lowerdir=l/A:l/B,upperdir=<id>/diff,workdir=<id>/work` onto `<id>/merged`; containerd
 * (core/mount/mount_linux.go, compactLowerdirOption) chdirs to `…/snapshots` and writes
 * `lowerdir=12/fs:11/fs` with an absolute upperdir. So the base is the grandparent of an absolute
 * upperdir, or the grandparent of the mount point. A hand-made mount (`cd workspace && mount -o
 * lowerdir=image,… a/merged`, as features-demo mounts) was resolved against a working directory
 * we cannot know: any ancestor of the mount point may be it. The kernel tells which: an overlay's
 * root directory keeps the inode number of its top layer's root (upper, or the first lower) when
 * its layers share a filesystem, so where that top layer's path is relative, the one base whose
 * top layer is that inode is the one. A base no inode confirms (an absolute upper confirms none)
 * is only a guess, and said to be one.
 */
function relativeBase(parsed: OverlayOptions, mountPoint: string, namespace: MountNamespace) {
  const { upper } = parsed;
  const top = upper ?? parsed.lower[0];
  const entries = [...parsed.lower, ...parsed.dataLower, upper, parsed.work].filter((entry) => entry !== undefined);
  const relative = entries.filter((entry) => !entry.startsWith("/"));
  if (relative.length === 0) return { base: undefined, guess: false, relative };
  const candidates = [
    { base: upper?.startsWith("/") ? posix.dirname(posix.dirname(upper)) : undefined, guess: false },
    // docker's shape: its upper is relative too (an absolute one beside relative lowers is not its).
    { base: posix.dirname(posix.dirname(mountPoint)), guess: upper?.startsWith("/") === true },
    ...ancestors(mountPoint).map((base) => ({ base, guess: true })),
  ];
  // The kernel can confirm a base only through a relative top layer (an absolute one is the same
  // whatever the base), and only where one base alone matches: filesystem roots share inode numbers.
  const rootInode = top?.startsWith("/") === false ? inodeIn(namespace, mountPoint) : undefined;
  const confirmed = new Set<string>();
  // Else the candidate holding the most of them (one layer may have vanished since the mount), the first in that order.
  let best: { base: string; guess: boolean; found: number } | undefined;
  for (const { base, guess } of candidates) {
    if (base === undefined) continue;
    const found = relative.filter((entry) => typeof lstatIn(namespace, posix.join(base, entry)) !== "string").length;
    if (found === 0) continue;
    if (found === relative.length && rootInode !== undefined && inodeIn(namespace, posix.join(base, top ?? "")) === rootInode) {
      confirmed.add(base);
    }
    if (found > (best?.found ?? 0)) best = { base, guess, found };
  }
  const [only] = confirmed;
  if (only !== undefined && confirmed.size === 1) return { base: only, guess: false, relative };
  return { base: best?.base, guess: best?.guess ?? false, relative };
}

/** The mount point's ancestors, nearest first, "/" last. */
function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    found.push(dir);
    if (dir === "/") return found;
  }
}

/** The inode number of `path` (not followed, if a symlink), or undefined where it cannot be read. */
function inodeIn(namespace: MountNamespace, path: string): bigint | undefined {
  try {
    return lstatSync(hostPath(namespace, path), { bigint: true }).ino;
  } catch {
    return undefined;
  }
}

/**
 * A lower that is a store's short link (`<store>/l/SHORTID -> ../<id>/diff`, docker and
 * containers-storage alike) is followed once, and only to a real directory inside the store.
 */
function resolveLayer(path: string, namespace: MountNamespace): Resolved {
  const stats = lstatIn(namespace, path);
  if (typeof stats === "string") return { path, problem: { kind: "unreadable", path, code: stats } };
  if (stats.isDirectory()) return { path };
  if (!stats.isSymbolicLink()) return { path, problem: { kind: "not-directory", path } };
  const linkDirectory = posix.dirname(path);
  if (posix.basename(linkDirectory) !== "l") return { path, problem: { kind: "foreign-symlink", path } };
  const store = posix.dirname(linkDirectory);
  let target: string;
  try {
    target = readlinkSync(hostPath(namespace, path));
  } catch (error) {
    return { path, problem: { kind: "link-vanished", path, code: procFailure(error) } };
  }
  const resolved = posix.resolve(linkDirectory, target);
  if (!isWithin(resolved, store) || resolved === store || isWithin(resolved, linkDirectory)) {
    return { path, problem: { kind: "link-outside", path, target, store } };
  }
  const targetStats = lstatIn(namespace, resolved);
  if (typeof targetStats === "string" || !targetStats.isDirectory()) {
    return { path, problem: { kind: "link-not-directory", path, resolved } };
  }
  return { path: resolved };
}

export function resolveOverlay(entry: MountEntry, rawSuperOptions: string, namespace: MountNamespace): DiscoveredOverlay {
  const parsed = parseOverlayOptions(rawSuperOptions);
  const problems: LayerProblem[] = [];
  const { base, guess, relative } = relativeBase(parsed, entry.mountPoint, namespace);
  if (relative.length > 0 && base === undefined) {
    problems.push({ kind: "relative-unfound", paths: relative });
  } else if (guess) {
    problems.push({ kind: "relative-guess", paths: relative, base: base ?? "" });
  }
  const absolute = (path: string) => (path.startsWith("/") ? posix.normalize(path) : base === undefined ? path : posix.join(base, path));
  const layer = (path: string) => {
    const absolutePath = absolute(path);
    if (!absolutePath.startsWith("/")) return absolutePath;
    const resolved = resolveLayer(absolutePath, namespace);
    if (resolved.problem !== undefined) problems.push(resolved.problem);
    return resolved.path;
  };
  const overlay: DiscoveredOverlay = {
    mountPoint: entry.mountPoint,
    namespace,
    mountId: entry.id,
    device: entry.device,
    fsType: entry.fsType,
    source: entry.source,
    rawLowerdir: parsed.rawLowerdir,
    lower: parsed.lower.map(layer),
    dataLower: parsed.dataLower.map(layer),
    options: parsed.others,
    problems,
  };
  if (parsed.upper !== undefined) {
    overlay.upper = absolute(parsed.upper);
    // An unresolved relative upper is already named above.
    const stats = overlay.upper.startsWith("/") ? lstatIn(namespace, overlay.upper) : undefined;
    if (typeof stats === "string" || stats?.isDirectory() === false) problems.push({ kind: "upper-unreadable", path: overlay.upper });
  }
  if (parsed.work !== undefined) overlay.work = absolute(parsed.work);
  return overlay;
}

/** The overlays in one namespace's mountinfo text. */
export function overlaysInMountInfo(text: string, namespace: MountNamespace): DiscoveredOverlay[] {
  const overlays: DiscoveredOverlay[] = [];
  for (const line of text.split("\n")) {
    const entry = parseMountInfoLine(line);
    if (entry?.fsType !== "overlay") continue;
    // The super options are the line's last field, still escaped: see parseOverlayOptions.
    overlays.push(resolveOverlay(entry, line.trimEnd().split(" ").at(-1) ?? "", namespace));
  }
  return overlays;
}

/**
 * One entry per mount: a mount seen from several namespaces (shared propagation, or a
 * container's root seen from inside) is kept in the first view, ours, where its paths are
 * plain. Bind mounts of one overlay inside a single namespace stay: they are distinct mounts.
 */
export function mergeViews(views: DiscoveredOverlay[][]): DiscoveredOverlay[] {
  const seenBefore = new Set<string>();
  const merged: DiscoveredOverlay[] = [];
  for (const view of views) {
    const keys = view.map((overlay) => [overlay.device, overlay.rawLowerdir, overlay.upper ?? ""].join("\0"));
    view.forEach((overlay, index) => {
      if (!seenBefore.has(keys[index] ?? "")) merged.push(overlay);
    });
    for (const key of keys) seenBefore.add(key);
  }
  return merged;
}

export function discoverOverlays(options: DiscoverOptions = {}): Discovery {
  const scan = listMountNamespaces();
  const wanted = options.allNamespaces === false ? scan.namespaces.filter((namespace) => namespace.own) : scan.namespaces;
  const namespaces: MountNamespace[] = [];
  const views: DiscoveredOverlay[][] = [];
  const unreadable = [...scan.unreadable];
  for (const namespace of wanted) {
    let text: string;
    try {
      text = readFileSync(namespace.own ? "/proc/self/mountinfo" : `/proc/${namespace.pid}/mountinfo`, "utf8");
    } catch (error) {
      if (procFailure(error) === "unreadable") unreadable.push(userProcess(namespace.pid) ?? { pid: namespace.pid, command: "?" });
      continue;
    }
    namespaces.push(namespace);
    views.push(overlaysInMountInfo(text, namespace));
  }
  return { overlays: mergeViews(views), namespaces, unreadable: unreadable.sort((a, b) => a.pid - b.pid) };
}

/**
 * Is an overlay still mounted at `mountPoint` in `namespace`? A live host's containers stop while
 * inspect reads: an overlay that is gone was not unreadable, it is simply no longer there.
 */
export function isStillMounted(mountPoint: string, namespace: MountNamespace): boolean {
  try {
    const entries = readMountInfo(namespace.own ? "/proc/self/mountinfo" : `/proc/${namespace.pid}/mountinfo`);
    return entries.some((entry) => entry.fsType === "overlay" && entry.mountPoint === mountPoint);
  } catch {
    return false; // its namespace's last process is gone, and the mount with it
  }
}
