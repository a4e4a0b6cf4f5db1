// Layer directories made by hand for the host summary's unit tests: plain files of given sizes
// and whiteouts (0/0 character devices, as overlay and containers-storage write them).
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The directory `root/name`, holding a file of each size, or a whiteout, at each path. */
export function handLayer(root: string, name: string, files: Record<string, number | "whiteout">): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [path, size] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    if (size === "whiteout") spawnSync("mknod", [join(dir, path), "c", "0", "0"]);
    else writeFileSync(join(dir, path), Buffer.alloc(size, 1));
  }
  return dir;
}

/** What a layer's regular files take on disk, by lstat (an independent count). */
export function diskOf(dir: string): number {
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) sum += lstatSync(join(entry.parentPath, entry.name)).blocks * 512;
  }
  return sum;
}
