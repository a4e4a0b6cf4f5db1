// Step 5, xino: the same paths' st_dev and st_ino in merged, xino off and on, with the image on a
// filesystem of its own (a tmpfs) as when images live on another disk or in an erofs image.
// Without xino a file reports its own layer's device, not the mount's: one mount shows several
// devices, and du -x, which counts what is on its starting directory's device, skips the files.
// With xino every path reports the mount's device, and the layer's number goes in the inode's
// high bits, so (st_dev, st_ino) is unique across the layers.
import { formatBytes } from "../../i18n/format.js";
import type { Step } from "../../runner/types.js";
import type { FeaturesWords } from "./en.js";
import { type Ctx, container, ddFile, dirsOf, duBytes, MiB, mountOf, mountWithFeature, type StatLine, statFields } from "./stack.js";

const STEP = "xino";
const IMAGE = `${STEP}/image`;
const DATA = "usr/lib/libdata.so";
const DATA_BYTES = MiB;
const NEW = "var/log/app.log";
const OFF = container(STEP, "off");
const ON = container(STEP, "on");
const STAT_FORMAT = "%n: device %d, inode %i";
/** xino keeps the layer's number in the inode's top bits: the real inode is the low 32 bits here. */
const LOW_BITS = 2n ** 32n;

const device = (line: StatLine | undefined): string => line?.fields[0] ?? "?";
const inode = (line: StatLine | undefined): bigint => BigInt(line?.fields[1] ?? -1);

async function setUp(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  await ctx.mkdir(IMAGE, ...dirsOf(OFF), ...dirsOf(ON));
  ctx.say(w.xino.ownFilesystem);
  await ctx.mountTmpfs(IMAGE, 8 * MiB);
  await ctx.mkdir(`${IMAGE}/usr/lib`, `${IMAGE}/etc`);
  await ctx.run(ddFile(`${IMAGE}/${DATA}`, DATA_BYTES));
  await ctx.writeFile(`${IMAGE}/etc/hostname`, "xino\n");
  await mountWithFeature(ctx, mountOf(ON, [IMAGE], ["xino=on"]), { id: "xino", option: "xino=on" });
  await ctx.mountOverlay(mountOf(OFF, [IMAGE], ["xino=off"]));
  ctx.showLayers({ lower: [IMAGE], upper: OFF.upper, merged: OFF.merged });
  await ctx.mkdir(`${OFF.merged}/var/log`, `${ON.merged}/var/log`);
  for (const box of [OFF, ON]) await ctx.writeFile(`${box.merged}/${NEW}`, `${w.xino.logLine}\n`);
}

/** stat of the mount's root, a file of the image and a file of upper, in one container. */
async function inodes(ctx: Ctx, box: typeof ON): Promise<StatLine[]> {
  return statFields(ctx, STAT_FORMAT, [box.merged, `${box.merged}/${DATA}`, `${box.merged}/${NEW}`]);
}

async function compare(ctx: Ctx): Promise<void> {
  const { w } = ctx;
  const [offRoot, offData, offNew] = await inodes(ctx, OFF);
  const [onRoot, onData, onNew] = await inodes(ctx, ON);
  const devices = (...lines: Array<StatLine | undefined>): string => lines.map(device).join(" ");
  const offDevices = new Set([offRoot, offData, offNew].map(device));
  ctx.check(
    "off-devices",
    w.xino.checkOffDevices,
    `> 1 (${devices(offRoot, offData, offNew)})`,
    String(offDevices.size),
    offDevices.size > 1,
  );
  const onDevices = new Set([onRoot, onData, onNew].map(device));
  ctx.check("on-one-device", w.xino.checkOnDevice, "1", `${onDevices.size} (${devices(onRoot, onData, onNew)})`, onDevices.size === 1);
  const real = BigInt(ctx.stat(`${IMAGE}/${DATA}`)?.ino ?? -1);
  const merged = inode(onData);
  ctx.check(
    "on-high-bits",
    w.xino.checkHighBits,
    `${real} + n × 2^32, n > 0`,
    String(merged),
    merged >= LOW_BITS && merged % LOW_BITS === real,
  );
  const [offDu = 0, onDu = 0] = await duBytes(ctx, ["-sx"], [OFF.merged, ON.merged]);
  ctx.metric("duOneFilesystemXinoOffBytes", offDu);
  ctx.metric("duOneFilesystemXinoOnBytes", onDu);
  ctx.facts([
    [w.xino.duCounts("xino=off"), formatBytes(offDu)],
    [w.xino.duCounts("xino=on"), formatBytes(onDu)],
  ]);
  ctx.check("du-x-misses-files", w.xino.checkDuOff, `< ${DATA_BYTES} B`, `${offDu} B`, offDu < DATA_BYTES);
  ctx.check("du-x-counts-files", w.xino.checkDuOn, `≥ ${DATA_BYTES} B`, `${onDu} B`, onDu >= DATA_BYTES);
  ctx.say(w.xino.why);
  ctx.say(w.common.mapShows("xino=off"));
}

export const xinoStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.xino.title,
  explain: (w) => w.xino.explain,
  async run(ctx) {
    await setUp(ctx);
    await compare(ctx);
  },
  keyPoint: (w) => w.xino.key,
};
