// Disk usage of a layer, read in-process like `du`: st_blocks counts what the filesystem really
// allocated (a whiteout or an empty file costs nothing, a copied-up file costs its full size).
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface Usage {
  /** Sum of file sizes (du --apparent-size). */
  apparentBytes: number;
  /** Bytes allocated on disk (du). */
  diskBytes: number;
}

export function diskUsage(path: string): Usage {
  const usage: Usage = { apparentBytes: 0, diskBytes: 0 };
  const visit = (current: string): void => {
    let stats: ReturnType<typeof lstatSync>;
    try {
      stats = lstatSync(current);
    } catch {
      return;
    }
    usage.diskBytes += stats.blocks * 512;
    if (stats.isDirectory()) {
      for (const name of readdirSync(current)) visit(join(current, name));
    } else {
      usage.apparentBytes += stats.size;
    }
  };
  visit(path);
  return usage;
}

export function fileUsage(path: string): Usage | undefined {
  try {
    const stats = lstatSync(path);
    return { apparentBytes: stats.size, diskBytes: stats.blocks * 512 };
  } catch {
    return undefined;
  }
}
