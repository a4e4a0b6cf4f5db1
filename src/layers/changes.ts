// A container's changes (what its upper layer does to the image), as `docker diff` names them,
// handed on in path order. A deleted or opaque directory's change is final only once its subtree
// is walked (its hidden bytes are summed there), while the changes beneath it are final at once:
// so changes wait in a queue behind the first open one, and are handed on when every change
// before them is final. A read-ahead worker's subtree comes as one batch, counted already.
import { TopItems } from "./hidden.js";
import { compareWalkOrder } from "./order.js";

export type ChangeKind = "added" | "changed" | "deleted" | "opaque" | "renamed";
export const CHANGE_KINDS: readonly ChangeKind[] = ["added", "changed", "deleted", "opaque", "renamed"];

export interface Change {
  /** In the container, with a leading slash, as `docker diff` prints it. */
  path: string;
  kind: ChangeKind;
  /** The data bytes of the upper's regular file: st_size, 0 for a metacopy (its data is the image's) and for the rest. */
  bytes: number;
  /** What the upper's entry takes on disk (st_blocks × 512): a sparse file's next to nothing. */
  diskBytes: number;
  /** Bytes of the image this change hides (a copy-up's original, everything beneath a deleted or opaque directory). */
  hiddenBytes: number;
  /** A chown or chmod under metacopy=on: only the metadata was copied up; the data is still the image's. */
  metacopy?: true;
  /** A renamed directory (redirect_dir): where it was, with a leading slash. Its contents were not copied. */
  from?: string;
}

export interface ChangeTotals {
  count: number;
  bytes: number;
  hiddenBytes: number;
}

export interface OpenChange extends Change {
  open: boolean;
  /** A file (or symlink, …) that replaced the image's: a copy-up, or a new file over an old one. */
  copyUp: boolean;
}

/** Changes in path order, columns for the threads between which they travel ("\0" joins paths: no name holds it). */
export interface ChangeBatch {
  paths: string;
  kinds: Uint8Array;
  bytes: Float64Array;
  diskBytes: Float64Array;
  hiddenBytes: Float64Array;
  /** 1 where the change is a metacopy. */
  metacopy: Uint8Array;
  /** Per change, "\0"-joined: where a renamed directory was, else "". */
  froms: string;
}

/** What a queue counted: the totals per kind, the copy-ups, the largest changes. */
export interface ChangeCounts {
  totals: Record<ChangeKind, ChangeTotals>;
  copyUps: number;
  /** Changes that copied the metadata only (metacopy=on): 0 bytes written, the data still the image's. */
  metacopies: number;
  /** The largest changes by bytes written plus bytes hidden, none of 0 B. */
  largest: Change[];
  /** How many changes write or hide a byte: `largest` lists the largest of them. */
  listable: number;
  /** The first renamed directories, in path order (a rename writes and hides nothing, but moves a tree). */
  renames: Change[];
}

const emptyTotals = (): Record<ChangeKind, ChangeTotals> =>
  Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, { count: 0, bytes: 0, hiddenBytes: 0 }])) as Record<ChangeKind, ChangeTotals>;

/** The changes of a batch, one by one. */
export function* batchChanges(batch: ChangeBatch): Generator<Change> {
  const paths = batch.paths === "" ? [] : batch.paths.split("\0");
  const froms = batch.froms.split("\0");
  for (let at = 0; at < paths.length; at++) {
    const change: Change = {
      path: paths[at] ?? "",
      kind: CHANGE_KINDS[batch.kinds[at] ?? 0] ?? "added",
      bytes: batch.bytes[at] ?? 0,
      diskBytes: batch.diskBytes[at] ?? 0,
      hiddenBytes: batch.hiddenBytes[at] ?? 0,
    };
    if (batch.metacopy[at] === 1) change.metacopy = true;
    const from = froms[at];
    if (from !== undefined && from !== "") change.from = from;
    yield change;
  }
}

/** Collects changes into a batch (a worker's subtree), in the order they are handed on. */
export class BatchBuilder {
  private readonly paths: string[] = [];
  private readonly kinds: number[] = [];
  private readonly bytes: number[] = [];
  private readonly diskBytes: number[] = [];
  private readonly hiddenBytes: number[] = [];
  private readonly metacopy: number[] = [];
  private readonly froms: string[] = [];

  add(change: Change): void {
    this.paths.push(change.path);
    this.kinds.push(CHANGE_KINDS.indexOf(change.kind));
    this.bytes.push(change.bytes);
    this.diskBytes.push(change.diskBytes);
    this.hiddenBytes.push(change.hiddenBytes);
    this.metacopy.push(change.metacopy === true ? 1 : 0);
    this.froms.push(change.from ?? "");
  }

  /** The changes gathered since the last take, as a batch; the builder starts again empty. */
  take(): ChangeBatch {
    const batch = {
      paths: this.paths.join("\0"),
      kinds: Uint8Array.from(this.kinds),
      bytes: Float64Array.from(this.bytes),
      diskBytes: Float64Array.from(this.diskBytes),
      hiddenBytes: Float64Array.from(this.hiddenBytes),
      metacopy: Uint8Array.from(this.metacopy),
      froms: this.froms.join("\0"),
    };
    for (const column of [this.paths, this.kinds, this.bytes, this.diskBytes, this.hiddenBytes, this.metacopy, this.froms])
      column.length = 0;
    return batch;
  }
}

type Queued = OpenChange | { batch: ChangeBatch; open: false };

export class ChangeQueue {
  readonly totals = emptyTotals();
  copyUps = 0;
  metacopies = 0;
  /** Every change counted, however many the largest list keeps. */
  count = 0;
  /**
   * The changes that may be listed among the largest: those that write or hide a byte. A
   * directory merely copied up to hold a changed file, an empty new file or a symlink say
   * nothing about what eats the disk; a deleted or opaque directory that hides bytes does.
   */
  listable = 0;
  readonly largest: TopItems<Change>;
  private renames: Change[] = [];
  /** Changes not yet handed on, in path order; `head` is the first not handed on. */
  private queue: Array<Queued | undefined> = [];
  private head = 0;

  constructor(
    private readonly top: number,
    private readonly onChange: ((change: Change) => void) | undefined,
  ) {
    this.largest = new TopItems(
      top,
      (change) => change.bytes + change.hiddenBytes,
      (a, b) => compareWalkOrder(a.path, b.path),
    );
  }

  push(change: OpenChange): void {
    this.queue.push(change);
  }

  /**
   * A change that is final as it is found (not a copy-up): handed on at once when no change
   * waits before it, else queued behind them, so that the order stays the paths' order.
   */
  final(change: Change): void {
    if (this.head === this.queue.length) {
      this.handOn(change);
      return;
    }
    const queued: OpenChange = { ...change, open: false, copyUp: false };
    this.queue.push(queued);
    this.close(queued);
  }

  /** Final changes another queue counted (a worker's subtree): handed on in order, not counted again. */
  stream(batch: ChangeBatch): void {
    if (this.onChange === undefined) return;
    if (this.head === this.queue.length) {
      for (const change of batchChanges(batch)) this.onChange(change);
      return;
    }
    this.queue.push({ batch, open: false });
  }

  /** What another queue counted (a worker's, over all its subtrees). */
  addCounts(counted: ChangeCounts & { count: number }): void {
    for (const kind of CHANGE_KINDS) {
      const totals = this.totals[kind];
      totals.count += counted.totals[kind].count;
      totals.bytes += counted.totals[kind].bytes;
      totals.hiddenBytes += counted.totals[kind].hiddenBytes;
    }
    this.count += counted.count;
    this.copyUps += counted.copyUps;
    this.metacopies += counted.metacopies;
    this.listable += counted.listable;
    for (const change of counted.largest) this.largest.add(change);
    this.renames = [...this.renames, ...counted.renames].sort((a, b) => compareWalkOrder(a.path, b.path)).slice(0, this.top);
  }

  /** A change is final: hand on every final change at the head of the queue, in path order. */
  close(change: OpenChange): void {
    change.open = false;
    while (this.head < this.queue.length) {
      const next = this.queue[this.head];
      if (next === undefined || next.open) break;
      this.queue[this.head++] = undefined;
      if ("batch" in next) {
        if (this.onChange !== undefined) for (const item of batchChanges(next.batch)) this.onChange(item);
        continue;
      }
      const { open: _open, copyUp, ...final } = next;
      if (copyUp) this.copyUps++;
      this.handOn(final);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  counts(): ChangeCounts {
    const { totals, copyUps, metacopies, listable, renames } = this;
    return { totals, copyUps, metacopies, largest: this.largest.items, listable, renames };
  }

  private handOn(change: Change): void {
    const totals = this.totals[change.kind];
    totals.count++;
    totals.bytes += change.bytes;
    totals.hiddenBytes += change.hiddenBytes;
    this.count++;
    const weight = change.bytes + change.hiddenBytes;
    if (weight > 0) {
      this.listable++;
      if (this.largest.wants(weight)) this.largest.add(change);
    }
    if (change.kind === "renamed" && this.renames.length < this.top) this.renames.push(change);
    if (change.metacopy === true) this.metacopies++;
    this.onChange?.(change);
  }
}
