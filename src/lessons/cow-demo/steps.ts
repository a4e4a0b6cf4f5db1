// cow-demo: what copy-on-write costs on a big file, measured so that the numbers hold up.
// The copy-up happens inside open(), before dd starts its own clock, so every write is timed
// from outside (spawn to exit) and the same write on the already-copied file is subtracted.

export type { CowOptions };

import { formatBytes, formatCount, formatMs } from "../../i18n/format.js";
import { CLONING_FS, fsInfo } from "../../overlay/fsinfo.js";
import { diskUsage, fileUsage } from "../../overlay/usage.js";
import { compareTimings, median, range } from "../../runner/stats.js";
import type { Lesson } from "../../runner/types.js";
import { exactBytes, listing } from "../observe.js";
import { mountWorkspace } from "../workspace.js";
import { type CowDemoWords, en } from "./en.js";
import { ja } from "./ja.js";
import {
  APPENDS,
  BIG,
  type CowOptions,
  ddAppendByte,
  ddWrite,
  MiB,
  onDisk,
  rate,
  reportCost,
  round,
  sizeOf,
  spaceNeeded,
  timedAgain,
} from "./measure.js";
import { bigCopyPractice } from "./practice.js";
import { zh } from "./zh.js";

export const cowDemo: Lesson<CowOptions, CowDemoWords> = {
  words: { en, zh, ja },
  id: "cow-demo",
  title: (w) => w.title,
  refuse(parent, options, w) {
    const { freeBytes } = fsInfo(parent);
    const need = spaceNeeded(options.sizeBytes);
    if (freeBytes >= need) return undefined;
    return w.noSpace(formatBytes(options.sizeBytes), formatBytes(need), formatBytes(freeBytes), parent);
  },
  steps: [
    {
      id: "big-file",
      title: (w) => w.big.title,
      explain: (w, options) => w.big.explain(formatBytes(options.sizeBytes)),
      async run(ctx) {
        const { w, options } = ctx;
        await ctx.mkdir("lower", "upper", "work", "merged");
        await ctx.run(ddWrite(`lower/${BIG}`, options.sizeBytes), {
          progress: { file: ctx.path(`lower/${BIG}`), totalBytes: options.sizeBytes, label: "dd" },
        });
        await ctx.writeFile("lower/small.txt", `${w.big.smallContent}\n`);
        await ctx.writeFile("lower/config.ini", "[app]\nmode = production\n");
        await ctx.run(["ls", "-l", "lower"]);
        ctx.check("big-file-size", w.big.checkSize, exactBytes(options.sizeBytes), exactBytes(sizeOf(ctx, `lower/${BIG}`)));
        ctx.metric("sizeBytes", options.sizeBytes);
      },
      keyPoint: (w) => w.big.key,
    },
    {
      id: "mount",
      title: (w) => w.mount.title,
      explain: (w) => w.mount.explain,
      async run(ctx) {
        const { w } = ctx;
        await mountWorkspace(ctx);
        // findmnt names the filesystem as the kernel does (ext4); `stat -f` would say "ext2/ext3".
        const fs = await ctx.run(["findmnt", "-n", "-o", "FSTYPE", "--target", "upper"]);
        const backingFs = fs.stdout.trim();
        ctx.metric("backingFs", backingFs);
        // du -B1: the bytes it prints are the ones below, where -h would round 50.01 MiB up to 51M.
        await ctx.run(["du", "-s", "-B1", "lower", "upper"]);
        const upperDisk = diskUsage(ctx.workspace.upper).diskBytes;
        ctx.facts([
          ["lower", onDisk(diskUsage(ctx.workspace.lower).diskBytes)],
          ["upper", onDisk(upperDisk)],
        ]);
        ctx.say(w.mount.du(formatBytes(upperDisk)));
        ctx.check("upper-empty", w.mount.checkUpperEmpty, "(empty)", listing(ctx, "upper"));
        if (backingFs === "tmpfs" || backingFs === "ramfs") ctx.say(w.mount.tmpfs);
        else if (CLONING_FS.has(backingFs)) ctx.say(w.mount.cloning(backingFs));
        else ctx.say(w.mount.copying(backingFs));
      },
      keyPoint: (w) => w.mount.key,
    },
    {
      id: "read",
      title: (w) => w.read.title,
      explain: (w) => w.read.explain,
      async run(ctx) {
        const { w } = ctx;
        const result = await ctx.run(["md5sum", `merged/${BIG}`]);
        ctx.facts([[w.read.took, `${formatMs(result.ms)} · ${rate(ctx.options.sizeBytes, result.ms)}`]]);
        ctx.check("upper-still-empty", w.read.checkUpperEmpty, "(empty)", listing(ctx, "upper"));
      },
      keyPoint: (w) => w.read.key,
    },
    {
      id: "small-copy-up",
      title: (w) => w.small.title,
      explain: (w) => w.small.explain,
      async run(ctx) {
        const { w } = ctx;
        const before = sizeOf(ctx, "lower/small.txt");
        await ctx.writeFile("merged/small.txt", `${w.small.appended}\n`, "append");
        const upper = fileUsage(ctx.path("upper/small.txt"));
        ctx.check("small-in-upper", w.small.checkInUpper, "yes", upper ? "yes" : "no");
        const appendedBytes = Buffer.byteLength(`${w.small.appended}\n`);
        ctx.check("small-size", w.small.checkSize, exactBytes(before + appendedBytes), exactBytes(upper?.apparentBytes ?? -1));
        // The layer map beside says 56 B: disk use is whole blocks, the directory's own included.
        const upperDisk = diskUsage(ctx.workspace.upper).diskBytes;
        const fileDisk = upper?.diskBytes ?? 0;
        ctx.facts([
          [
            w.small.upperNow,
            w.small.blocks(
              formatBytes(upperDisk),
              formatBytes(upper?.apparentBytes ?? 0),
              formatBytes(fileDisk),
              formatBytes(upperDisk - fileDisk),
            ),
          ],
        ]);
      },
      keyPoint: (w) => w.small.key,
    },
    {
      id: "big-copy-up",
      title: (w) => w.bigCopy.title,
      explain: (w) => w.bigCopy.explain,
      async run(ctx) {
        const { w, options } = ctx;
        // Flush the freshly written lower file first: otherwise its writeback lands inside the
        // copy-up's own fsync and inflates the figure two to three times.
        await ctx.run(["sync", "-f", "lower"]);
        const write = await ctx.run(ddAppendByte(`merged/${BIG}`));
        const copy = fileUsage(ctx.path(`upper/${BIG}`));
        ctx.metric("copyUpMs", round(write.ms));
        ctx.metric("upperBytesAfterCopyUp", copy?.diskBytes ?? 0);
        ctx.facts([
          [w.bigCopy.took, formatMs(write.ms)],
          [w.bigCopy.upperHolds, `${formatBytes(copy?.apparentBytes ?? 0)} (${w.bigCopy.onDisk} ${formatBytes(copy?.diskBytes ?? 0)})`],
        ]);
        const backingFs = String(ctx.metricsSoFar.backingFs ?? "");
        if (CLONING_FS.has(backingFs) && write.ms > 0 && (options.sizeBytes / write.ms) * 1000 > 4 * 1024 * MiB)
          ctx.say(w.bigCopy.cloned(backingFs));
        ctx.check("whole-copy-apparent", w.bigCopy.checkApparent, exactBytes(options.sizeBytes + 1), exactBytes(copy?.apparentBytes ?? -1));
        // Allocated bytes are whole blocks: at least N, and not a second N.
        const disk = copy?.diskBytes ?? 0;
        ctx.check(
          "whole-copy-on-disk",
          w.bigCopy.checkDisk,
          `${exactBytes(options.sizeBytes)}–${exactBytes(options.sizeBytes + MiB)}`,
          exactBytes(disk),
          disk >= options.sizeBytes && disk <= options.sizeBytes + MiB,
        );
        ctx.check("lower-untouched", w.bigCopy.checkLower, exactBytes(options.sizeBytes), exactBytes(sizeOf(ctx, `lower/${BIG}`)));
      },
      keyPoint: (w) => w.bigCopy.key,
      practice: bigCopyPractice,
    },
    {
      id: "append-again",
      title: (w) => w.again.title,
      explain: (w) => w.again.explain(APPENDS),
      async run(ctx) {
        const { w } = ctx;
        const before = diskUsage(ctx.workspace.upper).diskBytes;
        const sizeBefore = sizeOf(ctx, `merged/${BIG}`);
        // The same one-byte append, APPENDS times: the median is the cost of the write itself,
        // spawn included, which is exactly what the copy-up's figure also contains.
        const times: number[] = [];
        for (let index = 0; index < APPENDS; index++) {
          await ctx.run(["sync", "-f", "upper"]);
          times.push((await ctx.run(ddAppendByte(`merged/${BIG}`))).ms);
        }
        // Practiced, the learner timed the copy-up: the lesson has no figure of its own to compare.
        const copyUpMs = typeof ctx.metricsSoFar.copyUpMs === "number" ? ctx.metricsSoFar.copyUpMs : undefined;
        if (copyUpMs === undefined) {
          ctx.metric("appendAfterCopyUpMs", round(median(times)));
          ctx.facts([timedAgain(ctx, times)]);
          ctx.say(w.practice.timedByYou);
        } else {
          reportCost(ctx, times, copyUpMs);
        }
        // Two different things grew: the file, by the bytes appended; upper's disk use, by
        // whole blocks (none, while the bytes fit in the file's last one).
        const sizeNow = sizeOf(ctx, `merged/${BIG}`);
        const grew = Math.max(0, diskUsage(ctx.workspace.upper).diskBytes - before);
        ctx.facts([
          [w.again.fileGrew, formatBytes(sizeNow - sizeBefore)],
          [w.again.upperGrew, grew === 0 ? w.again.noGrowth(formatBytes(0)) : formatBytes(grew)],
        ]);
        const size = formatBytes(ctx.options.sizeBytes);
        ctx.check("no-second-copy", w.again.checkNoSecondCopy(size), `< ${formatBytes(MiB)}`, formatBytes(grew), grew < MiB);
        ctx.check("size-now", w.again.checkSize(APPENDS), exactBytes(sizeBefore + APPENDS), exactBytes(sizeNow));
      },
      keyPoint: (w) => w.again.key,
    },
    {
      id: "disk-space",
      title: (w) => w.disk.title,
      explain: (w) => w.disk.explain,
      async run(ctx) {
        const { w, options } = ctx;
        await ctx.run(["du", "-s", "-B1", "lower", "upper"]);
        const lower = diskUsage(ctx.workspace.lower).diskBytes;
        const upper = diskUsage(ctx.workspace.upper).diskBytes;
        // Shadowed: files of lower that upper now holds its own copy of; merged never shows them.
        let shadowed = 0;
        for (const name of ctx.entries("upper") ?? []) {
          const inLower = fileUsage(ctx.path(`lower/${name}`));
          if (inLower && ctx.stat(`upper/${name}`)?.isFile()) shadowed += inLower.diskBytes;
        }
        const projected = options.sizeBytes + options.containers * options.sizeBytes;
        ctx.metric("containers", options.containers);
        ctx.metric("projectedBytes", projected);
        ctx.metric("shadowedBytes", shadowed);
        ctx.facts([
          ["lower", onDisk(lower)],
          ["upper", onDisk(upper)],
          [w.disk.total, onDisk(lower + upper)],
          [w.disk.shadowed, formatBytes(shadowed)],
          [
            w.disk.projected(options.containers),
            `${formatBytes(options.sizeBytes)} + ${formatCount(options.containers)} × ${formatBytes(options.sizeBytes)} = ${formatBytes(projected)}`,
          ],
        ]);
        ctx.check(
          "shadowed-is-big",
          w.disk.checkShadowed,
          `≥ ${formatBytes(options.sizeBytes)}`,
          formatBytes(shadowed),
          shadowed >= options.sizeBytes,
        );
        ctx.check(
          "twice-the-space",
          w.disk.checkTwice,
          `≥ ${formatBytes(2 * options.sizeBytes)}`,
          formatBytes(lower + upper),
          lower + upper >= 2 * options.sizeBytes,
        );
        ctx.say(w.disk.volumes);
      },
      keyPoint: (w) => w.disk.key,
    },
    {
      id: "direct-vs-overlay",
      title: (w) => w.versus.title,
      explain: (w, options) => w.versus.explain(options.trials),
      async run(ctx) {
        const { w, options } = ctx;
        await ctx.mkdir("direct");
        const direct: number[] = [];
        const overlay: number[] = [];
        for (let trial = 0; trial < options.trials; trial++) {
          // Alternate which goes first, so drift (a warming disk, a busy neighbour) hits both.
          const order = trial % 2 === 0 ? (["direct", "merged"] as const) : (["merged", "direct"] as const);
          for (const where of order) {
            const file = `${where}/new-${trial + 1}.bin`;
            await ctx.run(["sync", "-f", "upper"]);
            const result = await ctx.run(ddWrite(file, options.sizeBytes));
            (where === "direct" ? direct : overlay).push(result.ms);
            const written = sizeOf(ctx, file);
            if (written !== options.sizeBytes)
              ctx.check(`trial-${trial + 1}-${where}`, w.versus.checkWritten, exactBytes(options.sizeBytes), exactBytes(written));
            await ctx.remove(file);
          }
        }
        ctx.check("trials-complete", w.versus.checkTrials, String(options.trials * 2), String(direct.length + overlay.length));
        const directRange = range(direct);
        const overlayRange = range(overlay);
        ctx.metric("trials", options.trials);
        ctx.metric("directWriteMs", round(median(direct)));
        ctx.metric("overlayWriteMs", round(median(overlay)));
        ctx.metric("directWriteRangeMs", directRange.map(round));
        ctx.metric("overlayWriteRangeMs", overlayRange.map(round));
        ctx.facts([
          [w.versus.direct, `${w.versus.median} ${formatMs(median(direct))} · ${formatMs(directRange[0])}–${formatMs(directRange[1])}`],
          [w.versus.overlay, `${w.versus.median} ${formatMs(median(overlay))} · ${formatMs(overlayRange[0])}–${formatMs(overlayRange[1])}`],
        ]);
        const comparison = compareTimings(direct, overlay);
        ctx.metric("verdict", comparison.verdict);
        const conclusion =
          comparison.verdict === "no-difference"
            ? w.versus.noDifference(options.trials)
            : comparison.verdict === "overlay-slower"
              ? w.versus.overlaySlower(formatCount(Math.round(comparison.ratio * 100) / 100))
              : w.versus.overlayFaster(formatCount(Math.round(comparison.ratio * 100) / 100));
        ctx.say(conclusion);
        const metrics = ctx.metricsSoFar;
        const num = (name: string): number => (typeof metrics[name] === "number" ? (metrics[name] as number) : 0);
        ctx.say(w.takeaways.title);
        // Practiced, the copy-up was timed by the learner: there is no figure of ours to quote.
        const timed = typeof metrics.copyUpMs === "number";
        for (const line of [
          w.takeaways.read,
          ...(timed ? [w.takeaways.copyUp(formatBytes(options.sizeBytes), formatMs(num("copyUpMs")), formatMs(num("copyUpCostMs")))] : []),
          w.takeaways.once(formatMs(num("appendAfterCopyUpMs")), APPENDS),
          w.takeaways.space(options.containers, formatBytes(num("projectedBytes"))),
          conclusion,
          w.takeaways.volumes,
        ]) {
          ctx.say(`• ${line}`);
        }
      },
      keyPoint: (w) => w.versus.key,
    },
  ],
};
