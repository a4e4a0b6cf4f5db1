// What every step of features-demo is made of: an image layer of its own and two containers of it
// side by side, one mounted with the feature and one without, both in the step's folder, so a
// skipped step leaves nothing another step needs. The container with the feature is mounted
// first: that mount is the probe, and a kernel that refuses it, or accepts it and does not apply
// it, skips the step with its reason.
import { constants } from "node:os";
import type { LessonContext, OverlayMount } from "../../runner/types.js";
import { firstLine } from "../../sys/exec.js";
import type { FeaturesWords } from "./en.js";

export type Ctx = LessonContext<Record<string, never>, FeaturesWords>;

export const MiB = 1024 * 1024;

/** A container of the step's image: its upper, work and merged, relative to the workspace. */
export interface Container {
  upper: string;
  work: string;
  merged: string;
}

export function container(step: string, name: string): Container {
  return { upper: `${step}/${name}/upper`, work: `${step}/${name}/work`, merged: `${step}/${name}/merged` };
}

export const dirsOf = (box: Container): string[] => [box.upper, box.work, box.merged];

/** The mount of `box` on `lower`, with `options`. */
export function mountOf(box: Container, lower: readonly string[], options: readonly string[], dataLower?: readonly string[]): OverlayMount {
  return { lower, upper: box.upper, work: box.work, merged: box.merged, options, ...(dataLower ? { dataLower } : {}) };
}

/** dd that writes `bytes` of `source` (zeros, or random bytes that no two files share). */
export function ddFile(path: string, bytes: number, source: "/dev/zero" | "/dev/urandom" = "/dev/zero"): string[] {
  return ["dd", `if=${source}`, `of=${path}`, "bs=64K", `count=${bytes / (64 * 1024)}`, "status=none"];
}

/** The overlay options the kernel applies to the mount on `merged`, as findmnt and mountinfo show them. */
export function appliedOptions(ctx: Ctx, merged: string): ReadonlyMap<string, string> {
  return ctx.mountAt(merged)?.options ?? new Map();
}

/** What a feature is called in mount -o, and how mountinfo shows it while it is in effect. */
export interface Feature {
  /** The check's id: `<id>-applied`. */
  id: string;
  option: string;
  /** The forms findmnt shows (6.x writes volatile as fsync=volatile); default: the option itself. */
  shownAs?: readonly string[];
  /** Where no fixed form says it (a data-only layer shows as `::` in lowerdir): what of the options shows it. */
  applied?: (options: ReadonlyMap<string, string>) => string[];
  /** Why the kernel may accept the option and not apply it here (rootless index), when the log cannot say. */
  whyOff?: string;
}

/** The forms of the feature that the mount's options hold ([] when the kernel does not apply it). */
function appliedForms(options: ReadonlyMap<string, string>, feature: Feature): string[] {
  if (feature.applied !== undefined) return feature.applied(options);
  return (feature.shownAs ?? [feature.option]).filter((form) => {
    const [key = "", value] = form.split("=");
    return options.has(key) && (value === undefined || options.get(key) === value);
  });
}

/**
 * Mount the container that has the feature: the probe. Refused, or mounted without the feature in
 * effect, the step is skipped, and the reason quotes the kernel where its log can be read.
 */
export async function mountWithFeature(ctx: Ctx, spec: OverlayMount, feature: Feature): Promise<void> {
  const { w } = ctx;
  const attempt = await ctx.tryMountOverlay(spec);
  // Lessons running side by side log the same lines: each is quoted once.
  const logged = [...new Set(attempt.kernelSays ?? [])].join(" / ");
  if (!attempt.mounted) {
    if (ctx.mode === "rootless" && (feature.option === "metacopy=on" || feature.option === "redirect_dir=on"))
      ctx.skip(w.skip.userxattr(feature.option, ctx.hostRoot));
    ctx.skip(w.skip.refused(feature.option, logged || firstLine(attempt.result.stderr)));
  }
  await ctx.run(["findmnt", "-n", "-o", "OPTIONS", spec.merged]);
  const applied = appliedForms(appliedOptions(ctx, spec.merged), feature);
  if (applied.length === 0) ctx.skip(w.skip.notApplied(feature.option, logged || feature.whyOff || w.skip.noReason));
  ctx.check(`${feature.id}-applied`, w.common.checkApplied(feature.option), feature.option, applied.join(","), applied.length > 0);
}

/**
 * Show an xattr the kernel wrote: with getfattr where attr is installed, else from the lesson's
 * own reading (lgetxattr), saying so. Returns the value, undefined when the entry has none.
 */
export async function showXattr(ctx: Ctx, path: string, name: string): Promise<string | undefined> {
  const value = ctx.xattr(path, name);
  if (ctx.has("getfattr")) {
    await ctx.run(["getfattr", "-n", name, path], { allowFailure: true });
  } else {
    ctx.say(ctx.w.common.ownReading);
    ctx.facts([
      ["# file:", path],
      [name, value === undefined ? ctx.w.common.noXattr : JSON.stringify(value)],
    ]);
  }
  return value;
}

/** Set an overlay xattr as a layer builder does: setfattr where attr is installed, else in-process (shown the same). */
export async function setXattr(ctx: Ctx, path: string, name: string, value: string): Promise<void> {
  if (ctx.has("setfattr")) await ctx.run(["setfattr", "-n", name, ...(value === "" ? [] : ["-v", value]), path]);
  else await ctx.setXattr(path, name, value);
}

/** One line of `stat -c FORMAT` per path, split on FORMAT's separators: the kernel's own figures. */
export interface StatLine {
  path: string;
  fields: string[];
}

/**
 * Run stat with a FORMAT that starts "%n: " and read each path's numbers back, in order (as
 * strings: an xino inode needs 64 bits). A path that is not there (a learner's practice) has none.
 */
export async function statFields(ctx: Ctx, format: string, paths: readonly string[]): Promise<StatLine[]> {
  const result = await ctx.run(["stat", "-c", format, ...paths], { allowFailure: true });
  const lines = result.stdout.split("\n");
  return paths.map((path) => ({
    path,
    fields:
      lines
        .find((line) => line.startsWith(`${path}: `))
        ?.slice(path.length + 2)
        .match(/\d+/g) ?? [],
  }));
}

/** du's figure for each path ("N<TAB>path" lines), in bytes with -B1. */
export async function duBytes(ctx: Ctx, flags: readonly string[], paths: readonly string[]): Promise<number[]> {
  const result = await ctx.run(["du", ...flags, "-B1", ...paths]);
  const lines = result.stdout.split("\n");
  return paths.map((path) => Number(lines.find((line) => line.endsWith(`\t${path}`))?.split("\t")[0] ?? Number.NaN));
}

const ERRNO_NAMES = new Map<number, string>(Object.entries(constants.errno).map(([name, number]) => [number, name]));

/** errno 18 → "EXDEV". */
export const errnoName = (errno: number): string => ERRNO_NAMES.get(errno) ?? `errno ${errno}`;

export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Every directory beneath `root` (relative to it), parents first: a small tree, read with lstat. */
export function directoriesBeneath(ctx: Ctx, root: string, prefix = ""): string[] {
  const found: string[] = [];
  for (const name of ctx.entries(prefix === "" ? root : `${root}/${prefix}`) ?? []) {
    const path = prefix === "" ? name : `${prefix}/${name}`;
    if (!ctx.stat(`${root}/${path}`)?.isDirectory()) continue;
    found.push(path, ...directoriesBeneath(ctx, root, path));
  }
  return found;
}

/** Every regular file beneath `root`, relative to it, with its size. */
export function regularFiles(ctx: Ctx, root: string): Map<string, number> {
  const sizes = new Map<string, number>();
  if (ctx.stat(root) === undefined) return sizes;
  for (const path of ctx.files(root)) {
    const stats = ctx.stat(`${root}/${path}`);
    if (stats?.isFile()) sizes.set(path, stats.size);
  }
  return sizes;
}

export const totalOf = (sizes: Map<string, number>): number => [...sizes.values()].reduce((sum, size) => sum + size, 0);
