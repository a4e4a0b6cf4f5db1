// Independent counts for inspect's tests, from find(1) and from the kernel's own merged views,
// never from src/: bytes and files per layer, what a view shows, and a snapshot of every entry
// of every layer (path, type, size, mtime, ctime) to prove that inspect changed nothing.

import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import type { CliResult } from "./cli.js";
import { readXattr, setXattr } from "./xattrs.js";

export interface Sizes {
  bytes: number;
  files: number;
  /** st_blocks × 512, each inode once (hard links), as du counts. */
  diskBytes: number;
}

/** Regular files beneath dir: path (relative) → st_size, by find -printf (never follows a symlink). */
export function fileSizes(dir: string): Map<string, number> {
  const output = execFileSync("find", [dir, "-type", "f", "-printf", "%P\\0%s\\0"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const fields = output.split("\0");
  const sizes = new Map<string, number>();
  for (let index = 0; index + 1 < fields.length; index += 2) sizes.set(fields[index] ?? "", Number(fields[index + 1]));
  return sizes;
}

/** The regular files beneath dir as find counts them: apparent bytes, files, and disk bytes with each inode once. */
export function totals(dir: string): Sizes {
  const output = execFileSync("find", [dir, "-type", "f", "-printf", "%i %s %b\\n"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seen = new Set<string>();
  const sizes: Sizes = { bytes: 0, files: 0, diskBytes: 0 };
  for (const line of output.split("\n").filter((row) => row !== "")) {
    const [inode = "", size = "0", blocks = "0"] = line.split(" ");
    sizes.bytes += Number(size);
    sizes.files++;
    if (seen.has(inode)) continue;
    seen.add(inode);
    sizes.diskBytes += Number(blocks) * 512;
  }
  return sizes;
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
  mounted: boolean;
  owner: { uid: number; user: string } | null;
  container: {
    runtime: string;
    id: string;
    name: string;
    image: string | null;
    pod: { namespace: string; name: string; container: string } | null;
  } | null;
  layers: Array<{ dir: string; number: number; bytes: number; files: number; diskBytes: number; apparentBytes?: number }>;
  upper: { dir: string; bytes: number; diskBytes: number; apparentBytes?: number } | null;
  changes: Array<{ path: string; kind: string; bytes: number; diskBytes: number; hiddenBytes: number; metacopy?: true; from?: string }>;
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
  "mounted",
  "owner",
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
  const entries = execFileSync("find", [upper, "-mindepth", "1", "-printf", "%P\\0%y\\0%s\\0%b\\0"], { encoding: "utf8" }).split("\0");
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
  const changes: Array<{ path: string; kind: string; bytes: number; diskBytes: number; hiddenBytes: number }> = [];
  for (let index = 0; index + 3 < entries.length; index += 4) {
    const [path = "", type, size, blocks] = [entries[index], entries[index + 1], entries[index + 2], entries[index + 3]];
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
    // A directory's blocks are not a change's: only regular files' are counted.
    const diskBytes = type === "f" ? Number(blocks) * 512 : 0;
    changes.push({ path: `/${path}`, kind, bytes: type === "f" ? Number(size) : 0, diskBytes, hiddenBytes });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function hasOpaqueXattr(path: string, namespace = "trusted"): boolean {
  return readXattr(path, `${namespace}.overlay.opaque`) === "y";
}

export function writeBytes(path: string, bytes: number): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "z".repeat(bytes));
}

export interface KernelStack {
  top: string;
  bottom: string;
  upper: string;
  merged: string;
  /** An empty directory for the image-only view (mountImageView). */
  image: string;
}

/**
 * Two image layers beneath `parent` (a whiteout and an opaque dir made by hand in the top one)
 * and a container's changes made by the kernel through the mount, which is pushed on `mounts`.
 * The image hides 13,000 B (bottom's app.conf 1,000, /big 10,000, data/old 2,000); the container
 * 8,700 B (the copy-up of the top's 1,200, var/cache's 7,000, data/new's 500).
 */
export function makeKernelStack(
  parent: string,
  mounts: string[],
  names = ["top", "bottom", "upper", "work", "merged", "image"],
): KernelStack {
  const [top, bottom, upper, work, merged, image] = names.map((name) => join(parent, name)) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  for (const dir of [top, bottom, upper, work, merged, image]) mkdirSync(dir, { recursive: true });
  writeBytes(join(bottom, "etc/app.conf"), 1000);
  writeBytes(join(bottom, "var/cache/a"), 3000);
  writeBytes(join(bottom, "var/cache/b"), 4000);
  writeBytes(join(bottom, "data/old"), 2000);
  writeBytes(join(bottom, "big"), 10_000);
  writeBytes(join(top, "etc/app.conf"), 1200); // a newer copy: the bottom's 1000 bytes are the image's waste
  execFileSync("mknod", [join(top, "big"), "c", "0", "0"]); // `RUN rm /big`: 10,000 bytes stay in the bottom layer
  writeBytes(join(top, "data/new"), 500);
  setXattr(join(top, "data"), "trusted.overlay.opaque", "y"); // rm -rf + mkdir in a RUN
  execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${top}:${bottom},upperdir=${upper},workdir=${work}`, merged]);
  mounts.push(merged);
  appendFileSync(join(merged, "etc/app.conf"), "+"); // copy-up: hides the top's 1200 bytes
  rmSync(join(merged, "var/cache"), { recursive: true }); // a whiteout of a directory: hides 7000
  rmSync(join(merged, "data"), { recursive: true });
  mkdirSync(join(merged, "data")); // the kernel makes it opaque: hides data/new's 500
  writeBytes(join(merged, "data/x"), 10);
  writeBytes(join(merged, "srv/new"), 3000);
  writeBytes(join(merged, "big"), 7); // the container re-creates what the image deleted: still the image's waste
  return { top, bottom, upper, merged, image };
}

/**
 * The lines a terminal had to wrap because they were wider than it: tmux's capture joins them
 * again under -J, and only them (a line exactly as wide as the terminal is not joined). The
 * terminal's own idea of width (wcwidth), not ours.
 */
export function wrappedByTerminal(terminal: { name: string }): string[] {
  const capture = (join: boolean) =>
    execFileSync("tmux", ["capture-pane", "-p", ...(join ? ["-J"] : []), "-S", "-2000", "-t", terminal.name], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trimEnd());
  const rows = new Set(capture(false));
  return capture(true).filter((line) => !rows.has(line));
}

/**
 * Per test, a temp dir for kernel-made stacks (`parent()`) and the list of what it mounted there
 * (`mounts`, one array, emptied before each test): after each test, each unmounted, the dir
 * removed, and the test failed if one of them was still mounted.
 */
export function kernelStackDirs(prefix: string): { parent(): string; mounts: string[] } {
  let parent = "";
  const mounts: string[] = [];
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), prefix));
    mounts.length = 0;
  });
  afterEach(() => {
    for (const mountPoint of [...mounts].reverse()) unmountIfMounted(mountPoint);
    const left = mounts.filter((mountPoint) => isMountPoint(mountPoint));
    rmSync(parent, { recursive: true, force: true });
    expect(left).toEqual([]);
  });
  return { parent: () => parent, mounts };
}

/** What a runtime said of a container while it ran: the directories every figure is counted from. */
export interface RecordedContainer {
  id: string;
  upper: string;
  lower: string[];
  merged: string;
}

/** inspect's figures for one container, held to find(1) over the directories its runtime named. */
export function expectCounted(mount: InspectedMount | undefined, recorded: RecordedContainer): void {
  if (mount === undefined) throw new Error(`container ${recorded.id} not listed`);
  expect(mount.notes).toEqual([]);
  expect(mount.upper?.dir).toBe(recorded.upper);
  const upper = totals(recorded.upper);
  expect({ bytes: mount.upper?.bytes, diskBytes: mount.upper?.diskBytes }).toEqual({ bytes: upper.bytes, diskBytes: upper.diskBytes });
  expect(mount.layers.map((layer) => layer.dir)).toEqual(recorded.lower);
  expect(mount.layers.map(({ bytes, files, diskBytes }) => ({ bytes, files, diskBytes }))).toEqual(recorded.lower.map(totals));
}

/**
 * `inspect` with no TARGET walks every overlay of the machine, and the suite's other tests mount
 * and unmount theirs meanwhile: one that vanishes mid-walk is named on stderr with exit 1. What a
 * test of its own containers may hold it to: exit 0, or 1 naming none of `ours` (their store's
 * paths).
 */
export function expectOursRead(result: CliResult, ours: readonly string[]): void {
  if (result.code === 0) return;
  expect(result.code, result.stderr).toBe(1);
  for (const path of ours) expect(result.stderr).not.toContain(path);
}

export interface StackDirs {
  lower: string;
  upper: string;
  work: string;
  merged: string;
}

/** lower, upper, work and merged made in `parent`: the four directories of one overlay. */
export function makeStackDirs(parent: string): StackDirs {
  const [lower, upper, work, merged] = ["lower", "upper", "work", "merged"].map((name) => join(parent, name)) as [
    string,
    string,
    string,
    string,
  ];
  for (const dir of [lower, upper, work, merged]) mkdirSync(dir);
  return { lower, upper, work, merged };
}

/**
 * A test's own overlay stack beneath a temp parent made before each test (never in a describe
 * body, which runs even when the suite skips), its merged unmounted and the tree removed after
 * each, with rm (which walks a tree deeper than PATH_MAX from each directory; Node's rmSync builds
 * whole paths). Call inside a describe; `make()` creates the four directories.
 */
export function overlayWorkspace(prefix: string): { make(): StackDirs; parent(): string } {
  let parent = "";
  let merged = "";
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (merged !== "") unmountIfMounted(merged);
    execFileSync("rm", ["-rf", "--one-file-system", parent]);
  });
  return {
    make() {
      const dirs = makeStackDirs(parent);
      merged = dirs.merged;
      return dirs;
    },
    parent: () => parent,
  };
}
