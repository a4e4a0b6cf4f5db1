// The container's changes, handed on in path order. A deleted or opaque directory's change is
// final only once its subtree is walked (its hidden bytes are summed there), while the changes
// beneath it are final at once: so changes wait in a queue behind the first open one, and each
// is counted and handed on when every change before it is final.
import { TopItems } from "../layers/hidden.js";

export type ChangeKind = "added" | "changed" | "deleted" | "opaque";
export const CHANGE_KINDS: readonly ChangeKind[] = ["added", "changed", "deleted", "opaque"];

export interface Change {
  /** In the container, with a leading slash, as `docker diff` prints it. */
  path: string;
  kind: ChangeKind;
  /** st_size of the upper's regular file (0 for the rest). */
  bytes: number;
  /** Bytes of the image this change hides (a copy-up's original, everything beneath a deleted or opaque directory). */
  hiddenBytes: number;
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

export class ChangeQueue {
  readonly totals = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, { count: 0, bytes: 0, hiddenBytes: 0 }])) as Record<
    ChangeKind,
    ChangeTotals
  >;
  copyUps = 0;
  /**
   * The changes that may be listed among the largest: those that write or hide a byte. A
   * directory merely copied up to hold a changed file, an empty new file or a symlink say
   * nothing about what eats the disk; a deleted or opaque directory that hides bytes does.
   */
  listable = 0;
  readonly largest: TopItems<Change>;
  /** Changes not yet handed on, in path order; `head` is the first not handed on. */
  private queue: Array<OpenChange | undefined> = [];
  private head = 0;

  constructor(
    top: number,
    private readonly onChange: ((change: Change) => void) | undefined,
  ) {
    this.largest = new TopItems(top, (change) => change.bytes + change.hiddenBytes);
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

  /** A change is final: hand on every final change at the head of the queue, in path order. */
  close(change: OpenChange): void {
    change.open = false;
    while (this.head < this.queue.length) {
      const next = this.queue[this.head];
      if (next === undefined || next.open) break;
      this.queue[this.head++] = undefined;
      const { open: _open, copyUp, ...final } = next;
      if (copyUp) this.copyUps++;
      this.handOn(final);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private handOn(change: Change): void {
    const totals = this.totals[change.kind];
    totals.count++;
    totals.bytes += change.bytes;
    totals.hiddenBytes += change.hiddenBytes;
    if (change.bytes + change.hiddenBytes > 0) {
      this.listable++;
      this.largest.add(change);
    }
    this.onChange?.(change);
  }
}
