// What a layer's regular files add up to, three ways: the data bytes they hold (st_size, but a
// metacopy holds none: its data is a lower layer's), their apparent size (st_size, every file),
// and what they take on disk (st_blocks × 512, each inode once, as du counts: a sparse 10 GiB
// file takes next to nothing, and two hard links to one file take its blocks once).
import { dataBytes, type LayerEntry } from "./entry.js";
import type { HideReason } from "./walk.js";

export interface ByteTotals {
  /** The data bytes of the regular files (a metacopy counts 0). */
  bytes: number;
  files: number;
  /** Their st_size, every file (differs from `bytes` where metacopies are). */
  apparentBytes: number;
  /** Their st_blocks × 512, each inode once. */
  diskBytes: number;
}

export interface LayerTotals extends ByteTotals {
  /** Of `bytes`, what merged shows. */
  visibleBytes: number;
  /** Of `bytes`, what the image's later layers hide (the image's own view). */
  hiddenBytes: number;
  /** Bytes of earlier layers this layer's entries hide (the image's own view), by how. */
  hides: Record<HideReason, number>;
}

export const emptyBytes = (): ByteTotals => ({ bytes: 0, files: 0, apparentBytes: 0, diskBytes: 0 });

export const emptyLayer = (): LayerTotals => ({
  ...emptyBytes(),
  visibleBytes: 0,
  hiddenBytes: 0,
  hides: { whiteout: 0, opaque: 0, "newer-copy": 0 },
});

/** Counts regular files into totals, each hard-linked inode's blocks once per layer. */
export class FileCounter {
  /** "layer|dev:ino" → the disk bytes counted for it. */
  private readonly linked = new Map<string, number>();

  /** One regular file of walk layer `layer` (its index in the walk's dirs). */
  count(totals: ByteTotals, layer: number, entry: LayerEntry): void {
    totals.files++;
    totals.apparentBytes += entry.size;
    totals.bytes += dataBytes(entry);
    if (entry.inode === undefined) {
      totals.diskBytes += entry.disk;
      return;
    }
    const key = `${layer}|${entry.inode}`;
    if (this.linked.has(key)) return;
    this.linked.set(key, entry.disk);
    totals.diskBytes += entry.disk;
  }

  /** The hard-linked inodes counted here, for another counter to merge. */
  linkedInodes(): Array<[string, number]> {
    return [...this.linked];
  }

  /**
   * Another counter's hard-linked inodes (a worker's, whose totals were added already): an inode
   * both counted is taken off again, so that it counts once.
   */
  mergeLinked(inodes: ReadonlyArray<[string, number]>, totalsOf: (layer: number) => ByteTotals | undefined): void {
    for (const [key, disk] of inodes) {
      if (!this.linked.has(key)) {
        this.linked.set(key, disk);
        continue;
      }
      const totals = totalsOf(Number(key.slice(0, key.indexOf("|"))));
      if (totals !== undefined) totals.diskBytes -= disk;
    }
  }
}

/** Add `more` into `totals`. */
export function addBytes(totals: ByteTotals, more: ByteTotals): void {
  totals.bytes += more.bytes;
  totals.files += more.files;
  totals.apparentBytes += more.apparentBytes;
  totals.diskBytes += more.diskBytes;
}
