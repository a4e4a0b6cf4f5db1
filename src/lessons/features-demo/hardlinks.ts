// Step 3, hardlinks: two names for one file of the image, and a write through one of them.
// Without index, the copy-up gives that name a new inode of its own: the link breaks, and the
// other name still says 2 links but keeps the old content. With index=on the kernel copies the
// inode up once, keeps it in work/index, and both names stay one file.
import type { Step } from "../../runner/types.js";
import type { FeaturesWords } from "./en.js";
import { type Ctx, container, dirsOf, mountOf, mountWithFeature, type StatLine, statFields } from "./stack.js";

const STEP = "hardlinks";
const IMAGE = `${STEP}/image`;
const FILE = "data/state";
const LINK = "data/state.link";
const OFF = container(STEP, "off");
const ON = container(STEP, "on");
const STAT_FORMAT = "%n: inode %i, links %h";

const inode = (line: StatLine | undefined): string => line?.fields[0] ?? "?";
const links = (line: StatLine | undefined): string => line?.fields[1] ?? "?";

async function setUp(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.mkdir(`${IMAGE}/data`, ...dirsOf(OFF), ...dirsOf(ON));
  await ctx.writeFile(`${IMAGE}/${FILE}`, `${w.hardlinks.version1}\n`);
  await ctx.run(["ln", `${IMAGE}/${FILE}`, `${IMAGE}/${LINK}`]);
  await statFields(ctx, STAT_FORMAT, [`${IMAGE}/${FILE}`, `${IMAGE}/${LINK}`]);
  await mountWithFeature(ctx, mountOf(ON, [IMAGE], ["index=on"]), {
    id: "index",
    option: "index=on",
    ...(ctx.mode === "rootless" ? { whyOff: w.hardlinks.whyOffRootless } : {}),
  });
  await ctx.mountOverlay(mountOf(OFF, [IMAGE], ["index=off"]));
  ctx.showLayers({ lower: [IMAGE], upper: OFF.upper, merged: OFF.merged });
}

/** Append through the first name in both containers, then look at both names in merged. */
async function writeThroughOneName(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  for (const box of [OFF, ON]) await ctx.writeFile(`${box.merged}/${FILE}`, `${w.hardlinks.version2}\n`, "append");
  const [offFile, offLink, onFile, onLink] = await statFields(ctx, STAT_FORMAT, [
    `${OFF.merged}/${FILE}`,
    `${OFF.merged}/${LINK}`,
    `${ON.merged}/${FILE}`,
    `${ON.merged}/${LINK}`,
  ]);
  const shown = (box: typeof OFF): string => ctx.read(`${box.merged}/${LINK}`) ?? "(missing)";
  await ctx.run(["head", `${OFF.merged}/${LINK}`, `${ON.merged}/${LINK}`]);
  const both = `${w.hardlinks.version1}\n${w.hardlinks.version2}\n`;
  ctx.check("off-new-inode", w.hardlinks.checkBroken, `≠ ${inode(offLink)}`, inode(offFile), inode(offFile) !== inode(offLink));
  ctx.check("off-counts", w.hardlinks.checkCounts, "1 2", `${links(offFile)} ${links(offLink)}`);
  ctx.check("off-old-content", w.hardlinks.checkOldContent, `${w.hardlinks.version1}\n`, shown(OFF));
  ctx.check("on-same-inode", w.hardlinks.checkHeld, inode(onLink), inode(onFile));
  ctx.check("on-two-links", w.hardlinks.checkTwoLinks, "2 2", `${links(onFile)} ${links(onLink)}`);
  ctx.check("on-new-content", w.hardlinks.checkNewContent, both, shown(ON));
  // index=on keeps the copied-up inode under work/index, named by the lower file's handle.
  const index = ctx.entries(`${ON.work}/index`) ?? [];
  ctx.check("index-entry", w.hardlinks.checkIndex, "1", String(index.length));
  ctx.say(w.hardlinks.why);
  ctx.say(w.common.mapShows("index=off"));
}

export const hardlinksStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.hardlinks.title,
  explain: (w) => w.hardlinks.explain,
  async run(ctx) {
    await setUp(ctx);
    await writeThroughOneName(ctx);
  },
  keyPoint: (w) => w.hardlinks.key,
};
