// Reading the layers to draw the layer map: what each path is in lower, upper and merged.
// Everything is lstat-based: a symlink is reported as a symlink and never followed, and a
// whiteout is recognised as the kernel defines it, a character device with device number 0:0.
import { closeSync, lstatSync, openSync, readdirSync, readSync, type Stats } from "node:fs";
import { join } from "node:path";

export type CellKind = "absent" | "file" | "dir" | "whiteout" | "symlink" | "other";

export interface LayerCell {
  kind: CellKind;
  size?: number;
  /** First line of a small text file, for the learner to recognise it. */
  preview?: string;
  /** In upper only: a copy of a lower file ("copy-up") or a file lower never had ("new"). */
  origin?: "copy-up" | "new";
  /** In upper only: a directory that hides everything lower has beneath it (opaque). */
  opaque?: boolean;
}

export interface LayerRow {
  path: string;
  lower: LayerCell;
  upper: LayerCell;
  merged: LayerCell;
  /** Something in this row differs from the previous map. */
  changed: boolean;
}

const PREVIEW_BYTES = 256;
const MAX_ENTRIES = 200;

export function isWhiteout(stats: Stats): boolean {
  return stats.isCharacterDevice() && stats.rdev === 0;
}

function preview(path: string, size: number): string | undefined {
  if (size === 0) return "";
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(Math.min(size, PREVIEW_BYTES));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read);
    // Binary content (a zero-filled big file) gets no preview, only its size.
    if (text.includes(0)) return undefined;
    const first = text.toString("utf8").split("\n")[0] ?? "";
    return first.length > 28 ? `${first.slice(0, 27)}…` : first;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function readCell(path: string): LayerCell {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { kind: "absent" };
  }
  if (stats.isSymbolicLink()) return { kind: "symlink" };
  if (stats.isDirectory()) return { kind: "dir" };
  if (isWhiteout(stats)) return { kind: "whiteout" };
  if (stats.isFile()) {
    const cell: LayerCell = { kind: "file", size: stats.size };
    const text = preview(path, stats.size);
    if (text !== undefined) cell.preview = text;
    return cell;
  }
  return { kind: "other" };
}

/** Every path under `root`, relative, sorted; symlinked directories are not entered. */
export function listTree(root: string, prefix = "", into: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, prefix)).sort();
  } catch {
    return into;
  }
  for (const name of names) {
    if (into.length >= MAX_ENTRIES) break;
    const relative = prefix === "" ? name : `${prefix}/${name}`;
    into.push(relative);
    try {
      if (lstatSync(join(root, relative)).isDirectory()) listTree(root, relative, into);
    } catch {
      // vanished while reading
    }
  }
  return into;
}

export interface LayerRoots {
  lower: string;
  upper: string;
  /** Omitted when nothing is mounted: the merged column then shows what would be seen. */
  merged?: string;
}

export function readLayerMap(roots: LayerRoots, previous?: readonly LayerRow[]): LayerRow[] {
  const paths = new Set([...listTree(roots.lower), ...listTree(roots.upper), ...(roots.merged ? listTree(roots.merged) : [])]);
  const before = new Map(previous?.map((row) => [row.path, row]));
  return [...paths].sort().map((path) => {
    const lower = readCell(join(roots.lower, path));
    const upper = readCell(join(roots.upper, path));
    if (upper.kind === "file" || upper.kind === "dir") upper.origin = lower.kind === "absent" ? "new" : "copy-up";
    const merged = roots.merged ? readCell(join(roots.merged, path)) : { kind: "absent" as const };
    if (roots.merged && upper.kind === "dir" && lower.kind === "dir" && hidesLower(roots, path)) upper.opaque = true;
    const row: LayerRow = { path, lower, upper, merged, changed: false };
    const old = before.get(path);
    row.changed = previous !== undefined && (old === undefined || !sameRow(old, row));
    return row;
  });
}

function names(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/**
 * An opaque directory is marked by an xattr (trusted.overlay.opaque=y), which Node cannot read.
 * The kernel's own answer shows it just as well: a name lower has beneath this directory that
 * upper has no whiteout or entry for, yet merged does not show, is hidden by an opaque upper.
 */
function hidesLower(roots: LayerRoots, path: string): boolean {
  if (!roots.merged) return false;
  const upper = new Set(names(join(roots.upper, path)));
  const merged = new Set(names(join(roots.merged, path)));
  return names(join(roots.lower, path)).some((name) => !upper.has(name) && !merged.has(name));
}

function sameCell(a: LayerCell, b: LayerCell): boolean {
  return a.kind === b.kind && a.size === b.size && a.preview === b.preview && a.opaque === b.opaque;
}

function sameRow(a: LayerRow, b: LayerRow): boolean {
  return sameCell(a.lower, b.lower) && sameCell(a.upper, b.upper) && sameCell(a.merged, b.merged);
}
