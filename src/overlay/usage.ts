// Disk usage of a layer, read in-process like `du`: st_blocks counts what the filesystem really
// allocated (a whiteout or an empty file costs nothing, a copied-up file costs its full size).
import { lstatSync, readdirSync, type Stats } from "node:fs";
import { join } from "node:path";

export interface Usage {
  /** Sum of file sizes (du --apparent-size). */
  apparentBytes: number;
  /** Bytes allocated on disk (du). */
  diskBytes: number;
}

/**
 * Every inode at and beneath `path`, lstat'd (a symlink is never followed), parents first. A
 * directory is read only when `onInode` returns true for it; an entry gone since its directory
 * was read is passed over, as du does.
 */
function walkInodes(path: string, onInode: (stats: Stats) => boolean): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (onInode(stats) && stats.isDirectory()) for (const name of readdirSync(path)) walkInodes(join(path, name), onInode);
}

export function diskUsage(path: string): Usage {
  const usage: Usage = { apparentBytes: 0, diskBytes: 0 };
  walkInodes(path, (stats) => {
    usage.diskBytes += stats.blocks * 512;
    if (!stats.isDirectory()) usage.apparentBytes += stats.size;
    return true;
  });
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

/** Inodes of one kind and their apparent bytes. */
export interface KindUsage {
  count: number;
  bytes: number;
}

/**
 * What `du -sb PATH` adds up, split by kind: the apparent size (st_size) of every inode beneath,
 * PATH itself included, directories too (a directory's st_size is its own blocks, 4 KiB each on
 * ext4). Lessons count regular files' bytes (what a container can read); this says where the rest
 * of du's figure comes from. `seen` holds the inodes counted already: like one du with several
 * paths, a hard-linked file counts once.
 */
export interface ApparentUsage {
  total: number;
  files: KindUsage;
  dirs: KindUsage;
  /** Symbolic links (their target's length), whiteouts and other devices (0). */
  other: KindUsage;
}

export function apparentUsage(path: string, seen: Set<string> = new Set()): ApparentUsage {
  const usage: ApparentUsage = { total: 0, files: { count: 0, bytes: 0 }, dirs: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 } };
  walkInodes(path, (stats) => {
    const inode = `${stats.dev}:${stats.ino}`;
    if (seen.has(inode)) return false;
    seen.add(inode);
    const kind = stats.isDirectory() ? usage.dirs : stats.isFile() ? usage.files : usage.other;
    kind.count++;
    kind.bytes += stats.size;
    usage.total += stats.size;
    return true;
  });
  return usage;
}
