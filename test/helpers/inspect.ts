// Independent counts for inspect's tests, from find(1) and from the kernel's own merged views,
// never from src/: bytes and files per layer, what a view shows, and a snapshot of every entry
// of every layer (path, type, size, mtime, ctime) to prove that inspect changed nothing.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { CliResult } from "./cli.js";

export interface Sizes {
  bytes: number;
  files: number;
}

/** Regular files beneath dir: path (relative) → st_size, by find -printf (never follows a symlink). */
export function fileSizes(dir: string): Map<string, number> {
  const output = execFileSync("find", [dir, "-type", "f", "-printf", "%P\\0%s\\0"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const fields = output.split("\0");
  const sizes = new Map<string, number>();
  for (let index = 0; index + 1 < fields.length; index += 2) sizes.set(fields[index] ?? "", Number(fields[index + 1]));
  return sizes;
}

export function totals(dir: string): Sizes {
  let bytes = 0;
  let files = 0;
  for (const size of fileSizes(dir).values()) {
    bytes += size;
    files++;
  }
  return { bytes, files };
}

/** Every entry of every dir: path, type, size, mtime and ctime (to the nanosecond), sorted. */
export function snapshot(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) =>
    execFileSync("find", [dir, "-printf", "%p %y %s %T@ %C@\\n"], { encoding: "utf8", maxBuffer: 1 << 28 })
      .split("\n")
      .filter((line) => line !== "")
      .sort(),
  );
}

export function isMountPoint(path: string, mountInfo = "/proc/self/mountinfo"): boolean {
  return readFileSync(mountInfo, "utf8")
    .split("\n")
    .some((line) => line.split(" ")[4] === path.replace(/ /g, "\\040"));
}

/** The image as the kernel shows it: a read-only overlay of the lower layers alone (top first). */
export function mountImageView(lowers: readonly string[], mountPoint: string): void {
  if (lowers.length === 1) {
    execFileSync("mount", ["--bind", "-o", "ro", lowers[0] ?? "", mountPoint]);
    return;
  }
  execFileSync("mount", ["-t", "overlay", "overlay", "-o", `ro,lowerdir=${lowers.join(":")}`, mountPoint]);
}

export function unmountIfMounted(path: string): void {
  if (isMountPoint(path)) execFileSync("umount", [path]);
}

export interface InspectedMount {
  mountPoint: string | null;
  container: { runtime: string; id: string; name: string } | null;
  layers: Array<{ dir: string; number: number; bytes: number; files: number }>;
  upper: { dir: string; bytes: number } | null;
  changes: Array<{ path: string; kind: string; bytes: number; hiddenBytes: number }>;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  hidden: Array<{
    path: string;
    bytes: number;
    files: number;
    layer: number;
    layerNumber: number;
    cause: string;
    scope: string;
    hiddenByLayer: number | null;
    hiddenByLayerNumber: number | null;
  }>;
  notes: string[];
}

/** The JSON lines of `inspect --json`, one per mount. */
export function inspected(result: CliResult): InspectedMount[] {
  return result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as InspectedMount);
}

export const JSON_FIELDS = [
  "mountPoint",
  "container",
  "changes",
  "layers",
  "upper",
  "imageHiddenBytes",
  "containerHiddenBytes",
  "hidden",
  "notes",
].sort();

/**
 * What inspect must report, counted without it: changes from the upper as find sees it, each
 * looked up in the kernel's image-only view (`image`), the container's hidden bytes as what the
 * image view shows and the container's merged view no longer takes from the image.
 */
export function expectedChanges(upper: string, image: string, opaque: (path: string) => boolean) {
  const entries = execFileSync("find", [upper, "-mindepth", "1", "-printf", "%P\\0%y\\0%s\\0"], { encoding: "utf8" }).split("\0");
  const imageFiles = fileSizes(image);
  const inImage = (path: string) => {
    try {
      execFileSync("test", ["-e", `${image}/${path}`, "-o", "-L", `${image}/${path}`]);
      return true;
    } catch {
      return false;
    }
  };
  const beneath = (path: string) => {
    let bytes = 0;
    for (const [file, size] of imageFiles) if (file === path || file.startsWith(`${path}/`)) bytes += size;
    return bytes;
  };
  const changes: Array<{ path: string; kind: string; bytes: number; hiddenBytes: number }> = [];
  for (let index = 0; index + 2 < entries.length; index += 3) {
    const [path = "", type, size] = [entries[index], entries[index + 1], entries[index + 2]];
    const there = inImage(path);
    let kind = there ? "changed" : "added";
    let hiddenBytes = 0;
    if (type === "c") {
      kind = "deleted";
      hiddenBytes = beneath(path);
    } else if (type === "d" && opaque(path) && there) {
      kind = "opaque";
      hiddenBytes = beneath(path);
    } else if (type !== "d" && there) {
      hiddenBytes = beneath(path);
    }
    changes.push({ path: `/${path}`, kind, bytes: type === "f" ? Number(size) : 0, hiddenBytes });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function hasOpaqueXattr(path: string, namespace = "trusted"): boolean {
  try {
    return (
      execFileSync("getfattr", ["--only-values", "-h", "-n", `${namespace}.overlay.opaque`, path], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }) === "y"
    );
  } catch {
    return false;
  }
}
