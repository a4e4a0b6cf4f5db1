// One path in one layer, as the kernel recorded it, and the one place that says what overlayfs's
// marks are (the kernel's Documentation/filesystems/overlayfs.rst): a whiteout is a character
// device 0:0; an opaque directory carries `<namespace>.overlay.opaque` = "y" ("x" marks one that
// may hold xwhiteouts, which is not opaque); a copy-up is the upper's copy of an entry the image
// shows at the same path. lstat only (a symlink is a symlink, never followed); xattrs read exactly
// on directories, where they decide what lower layers show.
import { lstatSync, type Stats } from "node:fs";
import { type OverlayXattrs, readOverlayXattr, readOverlayXattrs, type XattrNamespace } from "../overlay/xattr.js";

export type EntryKind = "file" | "dir" | "whiteout" | "symlink" | "other";

/** Kind codes of a merged listing (listing.ts); `absent`: the layer has no such name. */
export const KIND = { file: 0, dir: 1, symlink: 2, whiteout: 3, other: 4, absent: 255 } as const;
export type KindCode = (typeof KIND)[keyof typeof KIND];

/** The EntryKind of each code but `absent`, by code. */
export const KIND_NAMES: readonly EntryKind[] = ["file", "dir", "symlink", "whiteout", "other"];

/** The kind code of what lstat found (never followed). */
export function kindOfStats(stats: Stats): KindCode {
  if (stats.isFile()) return KIND.file;
  if (stats.isDirectory()) return KIND.dir;
  if (stats.isSymbolicLink()) return KIND.symlink;
  return isWhiteout(stats) ? KIND.whiteout : KIND.other;
}

export interface LayerEntry {
  kind: EntryKind;
  /** st_size of a regular file (its apparent size); 0 for everything else. */
  size: number;
  /** st_blocks × 512 of a regular file: what it takes on disk (a sparse file, next to nothing); else 0. */
  disk: number;
  /** A directory marked opaque (`<ns>.overlay.opaque=y`): nothing below it shows through. */
  opaque: boolean;
  /** A regular file that holds only metadata (`<ns>.overlay.metacopy`): its data is a lower layer's. */
  metacopy: boolean;
  /** "dev:ino" of a regular file with other hard links (counted once on disk), else undefined. */
  inode: string | undefined;
  /** The overlay xattrs this entry carries, when it carries any (directories only). */
  xattrs?: OverlayXattrs;
}

/** An entry of `kind` that carries no size (a directory, a symlink, a whiteout, a device). */
export function plainEntry(kind: EntryKind, opaque = false): LayerEntry {
  return { kind, size: 0, disk: 0, opaque, metacopy: false, inode: undefined };
}

/** A regular file. All entries are made here or by plainEntry: one shape, which the walk's hot code relies on. */
export function fileEntry(size: number, disk: number, metacopy: boolean, inode: string | undefined): LayerEntry {
  return { kind: "file", size, disk, opaque: false, metacopy, inode };
}

/** The data bytes a regular file holds: a metacopy holds none (its data is read from a lower layer). */
export function dataBytes(entry: LayerEntry): number {
  return entry.kind !== "file" || entry.metacopy ? 0 : entry.size;
}

/** The opaque mark's value that makes a directory opaque. */
export function isOpaqueMark(value: string | undefined): boolean {
  return value === "y";
}

/** Is the directory at `path` (never followed) opaque? */
export function isOpaque(path: string, namespace: XattrNamespace): boolean {
  return isOpaqueMark(readOverlayXattr(path, "opaque", namespace));
}

/**
 * Is the upper's entry a copy-up (or a file written over one the image had): a non-directory over
 * an entry the image shows at that path? (A directory is merged, not copied; a whiteout deletes.)
 */
export function isCopyUp(upper: EntryKind, imageShows: boolean): boolean {
  return upper !== "dir" && upper !== "whiteout" && imageShows;
}

export function isWhiteout(stats: Stats): boolean {
  return stats.isCharacterDevice() && stats.rdev === 0;
}

export function entryKind(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isDirectory()) return "dir";
  if (stats.isFile()) return "file";
  if (isWhiteout(stats)) return "whiteout";
  return "other";
}

/**
 * Read one entry; undefined when the path is not there (or vanished mid-walk: a live container
 * keeps writing). Xattrs are read only on directories: opaque and redirect live there, and one
 * syscall per directory keeps a walk of 100,000 files close to `du`.
 */
export function readEntry(path: string, namespace: XattrNamespace): LayerEntry | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  const kind = entryKind(stats);
  if (kind === "file") {
    const metacopy = stats.blocks * 512 < stats.size && readOverlayXattr(path, "metacopy", namespace) !== undefined;
    return fileEntry(stats.size, stats.blocks * 512, metacopy, stats.nlink > 1 ? `${stats.dev}:${stats.ino}` : undefined);
  }
  if (kind !== "dir") return plainEntry(kind);
  const xattrs = readOverlayXattrs(path, namespace);
  const entry = plainEntry(kind, isOpaqueMark(xattrs.opaque));
  if (Object.keys(xattrs).length > 0) entry.xattrs = xattrs;
  return entry;
}

/**
 * A directory whose xattrs were not read because they cannot matter: no layer below has its
 * name, so an opaque or redirect mark on it hides nothing. Shared: never to be changed (not
 * frozen: a frozen object's different shape costs the walk's hot code its optimisation).
 */
export const UNMARKED_DIR: LayerEntry = plainEntry("dir");
