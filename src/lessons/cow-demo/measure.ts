// cow-demo's measuring tools: the dd commands it times, sizes as the learner reads them, and
// the copy-up's cost, reported the same way whether the lesson or the learner made the copy.
import { formatBytes, formatCount, formatMs, formatRate } from "../../i18n/format.js";
import { CLONING_FS } from "../../overlay/fsinfo.js";
import { fileUsage } from "../../overlay/usage.js";
import { median, range } from "../../runner/stats.js";
import type { LessonContext } from "../../runner/types.js";
import { exactBytes } from "../observe.js";
import type { CowDemoWords } from "./en.js";

export interface CowOptions {
  sizeBytes: number;
  trials: number;
  containers: number;
}

export type Ctx = LessonContext<CowOptions, CowDemoWords>;

export const MiB = 1024 * 1024;
export const BIG = "bigfile.bin";
/** How many times step 6 appends one byte again: its figure is their median, with their range. */
export const APPENDS = 3;
// Room for: lower's big file, its copy-up, and the two new files of each direct/overlay trial.
export const spaceNeeded = (size: number): number => 4 * size + 16 * MiB;

/** `size` bytes in `ms`, per second, written as every rate of the program is (i18n/format.ts). */
export function rate(size: number, ms: number): string {
  return formatRate(ms > 0 ? (size / ms) * 1000 : 0);
}

/** dd that writes `size` bytes of zeros to `path`, fsynced so the page cache cannot hide the disk. */
export function ddWrite(path: string, size: number): string[] {
  const count = size % MiB === 0 ? [`count=${size / MiB}`] : [`count=${size}`, "iflag=count_bytes"];
  return ["dd", "if=/dev/zero", `of=${path}`, "bs=1M", ...count, "conv=fsync", "status=none"];
}

/** Append one byte: the smallest write there is, so its time is the open() and nothing else. */
export const ddAppendByte = (path: string): string[] => [
  "dd",
  "if=/dev/zero",
  `of=${path}`,
  "bs=1",
  "count=1",
  "oflag=append",
  "conv=notrunc",
  "status=none",
];

export function sizeOf(ctx: Ctx, path: string): number {
  return fileUsage(ctx.path(path))?.apparentBytes ?? -1;
}

/** Bytes on disk as du -B1 prints them, and as a person reads them: "50 MiB (52,441,088 B)". */
export const onDisk = (bytes: number): string => (bytes < 1024 ? formatBytes(bytes) : `${formatBytes(bytes)} (${exactBytes(bytes)})`);

/** The same write timed `times.length` times: its median, said as one, with the range beside it. */
export function timedAgain(ctx: Ctx, times: readonly number[]): [string, string] {
  const [fastest, slowest] = range(times);
  return [ctx.w.again.took, ctx.w.again.median(formatMs(median(times)), times.length, formatMs(fastest), formatMs(slowest))];
}

/** The copy-up's cost: the first write minus the same write on the already-copied file (its median). */
export function reportCost(ctx: Ctx, times: readonly number[], copyUpMs: number): void {
  const { w } = ctx;
  const appendMs = median(times);
  const costMs = Math.max(0, copyUpMs - appendMs);
  ctx.metric("appendAfterCopyUpMs", round(appendMs));
  ctx.metric("copyUpCostMs", round(costMs));
  ctx.facts([
    timedAgain(ctx, times),
    [w.again.copyUpCost, `${formatMs(copyUpMs)} − ${formatMs(appendMs)} = ${formatMs(costMs)}`],
    // From the cost alone: the write's own start (dd's, the append's) is no part of copying the file.
    ...(costMs > 0 ? [[w.again.throughput, rate(ctx.options.sizeBytes, costMs)] as [string, string]] : []),
    [w.again.faster, `${formatCount(Math.round((copyUpMs / appendMs) * 10) / 10)}×`],
  ]);
  // Where upper can clone (xfs with reflink, btrfs) the copy-up shares extents and may cost
  // no more than the append itself: the timing claim only holds where bytes are copied.
  if (!CLONING_FS.has(String(ctx.metricsSoFar.backingFs ?? ""))) {
    ctx.check("append-cheaper", w.again.checkCheaper, `< ${formatMs(copyUpMs)}`, formatMs(appendMs), appendMs < copyUpMs);
  }
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
