// One overlay's stack, read once, path by path (the stack reader's walk), into what `inspect`
// reports: each layer's bytes, the container's changes with sizes, and every hidden byte split
// into the image's own (a later image layer hides it: `RUN rm`) and the container's (its upper
// hides it: copy-ups and deletes), each traced to a path, the layer that holds it and the cause.
//
// Why a second, image-only view: the stack reader names the *topmost* entry that hides a file.
// A file the image already deleted, which the container then re-creates, is hidden by the
// container in that view; but the image hid it first, and a learner asking "what does my image
// waste" must get the same answer whatever a container does on top. So where the upper hides
// something at a path, the lower cells are resolved again without the upper (the same
// resolveCells rules), and the first view that hides a byte gets it.
//
// Memory: a frame per directory on the current path (depth, not size); changes are handed on as
// soon as they are final (a deleted or opaque directory's hidden bytes are final once its
// subtree is walked) and in path order; hidden bytes are summed per hiding path, and only the
// largest `top` groups are kept.

import type { EntryKind } from "../layers/entry.js";
import { type PathFrame, PathFrames } from "../layers/frames.js";
import { TopItems } from "../layers/hidden.js";
import { type HiddenBy, type HideReason, type LayerState, resolveCells, type StackCell, type StackPath } from "../layers/walk.js";
import { type Change, type ChangeKind, ChangeQueue, type ChangeTotals, type OpenChange } from "./changes.js";

export { CHANGE_KINDS, type Change, type ChangeKind, type ChangeTotals } from "./changes.js";

export type HiddenScope = "image" | "container";

/** Bytes one entry hides in one layer: every hidden file at or beneath `path` in `layer`. */
export interface HiddenGroup {
  path: string;
  bytes: number;
  files: number;
  /** The image layer holding them (index in the lower layers, top first). */
  layer: number;
  cause: HideReason;
  scope: HiddenScope;
  /** The image layer whose entry hides them, or null: the container's upper. */
  hiddenByLayer: number | null;
}

export interface Totals {
  bytes: number;
  files: number;
}

export interface StackAnalysis {
  /** The lower layers, top first. */
  layers: Totals[];
  upper: Totals | null;
  changeTotals: Record<ChangeKind, ChangeTotals>;
  /** Of the changed entries, those that are not directories: the copy-ups a learner counts. */
  copyUps: number;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  /** The largest hidden groups (at most `top`), largest first. */
  hidden: HiddenGroup[];
  /** How many hidden groups there are in all: `hidden` lists the largest of them. */
  hiddenGroups: number;
  /**
   * The largest group the image's own layers hide, whatever `top` is: the verdict names its
   * layer and path even when the list is cut to nothing (--top 0). Null when the image hides none.
   */
  largestImageHidden: HiddenGroup | null;
  /** The largest changes by bytes written plus bytes hidden, none of 0 B. */
  largestChanges: Change[];
  /** How many changes write or hide a byte: `largestChanges` lists the largest of them. */
  listableChanges: number;
}

interface Frame extends PathFrame {
  /** How each lower layer's directory here looks without the upper (the image as built). */
  imageStates: LayerState[];
  /** A change at this path that still gathers hidden bytes from the subtree. */
  change?: OpenChange;
  groups?: Map<string, HiddenGroup>;
}

export interface AnalyzeOptions {
  /** The walk's first dir is the container's upper (else every dir is an image layer). */
  hasUpper: boolean;
  lowerCount: number;
  top: number;
  /** Each change, final, in path order. */
  onChange?: (change: Change) => void;
}

function statesOf(cells: ReadonlyArray<StackCell | undefined>, shift: number): LayerState[] {
  return cells.map((cell) => {
    if (cell === undefined || cell.entry.kind !== "dir") return undefined;
    if (cell.state !== "hidden" || cell.hiddenBy === undefined) return { shown: true };
    return { shown: false, hiddenBy: { ...cell.hiddenBy, layer: cell.hiddenBy.layer - shift } };
  });
}

export class StackAnalyzer {
  private readonly offset: number;
  private readonly layers: Totals[];
  private readonly upper: Totals | null;
  private imageHiddenBytes = 0;
  private containerHiddenBytes = 0;
  private readonly hidden: TopItems<HiddenGroup>;
  private hiddenGroups = 0;
  private largestImageHidden: HiddenGroup | null = null;
  private readonly changes: ChangeQueue;
  private readonly frames: PathFrames<Frame>;

  constructor(options: AnalyzeOptions) {
    this.offset = options.hasUpper ? 1 : 0;
    this.layers = Array.from({ length: options.lowerCount }, () => ({ bytes: 0, files: 0 }));
    this.upper = options.hasUpper ? { bytes: 0, files: 0 } : null;
    this.hidden = new TopItems(options.top, (group) => group.bytes);
    this.changes = new ChangeQueue(options.top, options.onChange);
    const root: Frame = { path: "", prefix: "", imageStates: Array.from({ length: options.lowerCount }, () => ({ shown: true })) };
    this.frames = new PathFrames(root, (frame) => this.finish(frame));
  }

  add(found: StackPath): void {
    const { path, cells } = found;
    this.frames.leave(path);
    this.addResolved(found, path, cells);
  }

  /**
   * add() for a non-directory that only the upper has (its parent is shown there: nothing is
   * above the upper): an added file, symlink, …, or a whiteout of nothing; it hides nothing.
   * The effects of add(), without the path's cells: most paths of a container are these.
   */
  addUpperOnly(parent: string, path: string, kind: EntryKind, size: number): void {
    this.leaveFor(parent);
    if (this.upper !== null && kind === "file") {
      this.upper.bytes += size;
      this.upper.files++;
    }
    this.changes.final({
      path: `/${path}`,
      kind: kind === "whiteout" ? "deleted" : "added",
      bytes: kind === "file" ? size : 0,
      hiddenBytes: 0,
    });
  }

  /**
   * add() for a non-directory that only one image layer (`layer`, among the lowers) has, in a
   * directory shown there: merged shows it (or it is a whiteout of nothing), so it only counts.
   */
  addImageOnly(parent: string, layer: number, kind: EntryKind, size: number): void {
    this.leaveFor(parent);
    const totals = this.layers[layer];
    if (totals !== undefined && kind === "file") {
      totals.bytes += size;
      totals.files++;
    }
  }

  /** Finish the frames a path in `parent` is not beneath (as add() does with the path itself). */
  private leaveFor(parent: string): void {
    this.frames.leave(`${parent}/`);
  }

  private addResolved(found: StackPath, path: string, cells: ReadonlyArray<StackCell | undefined>): void {
    const parent = this.frames.current;
    if (parent === undefined) return;
    const lowerCells = this.offset === 0 ? cells : cells.slice(this.offset);
    // The image-only view, where it differs: only where the upper hides something at this path.
    const touched = this.offset === 1 && lowerCells.some((cell) => cell?.state === "hidden" && cell.hiddenBy?.layer === 0);
    const imageCells = touched
      ? resolveCells(
          path,
          lowerCells.map((cell) => cell?.entry),
          parent.imageStates,
        ).cells
      : undefined;
    let frame: Frame | undefined;
    if (cells.some((cell) => cell?.entry.kind === "dir")) {
      frame = {
        path,
        prefix: `${path}/`,
        imageStates: imageCells === undefined ? statesOf(lowerCells, this.offset) : statesOf(imageCells, 0),
      };
      this.frames.push(frame);
    }
    const local: Frame = { path, prefix: "", imageStates: [] };
    const change = this.changeAt(found, lowerCells, imageCells, frame);
    this.count(found, lowerCells, imageCells, frame ?? local, change);
    if (change !== undefined && !change.open) this.changes.close(change);
    if (local.groups !== undefined) this.finish(local);
  }

  /** The container's change at this path, as `docker diff` would name it. */
  private changeAt(
    found: StackPath,
    lowerCells: ReadonlyArray<StackCell | undefined>,
    imageCells: ReadonlyArray<StackCell | undefined> | undefined,
    frame: Frame | undefined,
  ): OpenChange | undefined {
    const upperCell = this.offset === 1 ? found.cells[0] : undefined;
    if (upperCell === undefined) return undefined;
    const entry = upperCell.entry;
    const inImage = (imageCells ?? lowerCells).some((cell) => cell?.state === "visible");
    let kind: ChangeKind = inImage ? "changed" : "added";
    if (entry.kind === "whiteout") kind = "deleted";
    else if (entry.kind === "dir" && entry.opaque && inImage) kind = "opaque";
    // It hides an image directory's subtree: its hidden bytes are final only once that is walked.
    const hidesSubtree = lowerCells.some((cell) => cell?.entry.kind === "dir") && (entry.kind !== "dir" || entry.opaque);
    const change: OpenChange = {
      path: `/${found.path}`,
      kind,
      bytes: entry.kind === "file" ? entry.size : 0,
      hiddenBytes: 0,
      open: hidesSubtree && frame !== undefined,
      // Not a file written under an opaque parent: the image entry it hides must be hidden by it, here.
      copyUp:
        kind === "changed" &&
        entry.kind !== "dir" &&
        lowerCells.some((cell, layer) => cell?.hiddenBy?.path === found.path && (imageCells ?? lowerCells)[layer]?.state === "visible"),
    };
    if (change.open && frame !== undefined) frame.change = change;
    this.changes.push(change);
    return change;
  }

  private count(
    found: StackPath,
    lowerCells: ReadonlyArray<StackCell | undefined>,
    imageCells: ReadonlyArray<StackCell | undefined> | undefined,
    here: Frame,
    change: OpenChange | undefined,
  ): void {
    const upperCell = this.offset === 1 ? found.cells[0] : undefined;
    if (this.upper !== null && upperCell?.entry.kind === "file") {
      this.upper.bytes += upperCell.entry.size;
      this.upper.files++;
    }
    lowerCells.forEach((cell, layer) => {
      if (cell === undefined || cell.entry.kind !== "file") return;
      const totals = this.layers[layer];
      const size = cell.entry.size;
      if (totals !== undefined) {
        totals.bytes += size;
        totals.files++;
      }
      if (cell.state !== "hidden" || cell.hiddenBy === undefined) return;
      const imageCell = imageCells?.[layer];
      let hiddenBy: HiddenBy;
      let scope: HiddenScope;
      if (imageCells === undefined) {
        hiddenBy = { ...cell.hiddenBy, layer: cell.hiddenBy.layer - this.offset };
        scope = "image";
      } else if (imageCell?.state === "hidden" && imageCell.hiddenBy !== undefined) {
        hiddenBy = imageCell.hiddenBy;
        scope = "image";
      } else {
        hiddenBy = { ...cell.hiddenBy, layer: -1 };
        scope = "container";
      }
      if (scope === "image") this.imageHiddenBytes += size;
      else {
        this.containerHiddenBytes += size;
        const owner = hiddenBy.path === found.path ? change : this.frames.at(hiddenBy.path)?.change;
        if (owner !== undefined) owner.hiddenBytes += size;
      }
      const frame = hiddenBy.path === found.path ? here : (this.frames.at(hiddenBy.path) ?? here);
      frame.groups ??= new Map();
      const key = `${scope}:${hiddenBy.layer}:${layer}`;
      const group = frame.groups.get(key);
      if (group !== undefined) {
        group.bytes += size;
        group.files++;
      } else {
        frame.groups.set(key, {
          path: `/${hiddenBy.path}`,
          bytes: size,
          files: 1,
          layer,
          cause: hiddenBy.how,
          scope,
          hiddenByLayer: scope === "container" ? null : hiddenBy.layer,
        });
      }
    });
  }

  private finish(frame: Frame): void {
    for (const group of frame.groups?.values() ?? []) {
      this.hidden.add(group);
      this.hiddenGroups++;
      if (group.scope === "image" && group.bytes > (this.largestImageHidden?.bytes ?? -1)) this.largestImageHidden = group;
    }
    if (frame.change !== undefined) this.changes.close(frame.change);
  }

  result(): StackAnalysis {
    this.frames.drain();
    return {
      layers: this.layers,
      upper: this.upper,
      changeTotals: this.changes.totals,
      copyUps: this.changes.copyUps,
      imageHiddenBytes: this.imageHiddenBytes,
      containerHiddenBytes: this.containerHiddenBytes,
      hidden: this.hidden.items,
      hiddenGroups: this.hiddenGroups,
      largestImageHidden: this.largestImageHidden,
      largestChanges: this.changes.largest.items,
      listableChanges: this.changes.listable,
    };
  }
}
