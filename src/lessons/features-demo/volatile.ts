// Step 4, volatile: an overlay that never syncs its upper (podman's throwaway containers). The
// kernel strips O_DSYNC from writes and makes fsync and syncfs return at once; in exchange it
// leaves work/work/incompat/volatile behind, and refuses the next mount of that upper and work
// until the learner, sure that the machine did not crash, removes it.

import { formatMs } from "../../i18n/format.js";
import { compareTimings, median, range } from "../../runner/stats.js";
import type { Step } from "../../runner/types.js";
import { yesNo } from "../observe.js";
import type { FeaturesWords } from "./en.js";
import { type Ctx, container, dirsOf, mountOf, mountWithFeature, round } from "./stack.js";

const STEP = "volatile";
const IMAGE = `${STEP}/image`;
const OFF = container(STEP, "off");
const ON = container(STEP, "on");
const TRIALS = 3;
/** A database's commit log: every 4 KiB write waits for the disk (O_DSYNC), unless the mount is volatile. */
const WRITES = 128;
const WRITE_BYTES = 4096;
const INCOMPAT = `${ON.work}/work/incompat/volatile`;

const journal = (box: typeof ON, trial: number): string => `${box.merged}/journal-${trial}`;
const dsyncWrite = (path: string): string[] => [
  "dd",
  "if=/dev/zero",
  `of=${path}`,
  `bs=${WRITE_BYTES}`,
  `count=${WRITES}`,
  "oflag=dsync",
  "status=none",
];

async function setUp(ctx: Ctx): Promise<void> {
  await ctx.mkdir(`${IMAGE}/etc`, ...dirsOf(OFF), ...dirsOf(ON));
  await ctx.writeFile(`${IMAGE}/etc/hostname`, "throwaway\n");
  await mountWithFeature(ctx, mountOf(ON, [IMAGE], ["volatile"]), {
    id: "volatile",
    option: "volatile",
    shownAs: ["volatile", "fsync=volatile"],
  });
  await ctx.mountOverlay(mountOf(OFF, [IMAGE], []));
  ctx.showLayers({ lower: [IMAGE], upper: ON.upper, merged: ON.merged });
}

/** The same synchronous writes on both mounts, alternating which goes first, as cow-demo times writes. */
async function timeSyncedWrites(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  ctx.say(w.volatile.timing(WRITES));
  const times = { off: [] as number[], on: [] as number[] };
  for (let trial = 1; trial <= TRIALS; trial++) {
    const order = trial % 2 === 1 ? (["off", "on"] as const) : (["on", "off"] as const);
    for (const which of order) times[which].push((await ctx.run(dsyncWrite(journal(which === "on" ? ON : OFF, trial)))).ms);
  }
  const spread = (values: number[]): string => {
    const [low, high] = range(values);
    return `${w.volatile.median} ${formatMs(median(values))} · ${formatMs(low)}–${formatMs(high)}`;
  };
  ctx.facts([
    [w.volatile.plain, spread(times.off)],
    [w.volatile.volatile, spread(times.on)],
  ]);
  ctx.metric("plainDsyncWriteMs", round(median(times.off)));
  ctx.metric("volatileDsyncWriteMs", round(median(times.on)));
  const comparison = compareTimings(times.off, times.on);
  ctx.metric("dsyncVerdict", comparison.verdict);
  // compareTimings calls the second "overlay": here it is the volatile mount.
  if (comparison.verdict === "overlay-faster") ctx.say(w.volatile.faster(comparison.ratio.toFixed(1)));
  else if (comparison.verdict === "overlay-slower") ctx.say(w.volatile.slower(comparison.ratio.toFixed(1)));
  else ctx.say(w.volatile.noDifference(TRIALS));
  const written = ctx.stat(journal(ON, 1))?.size ?? 0;
  ctx.check("journal-written", w.volatile.checkWritten, String(WRITES * WRITE_BYTES), String(written));
}

/** Unmounted cleanly, the mark stays; the next mount is refused until it is removed. */
async function remount(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.unmount(ON.merged);
  await ctx.run(["find", ON.work]);
  ctx.check("incompat-left", w.volatile.checkLeft, "yes", yesNo(ctx.stat(INCOMPAT)?.isDirectory() === true));
  const again = await ctx.tryMountOverlay(mountOf(ON, [IMAGE], ["volatile"]));
  ctx.check("remount-refused", w.volatile.checkRefused, "refused", again.mounted ? "mounted" : "refused");
  if (again.kernelSays === undefined) ctx.say(w.volatile.logUnreadable);
  else {
    // The log is the whole machine's: quote the line about this mount's work dir, else all that came.
    const quoted = again.kernelSays.find((line) => line.includes("incompat feature 'volatile'"));
    ctx.facts([[w.volatile.kernelSays, quoted ?? ([...new Set(again.kernelSays)].join(" / ") || w.volatile.nothingLogged)]]);
    ctx.check(
      "kernel-says-why",
      w.volatile.checkKernel,
      "overlay with incompat feature 'volatile' cannot be mounted",
      quoted ?? "(not logged)",
      quoted !== undefined,
    );
  }
  ctx.say(w.volatile.clear);
  await ctx.run(["rm", "-r", INCOMPAT]);
  await ctx.mountOverlay(mountOf(ON, [IMAGE], ["volatile"]));
  const kept = ctx.stat(journal(ON, 1))?.size ?? 0;
  ctx.check("data-still-there", w.volatile.checkKept, String(WRITES * WRITE_BYTES), String(kept));
  ctx.say(w.common.mapShows("volatile"));
}

export const volatileStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.volatile.title,
  explain: (w) => w.volatile.explain,
  async run(ctx) {
    await setUp(ctx);
    await timeSyncedWrites(ctx);
    await remount(ctx);
  },
  keyPoint: (w) => w.volatile.key,
};
