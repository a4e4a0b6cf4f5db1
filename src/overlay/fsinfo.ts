// What filesystem a path lives on, and how much room it has, from statfs(2) in-process. The
// name is the kernel's own, from mountinfo: statfs's magic number cannot tell ext4 from ext2 or
// ext3 (they share 0xef53, which is why `stat -f` prints "ext2/ext3").
import { realpathSync, statfsSync, statSync } from "node:fs";
import { isWithin, type MountEntry, readMountInfo } from "./mountinfo.js";

// Magic numbers from linux/magic.h: the ones that matter for an upper layer.
const FS_NAMES = new Map<number, string>([
  [0xef53, "ext4"],
  [0x58465342, "xfs"],
  [0x9123683e, "btrfs"],
  [0x01021994, "tmpfs"],
  [0x794c7630, "overlay"],
  [0x6969, "nfs"],
  [0xff534d42, "cifs"],
  [0xfe534d42, "smb2"],
  [0x65735546, "fuse"],
  [0x2fc12fc1, "zfs"],
  [0xf2f52010, "f2fs"],
  [0x4d44, "vfat"],
  [0x5346544e, "ntfs"],
  [0x73717368, "squashfs"],
  [0x858458f6, "ramfs"],
  [0x6a656a63, "fakeowner"],
  [0x01021997, "9p"],
]);

export interface FsInfo {
  type: string;
  /** Bytes available (df Avail). */
  freeBytes: number;
  totalBytes: number;
}

/**
 * The mount that holds `path`: the one whose device is the path's st_dev, else (btrfs subvolumes
 * report a device of their own) the deepest mount point above it; the last mounted wins a tie.
 */
export function mountOf(path: string, entries: MountEntry[] = readMountInfo()): MountEntry | undefined {
  let real: string;
  let device: string;
  try {
    real = realpathSync(path);
    const { dev } = statSync(real);
    device = `${Math.floor(dev / 256) & 0xfff}:${(dev & 0xff) | ((dev >> 12) & 0xfff00)}`;
  } catch {
    return undefined;
  }
  const above = entries.filter((entry) => isWithin(real, entry.mountPoint));
  const deepest = (candidates: MountEntry[]): MountEntry | undefined =>
    candidates.reduce<MountEntry | undefined>(
      (best, entry) => (best === undefined || entry.mountPoint.length >= best.mountPoint.length ? entry : best),
      undefined,
    );
  return deepest(above.filter((entry) => entry.device === device)) ?? deepest(above);
}

export function fsInfo(path: string): FsInfo {
  const stats = statfsSync(path, { bigint: false });
  const type = mountOf(path)?.fsType ?? FS_NAMES.get(stats.type) ?? `0x${stats.type.toString(16)}`;
  return {
    type,
    // bavail, not bfree: what df calls Avail; reserved blocks and quotas are not ours to count on.
    freeBytes: stats.bavail * stats.bsize,
    totalBytes: stats.blocks * stats.bsize,
  };
}

/** Filesystems that cannot hold an overlay upper layer (no d_type/xattr/whiteout support). */
export const UNFIT_UPPER_FS = new Set(["overlay", "nfs", "cifs", "smb2", "fuse", "9p", "squashfs", "vfat", "ntfs"]);

/** Filesystems where the kernel's copy-up clones extents instead of copying bytes. */
export const CLONING_FS = new Set(["xfs", "btrfs"]);
