// Hidden bytes: what a layer ships and stores that nobody can see, because a higher layer's
// whiteout, opaque directory or newer copy hides it. Counted as regular files' st_size, each
// traced to the layer that holds it and to what hides it (dive reports a total its users cannot
// trace; this keeps the reason with every byte).
import type { XattrNamespace } from "../overlay/xattr.js";
import { type HiddenBy, type StackPath, walkStack } from "./walk.js";

export interface HiddenItem {
  path: string;
  bytes: number;
  /** The layer (index in the walk's dirs, top first) that holds the hidden file. */
  layer: number;
  hiddenBy: HiddenBy;
}

export interface LayerTotals {
  /** Sum of st_size of the layer's regular files. */
  bytes: number;
  /** Regular files. */
  files: number;
  /** Of `bytes`, what a higher layer hides. */
  hiddenBytes: number;
  /** Bytes of lower layers that this layer's entries hide. */
  hidesBytes: number;
}

export interface StackSummary {
  layers: LayerTotals[];
  /** Bytes of the files merged shows. */
  visibleBytes: number;
  visibleFiles: number;
  /** Every hidden byte, whoever hides it. */
  hiddenBytes: number;
  /** The largest hidden files, largest first (at most `top`). */
  hidden: HiddenItem[];
}

/** Keeps the `size` largest items without holding every hidden file of a big image. */
export class TopItems<T> {
  readonly items: T[] = [];
  constructor(
    private readonly size: number,
    private readonly weight: (item: T) => number,
  ) {}
  add(item: T): void {
    if (this.size <= 0) return;
    if (this.items.length === this.size) {
      const last = this.items[this.items.length - 1];
      if (last === undefined || this.weight(item) <= this.weight(last)) return;
      this.items.pop();
    }
    const index = this.items.findIndex((other) => this.weight(other) < this.weight(item));
    this.items.splice(index === -1 ? this.items.length : index, 0, item);
  }
}

export interface SummaryOptions {
  namespace: XattrNamespace;
  top?: number;
  /** Sees every path as it is walked (inspect lists a container's changes from the same walk). */
  onPath?: (path: StackPath) => void;
  onUnreadable?: (dir: string, error: unknown) => void;
}

export function summarizeStack(dirs: readonly string[], options: SummaryOptions): StackSummary {
  const layers: LayerTotals[] = dirs.map(() => ({ bytes: 0, files: 0, hiddenBytes: 0, hidesBytes: 0 }));
  const top = new TopItems<HiddenItem>(options.top ?? 10, (item) => item.bytes);
  const summary: StackSummary = { layers, visibleBytes: 0, visibleFiles: 0, hiddenBytes: 0, hidden: top.items };
  const walkOptions = { namespace: options.namespace, ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}) };
  for (const path of walkStack(dirs, walkOptions)) {
    options.onPath?.(path);
    path.cells.forEach((cell, layer) => {
      if (cell === undefined || cell.entry.kind !== "file") return;
      const totals = layers[layer];
      if (totals === undefined) return;
      totals.bytes += cell.entry.size;
      totals.files++;
      if (cell.state === "visible") {
        summary.visibleBytes += cell.entry.size;
        summary.visibleFiles++;
      } else if (cell.hiddenBy !== undefined) {
        totals.hiddenBytes += cell.entry.size;
        summary.hiddenBytes += cell.entry.size;
        const hider = layers[cell.hiddenBy.layer];
        if (hider !== undefined) hider.hidesBytes += cell.entry.size;
        top.add({ path: path.path, bytes: cell.entry.size, layer, hiddenBy: cell.hiddenBy });
      }
    });
  }
  return summary;
}
