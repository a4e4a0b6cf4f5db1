// A stack, counted: each layer's bytes and what of them is still seen, every hidden byte split into
// the image's own (a later image layer hides it: `RUN rm`) and the container's (its upper hides
// it: copy-ups and deletes), each traced to a path, the layer that holds it and the cause, and
// the container's changes as `docker diff` names them. The one analysis behind the lessons'
// figures, inspect MOUNT and inspect --image: a visitor of the stack walk (walk.ts).
//
// It runs where the walk runs: on the main thread for a whole stack, or in a read-ahead worker for
// one subtree, whose partial the main thread then merges where the walk deferred that subtree.
// A worker cannot see the directories above its subtree: bytes hidden by an entry up there come
// back as `external` groups, which the merge adds where that entry's frame is open.
//
// Memory: a frame per directory on the current path (depth, not size); changes are handed on as
// soon as they are final and in path order; only the largest `top` groups and changes are kept.

import { addBytes, type ByteTotals, emptyBytes, emptyLayer, FileCounter, type LayerTotals } from "./bytes.js";
import { BatchBuilder, type Change, type ChangeBatch, type ChangeCounts, ChangeQueue, type OpenChange } from "./changes.js";
import { dataBytes, fileEntry, isCopyUp, KIND } from "./entry.js";
import { type PathFrame, PathFrames } from "./frames.js";
import { type HiddenGroup, type HiddenScope, HiddenTotals, mergeGroup } from "./hidden.js";
import { FLAG, type MergedListing } from "./listing.js";
import { HIDE_REASONS, type StackCell, type StackPath, type StackVisitor } from "./walk.js";

export interface AnalysisOptions {
  /** The walk's first dir is a container's upper (else every dir is an image layer). */
  hasUpper: boolean;
  /** The image's layers (the walk's dirs but the upper). */
  lowerCount: number;
  top: number;
  /** Each change, final, in path order. */
  onChange?: (change: Change) => void;
  /** Gather the changes into a batch for the partial (a worker's subtree). */
  batch?: boolean;
}

export interface AnalysisTotals {
  /** The image's layers, top first. */
  layers: LayerTotals[];
  upper: ByteTotals | null;
  visibleBytes: number;
  visibleFiles: number;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  /** The largest hidden groups, largest first. */
  hidden: HiddenGroup[];
  /** How many groups there are in all. */
  hiddenGroups: number;
  largestImageHidden: HiddenGroup | null;
  changes: ChangeCounts & { count: number };
  /** Regular files with other hard links, counted once: "layer|dev:ino" and the disk bytes counted. */
  linked: Array<[string, number]>;
}

/** What of a worker's walk of one subtree the main thread merges where its own walk defers it. */
export interface SubtreeResult {
  relative: string;
  /** Groups hidden by an entry at or above the subtree's root. */
  external: HiddenGroup[];
  /** The subtree's changes, in path order (null: nobody streams them). */
  batch: ChangeBatch | null;
}

interface Frame extends PathFrame {
  /** A change at this path that still gathers hidden bytes from the subtree. */
  change?: OpenChange;
  groups?: Map<string, HiddenGroup>;
}

/** The groups a frame gathers, made on first use. */
function groupsOf(frame: Frame): Map<string, HiddenGroup> {
  frame.groups ??= new Map();
  return frame.groups;
}

export class StackAnalysis implements StackVisitor {
  private readonly offset: number;
  private readonly layers: LayerTotals[];
  private readonly upper: ByteTotals | null;
  private readonly counter = new FileCounter();
  private visibleBytes = 0;
  private visibleFiles = 0;
  private readonly hiddenTotals: HiddenTotals;
  private readonly changes: ChangeQueue;
  private readonly frames: PathFrames<Frame>;
  private readonly external = new Map<string, Map<string, HiddenGroup>>();
  private readonly batchBuilder: BatchBuilder | undefined;

  constructor(options: AnalysisOptions) {
    this.offset = options.hasUpper ? 1 : 0;
    this.layers = Array.from({ length: options.lowerCount }, emptyLayer);
    this.upper = options.hasUpper ? emptyBytes() : null;
    this.hiddenTotals = new HiddenTotals(options.top);
    this.batchBuilder = options.batch === true ? new BatchBuilder() : undefined;
    const builder = this.batchBuilder;
    this.changes = new ChangeQueue(options.top, builder === undefined ? options.onChange : (change) => builder.add(change));
    this.frames = new PathFrames<Frame>({ path: "", prefix: "" }, (frame) => this.finish(frame));
  }

  path(found: StackPath): void {
    this.frames.leave(found.path);
    const frame = found.cells.some((cell) => cell?.entry.kind === "dir") ? { path: found.path, prefix: `${found.path}/` } : undefined;
    if (frame !== undefined) this.frames.push(frame);
    const change = this.changeAt(found, frame);
    // Groups hidden at this very path when it is no directory: final once this path is counted.
    const local: Frame = { path: found.path, prefix: "" };
    this.count(found, frame ?? local, change);
    if (change !== undefined && !change.open) this.changes.close(change);
    if (local.groups !== undefined) this.finish(local);
  }

  single(parent: string, name: string, layer: number, listing: MergedListing, slot: number): void {
    this.frames.leave(parent === "" ? "" : `${parent}/`);
    const code = listing.kinds[slot] ?? KIND.other;
    const entry =
      code === KIND.file
        ? fileEntry(
            listing.sizes[slot] ?? 0,
            listing.disk[slot] ?? 0,
            ((listing.flags?.[slot] ?? 0) & FLAG.metacopy) !== 0,
            listing.inodes?.get(slot),
          )
        : undefined;
    if (layer < this.offset) {
      // Only the upper has it: an added file, symlink, …, or a whiteout of nothing.
      if (this.upper !== null && entry !== undefined) {
        this.counter.count(this.upper, layer, entry);
        this.visibleBytes += dataBytes(entry);
        this.visibleFiles++;
      }
      const path = parent === "" ? `/${name}` : `/${parent}/${name}`;
      const kind = code === KIND.whiteout ? "deleted" : "added";
      this.changes.final({ path, kind, bytes: entry === undefined ? 0 : dataBytes(entry), diskBytes: entry?.disk ?? 0, hiddenBytes: 0 });
      return;
    }
    if (entry === undefined) return;
    const totals = this.layers[layer - this.offset];
    if (totals !== undefined) {
      this.counter.count(totals, layer, entry);
      totals.visibleBytes += dataBytes(entry);
    }
    this.visibleBytes += dataBytes(entry);
    this.visibleFiles++;
  }

  /** The container's change at this path, as `docker diff` would name it. */
  private changeAt(found: StackPath, frame: Frame | undefined): OpenChange | undefined {
    const upperCell = this.offset === 1 ? found.cells[0] : undefined;
    // The whiteout a rename left at the old name deletes nothing: the rename is the change.
    if (upperCell === undefined || found.movedAway === true) return undefined;
    const entry = upperCell.entry;
    const lowerCells = found.cells.slice(1);
    const imageCells = found.image ?? lowerCells;
    const inImage = imageCells.some((cell) => cell?.state === "visible");
    let kind: Change["kind"] = inImage ? "changed" : "added";
    if (entry.kind === "whiteout") kind = "deleted";
    else if (entry.kind === "dir" && entry.opaque && inImage) kind = "opaque";
    else if (found.renamedFrom !== undefined) kind = "renamed";
    // It hides an image directory's subtree: its hidden bytes are final only once that is walked.
    const hidesSubtree = lowerCells.some((cell) => cell?.entry.kind === "dir") && (entry.kind !== "dir" || entry.opaque);
    const change: OpenChange = {
      path: `/${found.path}`,
      kind,
      bytes: dataBytes(entry),
      diskBytes: entry.disk,
      hiddenBytes: 0,
      ...(entry.metacopy ? { metacopy: true as const } : {}),
      ...(found.renamedFrom === undefined ? {} : { from: `/${found.renamedFrom}` }),
      open: hidesSubtree && frame !== undefined,
      // Not a file written under an opaque parent: the image entry it replaces must be hidden by it, here.
      copyUp: isCopyUp(
        entry.kind,
        lowerCells.some((cell, layer) => cell?.hiddenBy?.path === found.path && imageCells[layer]?.state === "visible"),
      ),
    };
    if (change.open && frame !== undefined) frame.change = change;
    this.changes.push(change);
    return change;
  }

  private count(found: StackPath, here: Frame, change: OpenChange | undefined): void {
    const upperCell = this.offset === 1 ? found.cells[0] : undefined;
    if (this.upper !== null && upperCell?.entry.kind === "file") {
      this.counter.count(this.upper, 0, upperCell.entry);
      if (upperCell.state === "visible") {
        this.visibleBytes += dataBytes(upperCell.entry);
        this.visibleFiles++;
      }
    }
    for (let layer = 0; layer < this.layers.length; layer++) {
      const cell = found.cells[layer + this.offset];
      if (cell !== undefined && cell.entry.kind === "file") this.countFile(found, layer, cell, here, change);
    }
  }

  /** One lower layer's regular file: its layer's totals, and where it is hidden, the group it joins. */
  private countFile(found: StackPath, layer: number, cell: StackCell, here: Frame, change: OpenChange | undefined): void {
    const totals = this.layers[layer] ?? emptyLayer();
    const size = dataBytes(cell.entry);
    this.counter.count(totals, layer + this.offset, cell.entry);
    if (cell.state !== "hidden" || cell.hiddenBy === undefined) {
      totals.visibleBytes += size;
      this.visibleBytes += size;
      this.visibleFiles++;
      return;
    }
    // The view that hides it first: the image's own layers, else the container's upper.
    const imageCell = found.image?.[layer];
    let hiddenBy = cell.hiddenBy;
    let scope: HiddenScope = "image";
    let hiddenByLayer: number | null = hiddenBy.layer - this.offset;
    if (found.image !== undefined) {
      if (imageCell?.state === "hidden" && imageCell.hiddenBy !== undefined) {
        hiddenBy = imageCell.hiddenBy;
        hiddenByLayer = hiddenBy.layer;
      } else {
        scope = "container";
        hiddenByLayer = null;
      }
    }
    if (scope === "image") {
      this.hiddenTotals.imageHiddenBytes += size;
      totals.hiddenBytes += size;
      const hider = this.layers[hiddenByLayer ?? -1];
      if (hider !== undefined) hider.hides[hiddenBy.how] += size;
    } else this.hiddenTotals.containerHiddenBytes += size;
    const group: HiddenGroup = {
      path: `/${hiddenBy.path}`,
      firstPath: `/${found.path}`,
      bytes: size,
      files: 1,
      layer,
      cause: hiddenBy.how,
      scope,
      hiddenByLayer,
    };
    const frame = hiddenBy.path === found.path ? here : this.frames.at(hiddenBy.path);
    if (scope === "container") {
      const owner = hiddenBy.path === found.path ? change : frame?.change;
      if (owner !== undefined) owner.hiddenBytes += size;
    }
    if (frame === undefined) {
      // Hidden by an entry above this walk's root (a worker's subtree): the merge adds it there.
      const groups = this.external.get(hiddenBy.path) ?? new Map<string, HiddenGroup>();
      this.external.set(hiddenBy.path, groups);
      mergeGroup(groups, group);
      return;
    }
    mergeGroup(groupsOf(frame), group);
  }

  private finish(frame: Frame): void {
    for (const group of frame.groups?.values() ?? []) this.hiddenTotals.final(group);
    if (frame.change !== undefined) this.changes.close(frame.change);
  }

  /**
   * Where the walk deferred a subtree: what of the worker's walk of it depends on the order (bytes
   * hidden by an entry at or above the subtree's root, whose frame is open here, and the subtree's
   * changes, handed on in path order). Its totals come once the worker is done (mergeTotals).
   */
  mergeSubtree(subtree: SubtreeResult): void {
    for (const group of subtree.external) {
      const frame = this.frames.at(group.path.slice(1));
      if (group.scope === "container" && frame?.change !== undefined) frame.change.hiddenBytes += group.bytes;
      if (frame !== undefined) mergeGroup(groupsOf(frame), group);
    }
    if (subtree.batch !== null) this.changes.stream(subtree.batch);
  }

  /** A worker's totals over all its subtrees: counted in, in any order. */
  mergeTotals(more: AnalysisTotals): void {
    more.layers.forEach((layer, index) => {
      const totals = this.layers[index];
      if (totals === undefined) return;
      addBytes(totals, layer);
      totals.visibleBytes += layer.visibleBytes;
      totals.hiddenBytes += layer.hiddenBytes;
      for (const how of HIDE_REASONS) totals.hides[how] += layer.hides[how];
    });
    if (this.upper !== null && more.upper !== null) addBytes(this.upper, more.upper);
    // A hard-linked inode two workers both counted counts once.
    this.counter.mergeLinked(more.linked, (layer) => (layer < this.offset ? (this.upper ?? undefined) : this.layers[layer - this.offset]));
    this.visibleBytes += more.visibleBytes;
    this.visibleFiles += more.visibleFiles;
    this.hiddenTotals.merge(more);
    this.changes.addCounts(more.changes);
  }

  /** The walk is over: every frame finished, the totals. */
  result(): AnalysisTotals {
    this.frames.drain();
    return {
      layers: this.layers,
      upper: this.upper,
      visibleBytes: this.visibleBytes,
      visibleFiles: this.visibleFiles,
      imageHiddenBytes: this.hiddenTotals.imageHiddenBytes,
      containerHiddenBytes: this.hiddenTotals.containerHiddenBytes,
      hidden: this.hiddenTotals.top.items,
      hiddenGroups: this.hiddenTotals.groupCount,
      largestImageHidden: this.hiddenTotals.largestImage,
      changes: { ...this.changes.counts(), count: this.changes.count },
      linked: this.counter.linkedInodes(),
    };
  }

  /**
   * A worker's subtree is walked: its frames are finished (every change in it is final, every
   * group hidden in it counted), and what the main thread needs at that point in its walk is
   * taken out: the groups hidden from above the subtree, and the subtree's changes.
   */
  closeSubtree(relative: string): SubtreeResult {
    this.frames.leave("");
    const external = [...this.external.values()].flatMap((groups) => [...groups.values()]);
    this.external.clear();
    return { relative, external, batch: this.batchBuilder?.take() ?? null };
  }
}
