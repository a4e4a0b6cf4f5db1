// Step 6, data-only-layers: the composefs idea. A store of file contents, each named by its
// sha256, is given after `::` as a data-only lower layer: its paths never show in merged. Two
// images' metadata layers hold a sparse file of the right size with overlay.metacopy and an
// overlay.redirect to the store's object: both images read the same bytes, stored once.
import { formatBytes } from "../../i18n/format.js";
import type { Step } from "../../runner/types.js";
import { listing } from "../observe.js";
import type { FeaturesWords } from "./en.js";
import { type Ctx, container, ddFile, dirsOf, duBytes, MiB, mountOf, mountWithFeature, setXattr, statFields } from "./stack.js";

const STEP = "data-only-layers";
const STORE = `${STEP}/store`;
const IMAGES = [`${STEP}/image-a`, `${STEP}/image-b`] as const;
const BOXES = [container(STEP, "a"), container(STEP, "b")] as const;
const LIB = "usr/lib/libshared.so";
const LIB_BYTES = MiB;
const STAGED = `${STEP}/libshared.so`;
const STAT_FORMAT = "%n: size %s, blocks %b × %B";

/** The store: the library's bytes once, under objects/<2 hex>/<62 hex> of its sha256, as composefs keeps them. */
async function fillStore(ctx: Ctx): Promise<string> {
  await ctx.run(ddFile(STAGED, LIB_BYTES, "/dev/urandom"));
  const sum = await ctx.run(["sha256sum", STAGED]);
  const digest = sum.stdout.split(" ")[0] ?? "";
  const object = `objects/${digest.slice(0, 2)}/${digest.slice(2)}`;
  await ctx.mkdir(`${STORE}/objects/${digest.slice(0, 2)}`);
  await ctx.run(["mv", STAGED, `${STORE}/${object}`]);
  return object;
}

/** An image's metadata layer: its own files, and the library as a sparse file that points into the store. */
async function writeImage(ctx: Ctx, image: string, name: string, object: string): Promise<void> {
  await ctx.mkdir(`${image}/usr/lib`, `${image}/etc`);
  await ctx.writeFile(`${image}/etc/os-release`, `NAME="${name}"\n`);
  await ctx.run(["truncate", "-s", String(LIB_BYTES), `${image}/${LIB}`]);
  await setXattr(ctx, `${image}/${LIB}`, `${ctx.xattrNamespace}.overlay.metacopy`, "");
  await setXattr(ctx, `${image}/${LIB}`, `${ctx.xattrNamespace}.overlay.redirect`, `/${object}`);
}

async function setUp(ctx: Ctx): Promise<string> {
  await ctx.mkdir(STORE, ...BOXES.flatMap(dirsOf));
  const object = await fillStore(ctx);
  if (!ctx.has("setfattr")) ctx.say(ctx.w.dataOnly.ownSetting);
  for (const [index, image] of IMAGES.entries()) await writeImage(ctx, image, `image ${"AB"[index]}`, object);
  const [a, b] = BOXES;
  await mountWithFeature(ctx, mountOf(a, [IMAGES[0]], [], [STORE]), {
    id: "data-only",
    option: "lowerdir=…::…",
    // The kernel lists a data-only layer after `::` in lowerdir, as it was given.
    applied: (options) => (options.get("lowerdir")?.includes("::") ? [`lowerdir=${options.get("lowerdir")}`] : []),
  });
  await ctx.mountOverlay(mountOf(b, [IMAGES[1]], [], [STORE]));
  ctx.showLayers({ lower: [IMAGES[0], STORE], upper: a.upper, merged: a.merged });
  return object;
}

async function checkShared(ctx: Ctx, object: string): Promise<void> {
  const { w } = ctx;
  const [a, b] = BOXES;
  await ctx.run(["ls", "-A", a.merged, b.merged]);
  ctx.check("store-not-visible", w.dataOnly.checkHidden, "etc usr", listing(ctx, a.merged));
  const sums = await ctx.run(["md5sum", `${a.merged}/${LIB}`, `${b.merged}/${LIB}`, `${STORE}/${object}`]);
  const [fromA, fromB, fromStore] = sums.stdout.split("\n").map((line) => line.split(" ")[0]);
  ctx.check("same-bytes", w.dataOnly.checkSame, `${fromStore} ${fromStore}`, `${fromA} ${fromB}`);
  const [meta, data] = await statFields(ctx, STAT_FORMAT, [`${IMAGES[0]}/${LIB}`, `${STORE}/${object}`]);
  const onDisk = Number(meta?.fields[1] ?? 0) * Number(meta?.fields[2] ?? 0);
  ctx.check(
    "metadata-only",
    w.dataOnly.checkNoData,
    `size ${LIB_BYTES} B, < 1% on disk`,
    `size ${meta?.fields[0]} B, ${onDisk} B on disk`,
    Number(meta?.fields[0]) === LIB_BYTES && onDisk < LIB_BYTES / 100,
  );
  ctx.check(
    "store-holds-data",
    w.dataOnly.checkStore,
    `≥ ${LIB_BYTES} B`,
    `${Number(data?.fields[1]) * Number(data?.fields[2])} B`,
    Number(data?.fields[1]) * Number(data?.fields[2]) >= LIB_BYTES,
  );
  const [imageA = 0, imageB = 0, store = 0] = await duBytes(ctx, ["-s"], [...IMAGES, STORE]);
  ctx.metric("dataOnlyStoreBytes", store);
  ctx.metric("dataOnlyImageBytes", imageA + imageB);
  ctx.facts([
    [w.dataOnly.images, `${formatBytes(imageA)} + ${formatBytes(imageB)}`],
    [w.dataOnly.store, formatBytes(store)],
  ]);
  ctx.say(w.dataOnly.composefs);
  ctx.say(w.common.mapShows(`lowerdir=${IMAGES[0]}::${STORE}`));
}

/**
 * Container a of this step, absolute: the stack the summary and --keep name (the lesson's last).
 * Its lower is the image's metadata layer; the store is a data-only layer, not a lower of it.
 */
export function dataOnlyStack(root: string): { lower: string[]; upper: string; work: string; merged: string } {
  const [a] = BOXES;
  return {
    lower: [`${root}/${IMAGES[0]}`],
    upper: `${root}/${a.upper}`,
    work: `${root}/${a.work}`,
    merged: `${root}/${a.merged}`,
  };
}

export const dataOnlyStep: Step<Record<string, never>, FeaturesWords> = {
  id: STEP,
  title: (w) => w.dataOnly.title,
  explain: (w) => w.dataOnly.explain,
  async run(ctx) {
    const object = await setUp(ctx);
    await checkShared(ctx, object);
  },
  keyPoint: (w) => w.dataOnly.key,
};
