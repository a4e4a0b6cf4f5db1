// The layer map: for each path, what every layer holds (upper, then each lower, top first) and
// what merged shows. Built on the stack reader, so opaque directories come from the kernel's
// own xattr, not from guessing at what merged hides.
import { closeSync, openSync, readSync } from "node:fs";
import type { XattrNamespace } from "../overlay/xattr.js";
import { isCopyUp, type LayerEntry, readEntry } from "./entry.js";
import { stackPaths } from "./stack.js";
import type { StackCell } from "./walk.js";

export type CellKind = "absent" | "file" | "dir" | "whiteout" | "symlink" | "other";

export interface LayerCell {
  kind: CellKind;
  size?: number;
  /** First line of a small text file, for the learner to recognise it. */
  preview?: string;
  /** In upper only: a copy of a lower file ("copy-up") or a file lower never had ("new"). */
  origin?: "copy-up" | "new";
  /** A directory marked opaque by the kernel (`trusted.overlay.opaque=y`): it hides everything below. */
  opaque?: boolean;
  /** A higher layer hides this entry (whiteout, opaque directory or newer copy). */
  hidden?: boolean;
}

export interface LayerRow {
  path: string;
  /** The topmost lower layer's entry at this path (the image as the container starts from it). */
  lower: LayerCell;
  /** One cell per lower layer, top first, as the kernel's lowerdir orders them. */
  lowers: LayerCell[];
  upper: LayerCell;
  merged: LayerCell;
  /** Something in this row differs from the previous map. */
  changed: boolean;
}

export interface MapStack {
  /** Top first. */
  lower: readonly string[];
  upper: string;
  /** Set while the overlay is mounted: the merged column is then the kernel's own answer. */
  merged?: string;
  namespace: XattrNamespace;
}

const PREVIEW_BYTES = 256;
const MAX_ENTRIES = 200;
const ABSENT: LayerCell = { kind: "absent" };

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

function toCell(entry: LayerEntry | undefined, path: string): LayerCell {
  if (entry === undefined) return { kind: "absent" };
  if (entry.kind !== "file") return entry.opaque ? { kind: entry.kind, opaque: true } : { kind: entry.kind };
  const cell: LayerCell = { kind: "file", size: entry.size };
  const text = preview(path, entry.size);
  if (text !== undefined) cell.preview = text;
  return cell;
}

function stackCell(cell: StackCell | undefined, path: string): LayerCell {
  const result = toCell(cell?.entry, path);
  if (cell?.state === "hidden") result.hidden = true;
  return result;
}

export function readLayerMap(stack: MapStack, previous?: readonly LayerRow[]): LayerRow[] {
  const dirs = [stack.upper, ...stack.lower];
  const rows: LayerRow[] = [];
  for (const found of stackPaths({ dirs, namespace: stack.namespace, hasUpper: true }, MAX_ENTRIES)) {
    const [upperCell, ...lowerCells] = found.cells;
    const upper = stackCell(upperCell, `${stack.upper}/${found.path}`);
    const lowers = lowerCells.map((cell, index) => stackCell(cell, `${stack.lower[index]}/${found.path}`));
    const lower = lowers.find((cell) => cell.kind !== "absent") ?? ABSENT;
    // What the image shows at this path, its own view (the upper set aside): a file over it is its copy-up.
    const imageShows = (found.image ?? lowerCells).some((cell) => cell?.state === "visible");
    if (upper.kind === "file") upper.origin = isCopyUp(upper.kind, imageShows) ? "copy-up" : "new";
    else if (upper.kind === "dir" && !upper.opaque) upper.origin = lower.kind === "dir" ? "copy-up" : "new";
    const merged = mergedCell(stack, found.path, found.shownFrom, found.cells);
    rows.push({ path: found.path, lower, lowers, upper, merged, changed: false });
  }
  if (previous !== undefined) markChanges(rows, stack, { rows: previous, stack });
  return rows;
}

/** A map as it was drawn, with the stack it was drawn from. */
export interface DrawnMap {
  rows: readonly LayerRow[];
  stack: MapStack;
}

/** A row's cells by the directory of the layer that holds them, and merged's under "". */
function cellsByLayer(row: LayerRow, stack: MapStack): Map<string, LayerCell> {
  const cells = new Map<string, LayerCell>([["", row.merged]]);
  stack.lower.forEach((layer, index) => {
    cells.set(layer, row.lowers[index] ?? ABSENT);
  });
  cells.set(stack.upper, row.upper);
  return cells;
}

/**
 * Mark the rows that differ from an earlier map. Cells are compared layer by layer, by the
 * layer's directory, so the earlier map may come from another stack (layers-demo adds a layer
 * per instruction): a layer or a path new to the map changes a row only where it holds something.
 */
export function markChanges(rows: readonly LayerRow[], stack: MapStack, previous: DrawnMap): void {
  const before = new Map(previous.rows.map((row) => [row.path, cellsByLayer(row, previous.stack)]));
  for (const row of rows) {
    const old = before.get(row.path);
    row.changed = [...cellsByLayer(row, stack)].some(([layer, cell]) => {
      const was = old?.get(layer);
      return was === undefined ? cell.kind !== "absent" : !sameCell(was, cell);
    });
  }
}

/** Mounted: ask the kernel. Not mounted: what the layers would show, from the stack reader. */
function mergedCell(stack: MapStack, path: string, shownFrom: number | undefined, cells: ReadonlyArray<StackCell | undefined>): LayerCell {
  if (stack.merged !== undefined) {
    const cell = toCell(readEntry(`${stack.merged}/${path}`, stack.namespace), `${stack.merged}/${path}`);
    // merged itself carries no overlay xattrs: the directory is opaque to nobody there.
    delete cell.opaque;
    return cell;
  }
  if (shownFrom === undefined) return { kind: "absent" };
  const dirs = [stack.upper, ...stack.lower];
  const cell = toCell(cells[shownFrom]?.entry, `${dirs[shownFrom]}/${path}`);
  delete cell.opaque;
  return cell;
}

function sameCell(a: LayerCell, b: LayerCell): boolean {
  return a.kind === b.kind && a.size === b.size && a.preview === b.preview && a.opaque === b.opaque && a.hidden === b.hidden;
}
