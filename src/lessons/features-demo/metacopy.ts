// Step 1, metacopy: `chown -R` through merged, without and with metacopy=on. Without, every file is
// copied up whole; with it, upper gets the metadata only (overlay.metacopy, next to no blocks)
// and reads still come from lower, until a write copies the data.
import { formatBytes, formatPercent } from "../../i18n/format.js";
import type { Step } from "../../runner/types.js";
import { yesNo } from "../observe.js";
import type { FeaturesWords } from "./en.js";
import {
  appliedOptions,
  type Ctx,
  container,
  ddFile,
  dirsOf,
  duBytes,
  MiB,
  mountOf,
  mountWithFeature,
  round,
  type StatLine,
  showXattr,
  statFields,
} from "./stack.js";

const STEP = "metacopy";
const IMAGE = `${STEP}/image`;
const APP = "opt/app";
const LIB = `${APP}/lib/libbig.so`;
const LIB_BYTES = 32 * MiB;
const OFF = container(STEP, "off");
const ON = container(STEP, "on");
const OWNER = "1000:1000";
/** A metadata-only copy has no data blocks: at most a block for its xattrs. */
const METADATA_ONLY_BYTES = 8 * 1024;
/** size, blocks, block unit, then the metadata a chown or chmod changes. */
const STAT_FORMAT = "%n: size %s, blocks %b × %B, owner %u:%g, mode %a";

const onDisk = (line: StatLine | undefined): number => Number(line?.fields[1] ?? 0) * Number(line?.fields[2] ?? 0);
const metadataOf = (line: StatLine | undefined): string => (line ? `${line.fields[3]}:${line.fields[4]} ${line.fields[5]}` : "(none)");

/** The image, both containers (metacopy=on first: the probe), and the chown without metacopy. */
async function setUp(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.mkdir(`${IMAGE}/${APP}/lib`, `${IMAGE}/${APP}/bin`, ...dirsOf(OFF), ...dirsOf(ON));
  await ctx.writeFile(`${IMAGE}/${APP}/app.conf`, `# ${w.metacopy.appConf}\nlisten = 8080\n`);
  await ctx.writeFile(`${IMAGE}/${APP}/bin/app`, "#!/bin/sh\nexec /opt/app/lib/libbig.so\n");
  await ctx.run(ddFile(`${IMAGE}/${LIB}`, LIB_BYTES));
  await mountWithFeature(ctx, mountOf(ON, [IMAGE], ["metacopy=on"]), { id: "metacopy", option: "metacopy=on" });
  // A metadata-only file finds its data through a redirect: the kernel turns redirect_dir on with metacopy.
  if (appliedOptions(ctx, ON.merged).get("redirect_dir") === "on") ctx.say(w.metacopy.redirectToo);
  await ctx.mountOverlay(mountOf(OFF, [IMAGE], ["metacopy=off"]));
  ctx.showLayers({ lower: [IMAGE], upper: OFF.upper, merged: OFF.merged });
  const chown = await ctx.run(["chown", "-R", OWNER, `${OFF.merged}/${APP}`]);
  ctx.metric("chownFullCopyUpMs", round(chown.ms));
}

/** What the learner does in practice: the same chown, through the container with metacopy=on. */
async function chownWithMetacopy(ctx: Ctx): Promise<void> {
  const chown = await ctx.run(["chown", "-R", OWNER, `${ON.merged}/${APP}`]);
  ctx.metric("chownMetacopyMs", round(chown.ms));
}

/** Both uppers after the chown: a whole copy without metacopy, the metadata only with it. */
async function checkMetadataOnly(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  const [image, off, on] = await statFields(ctx, STAT_FORMAT, [`${IMAGE}/${LIB}`, `${OFF.upper}/${LIB}`, `${ON.upper}/${LIB}`]);
  ctx.check("full-copy-up", w.metacopy.checkFullCopy, `≥ ${LIB_BYTES} B`, `${onDisk(off)} B`, onDisk(off) >= LIB_BYTES);
  const name = `${ctx.xattrNamespace}.overlay.metacopy`;
  const metacopy = await showXattr(ctx, `${ON.upper}/${LIB}`, name);
  ctx.check("metacopy-xattr", w.metacopy.checkXattr(name), "yes", yesNo(metacopy !== undefined));
  const size = on?.fields[0] ?? "(none)";
  ctx.check(
    "metadata-only",
    w.metacopy.checkMetadataOnly,
    `size ${LIB_BYTES} B, ≤ ${METADATA_ONLY_BYTES} B on disk`,
    `size ${size} B, ${onDisk(on)} B on disk`,
    Number(size) === LIB_BYTES && onDisk(on) <= METADATA_ONLY_BYTES,
  );
  ctx.check(
    "metadata-changed",
    w.metacopy.checkChanged,
    `≠ ${metadataOf(image)}`,
    metadataOf(on),
    on !== undefined && metadataOf(on) !== metadataOf(image),
  );
  const sums = await ctx.run(["md5sum", `${IMAGE}/${LIB}`, `${ON.merged}/${LIB}`]);
  const [fromImage, fromMerged] = sums.stdout.split("\n").map((line) => line.split(" ")[0]);
  ctx.check("reads-from-lower", w.metacopy.checkReads, fromImage ?? "", fromMerged ?? "");
  await compareLayers(ctx);
}

/** The two chown layers, as du counts them on disk, side by side. */
async function compareLayers(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  const [full = 0, metadata = 0] = await duBytes(ctx, ["-s"], [OFF.upper, ON.upper]);
  ctx.metric("chownFullCopyUpBytes", full);
  ctx.metric("chownMetacopyUpperBytes", metadata);
  const share = (metadata / full) * 100;
  ctx.facts([
    [w.metacopy.layerOff, formatBytes(full)],
    [w.metacopy.layerOn, `${formatBytes(metadata)} (${formatPercent(share)})`],
  ]);
  ctx.check("under-one-percent", w.metacopy.checkShare, "< 1%", formatPercent(share), share < 1);
}

/** A write through merged: now the data is copied up, and the file is no longer metadata-only. */
async function writeCopiesData(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  ctx.say(w.metacopy.nowWrite);
  const write = await ctx.run([
    "dd",
    "if=/dev/zero",
    `of=${ON.merged}/${LIB}`,
    "bs=1",
    "count=1",
    "oflag=append",
    "conv=notrunc",
    "status=none",
  ]);
  ctx.metric("metacopyDataCopyUpMs", round(write.ms));
  const [after] = await statFields(ctx, STAT_FORMAT, [`${ON.upper}/${LIB}`]);
  ctx.check("write-copies-data", w.metacopy.checkWrite, `≥ ${LIB_BYTES} B`, `${onDisk(after)} B`, onDisk(after) >= LIB_BYTES);
  const left = ctx.overlayXattrs(`${ON.upper}/${LIB}`).metacopy === true;
  ctx.check("metacopy-gone", w.metacopy.checkGone, "no", yesNo(left));
  ctx.say(w.metacopy.layers);
  ctx.say(w.common.mapShows("metacopy=off"));
}

export const metacopyStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.metacopy.title,
  explain: (w) => w.metacopy.explain,
  async run(ctx) {
    await setUp(ctx);
    await chownWithMetacopy(ctx);
    await checkMetadataOnly(ctx);
    await writeCopiesData(ctx);
  },
  keyPoint: (w) => w.metacopy.key,
  practice: {
    task: (w) => w.metacopy.practice.task,
    hint: (w) => w.metacopy.practice.hint,
    done: (w) => w.metacopy.practice.done,
    prepare: setUp,
    showMe: chownWithMetacopy,
    verify: checkMetadataOnly,
    finish: writeCopiesData,
  },
};
