// layers-demo: an image built the way `docker build` and buildah do it with the overlay driver,
// one real overlay mount per instruction, then run as a container; then the bloat of a later
// `RUN rm`, measured, and the same image built in one layer.
import { formatBytes } from "../../i18n/format.js";
import { isWhiteout, readEntry } from "../../layers/entry.js";
import type { HiddenGroup } from "../../layers/hidden.js";
import { analyzeDisk, stackPaths } from "../../layers/stack.js";
import { apparentUsage } from "../../overlay/usage.js";
import type { Lesson, LessonContext } from "../../runner/types.js";
import { showDu } from "../du.js";
import { exactBytes, yesNo } from "../observe.js";
import { mountWorkspace } from "../workspace.js";
import { en, type LayersDemoWords } from "./en.js";
import {
  BIG,
  BIG_BYTES,
  type BuildLayer,
  baseFiles,
  CACHE,
  CACHE_DB_BYTES,
  COPY,
  contextFiles,
  DOCKERFILE,
  ddZeros,
  FROM,
  IMAGE_LAYERS,
  RUN,
  SCRATCH,
  SINGLE,
} from "./image.js";
import { ja } from "./ja.js";
import { diagnoseRunRm } from "./practice.js";
import { zh } from "./zh.js";

type Ctx = LessonContext<Record<string, never>, LayersDemoWords>;

const opaqueXattr = (ctx: Ctx): string => `${ctx.xattrNamespace}.overlay.opaque`;

/** Regular files beneath a directory, with their sizes, as the kernel reports them (whiteouts are 0). */
function fileSizes(ctx: Ctx, dir: string): Map<string, number> {
  return new Map(ctx.files(dir).map((path) => [path, ctx.stat(`${dir}/${path}`)?.isFile() ? (ctx.stat(`${dir}/${path}`)?.size ?? 0) : 0]));
}

const total = (sizes: Map<string, number>): number => [...sizes.values()].reduce((sum, size) => sum + size, 0);

/** Beside `du -sb PATHS`: why its figures are larger than the lesson's, each split (one du: a hard link once). */
function showDuOf(ctx: Ctx, paths: readonly string[]): void {
  const seen = new Set<string>();
  showDu(
    ctx,
    paths.map((path) => [path, apparentUsage(ctx.path(path), seen)]),
  );
}

/** An instruction begins: a fresh overlay on the layers so far, its upper the new layer. */
async function startInstruction(ctx: Ctx, below: readonly BuildLayer[] | string, layer: BuildLayer): Promise<void> {
  const lower = typeof below === "string" ? [below] : below.map((item) => item.diff);
  ctx.showLayers({ lower, upper: layer.diff, merged: layer.merged });
  await ctx.mkdir(layer.diff, layer.work, layer.merged);
  await ctx.mountOverlay({
    lower: lower.map((dir) => ctx.path(dir)),
    upper: ctx.path(layer.diff),
    work: ctx.path(layer.work),
    merged: ctx.path(layer.merged),
  });
}

/** One instruction of the build: mount, `act` through merged, unmount. */
async function instruction(ctx: Ctx, below: readonly BuildLayer[] | string, layer: BuildLayer, act: () => Promise<void>): Promise<void> {
  await startInstruction(ctx, below, layer);
  await act();
  await ctx.unmount(ctx.path(layer.merged));
}

/** What the RUN's deletions left in its layer: a whiteout, an opaque directory, the bytes still below. */
function checkDeletions(ctx: Ctx, whiteout: string): void {
  const { w } = ctx;
  ctx.check("whiteout", w.run.checkWhiteout, "character special file 0:0", whiteout);
  const opaque = ctx.overlayXattrs(`${RUN.diff}/${CACHE}`).opaque;
  ctx.check("opaque-dir", w.run.checkOpaque(opaqueXattr(ctx)), "y", opaque ?? "(none)");
  const below = [`${FROM.diff}/${BIG}`, `${FROM.diff}/${CACHE}/index.db`, `${FROM.diff}/${CACHE}/pkg.list`];
  ctx.check("still-below", w.run.checkStillThere, "yes", yesNo(below.every((path) => ctx.stat(path) !== undefined)));
}

function checkGoneInMerged(ctx: Ctx): void {
  const gone = ctx.stat(`${RUN.merged}/${BIG}`) === undefined && (ctx.entries(`${RUN.merged}/${CACHE}`) ?? ["?"]).length === 0;
  ctx.check("gone-in-merged", ctx.w.run.checkGone, "yes", yesNo(gone));
}

/** Write the base image's files under `root` (a layer being unpacked, or a merged being built). */
async function writeBase(ctx: Ctx, root: string): Promise<void> {
  await ctx.mkdir(`${root}/etc`, `${root}/bin`, `${root}/lib`, `${root}/${CACHE}`);
  for (const file of baseFiles(ctx.w)) await ctx.writeFile(`${root}/${file.path}`, file.content);
  await ctx.run(ddZeros(`${root}/${BIG}`, BIG_BYTES));
  await ctx.run(ddZeros(`${root}/${CACHE}/index.db`, CACHE_DB_BYTES));
}

/** The RUN that deletes: a file, and a directory removed and made again. */
async function deleteThroughMerged(ctx: Ctx, merged: string): Promise<void> {
  await ctx.run(["rm", `${merged}/${BIG}`]);
  await ctx.run(["rm", "-rf", `${merged}/${CACHE}`]);
  await ctx.run(["mkdir", `${merged}/${CACHE}`]);
}

export const layersDemo: Lesson<Record<string, never>, LayersDemoWords> = {
  id: "layers-demo",
  words: { en, zh, ja },
  title: (w) => w.title,
  lowerLayers: (workspace) => IMAGE_LAYERS.map((layer) => `${workspace.root}/${layer.diff}`),
  steps: [
    {
      id: "from",
      title: (w) => w.from.title,
      explain: (w) => w.from.explain,
      async run(ctx) {
        const { w } = ctx;
        ctx.say(w.dockerfile);
        ctx.facts(DOCKERFILE.map(([line, layer]) => [layer, line]));
        ctx.showLayers({ lower: [], upper: FROM.diff, merged: FROM.merged });
        await writeBase(ctx, FROM.diff);
        await ctx.run(["ls", "-lR", FROM.diff]);
        const expected = ["bin/app", "etc/os-release", BIG, `${CACHE}/index.db`, `${CACHE}/pkg.list`].sort();
        ctx.check("base-files", w.from.checkFiles, expected.join(" "), ctx.files(FROM.diff).join(" "));
        ctx.check("big-size", w.from.checkBig, exactBytes(BIG_BYTES), exactBytes(ctx.stat(`${FROM.diff}/${BIG}`)?.size ?? -1));
      },
      keyPoint: (w) => w.from.key,
    },
    {
      id: "copy",
      title: (w) => w.copy.title,
      explain: (w) => w.copy.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.mkdir("context/app", "context/bin");
        for (const file of contextFiles(w)) await ctx.writeFile(`context/${file.path}`, file.content);
        await instruction(ctx, [FROM], COPY, async () => {
          await ctx.run(["cp", "-r", "context/.", `${COPY.merged}/`]);
        });
        await ctx.run(["find", COPY.diff]);
        ctx.check("layer-holds-copy", w.copy.checkLayer, "app/config.yaml bin/app", ctx.files(COPY.diff).join(" "));
        const baseApp = baseFiles(w).find((file) => file.path === "bin/app")?.content;
        ctx.check("base-unchanged", w.copy.checkBaseUnchanged, baseApp ?? "", ctx.read(`${FROM.diff}/bin/app`) ?? "(missing)");
        ctx.check("build-unmounted", w.copy.checkUnmounted, "no", yesNo(ctx.mountAt(COPY.merged) !== undefined));
      },
      keyPoint: (w) => w.copy.key,
    },
    {
      id: "run-rm",
      title: (w) => w.run.title,
      explain: (w) => w.run.explain,
      async run(ctx) {
        const { w } = ctx;
        await instruction(ctx, [COPY, FROM], RUN, async () => {
          await deleteThroughMerged(ctx, RUN.merged);
          checkGoneInMerged(ctx);
        });
        const whiteout = await ctx.run(["stat", "-c", "%F %t:%T", `${RUN.diff}/${BIG}`], { allowFailure: true });
        const cacheDir = `${RUN.diff}/${CACHE}`;
        if (ctx.has("getfattr")) {
          await ctx.run(["getfattr", "-n", opaqueXattr(ctx), cacheDir]);
        } else {
          ctx.say(w.run.ownReading);
          ctx.facts([
            ["# file:", cacheDir],
            [opaqueXattr(ctx), JSON.stringify(ctx.overlayXattrs(cacheDir).opaque ?? null)],
          ]);
        }
        checkDeletions(ctx, whiteout.stdout.trim() || whiteout.stderr);
      },
      keyPoint: (w) => w.run.key,
      practice: {
        task: (w) => w.practice.runRm.task,
        hint: (w) => w.practice.runRm.hint,
        done: (w) => w.practice.runRm.done,
        prepare: (ctx) => startInstruction(ctx, [COPY, FROM], RUN),
        verify(ctx) {
          checkGoneInMerged(ctx);
          const stats = ctx.stat(`${RUN.diff}/${BIG}`);
          const whiteout = stats !== undefined && isWhiteout(stats);
          checkDeletions(ctx, whiteout ? "character special file 0:0" : stats === undefined ? "(missing)" : "(not a whiteout)");
        },
        diagnose: diagnoseRunRm,
        showMe: (ctx) => deleteThroughMerged(ctx, RUN.merged),
        finish: async (ctx) => {
          await ctx.unmount(ctx.path(RUN.merged));
        },
      },
    },
    {
      id: "container",
      title: (w) => w.container.title,
      explain: (w) => w.container.explain,
      async run(ctx) {
        const { w, workspace } = ctx;
        ctx.showLayers({ lower: IMAGE_LAYERS.map((layer) => layer.diff), upper: "upper", merged: "merged" });
        await ctx.mkdir("upper", "work", "merged");
        const lower = IMAGE_LAYERS.map((layer) => ctx.path(layer.diff));
        await mountWorkspace(ctx, lower);
        await ctx.run(["findmnt", "-n", "-o", "OPTIONS", "merged"]);
        const kernelLower = ctx.mountAt(workspace.merged)?.layers.lower ?? [];
        ctx.check("lowerdir-order", w.container.checkOrder, lower.join(":"), kernelLower.join(":"));
        const app = await ctx.run(["cat", "merged/bin/app"]);
        ctx.check("leftmost-wins", w.container.checkLeftmost, ctx.read(`${COPY.diff}/bin/app`)?.trimEnd() ?? "", app.stdout);
        await ctx.run(["ls", "-A", "merged/lib", "merged/var/cache/app", `${FROM.diff}/var/cache/app`]);
        ctx.check("deleted-gone", w.container.checkDeleted, "no", yesNo(ctx.stat(`merged/${BIG}`) !== undefined));
        const opaqueHides =
          (ctx.entries(`merged/${CACHE}`) ?? ["?"]).length === 0 && (ctx.entries(`${FROM.diff}/${CACHE}`) ?? []).length > 0;
        ctx.check("opaque-hides", w.container.checkOpaque, "yes", yesNo(opaqueHides));
        const notTopmost = ctx.files("merged").filter((path) => {
          const top = IMAGE_LAYERS.find((layer) => ctx.stat(`${layer.diff}/${path}`) !== undefined);
          return top === undefined || ctx.read(`${top.diff}/${path}`) !== ctx.read(`merged/${path}`);
        });
        ctx.check("topmost-copies", w.container.checkTopmost, "(none)", notTopmost.join(" ") || "(none)");
      },
      keyPoint: (w) => w.container.key,
    },
    {
      id: "hidden-bytes",
      title: (w) => w.hidden.title,
      explain: (w) => w.hidden.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.run(["du", "-sb", ...IMAGE_LAYERS.map((layer) => layer.diff), "merged"]);
        showDuOf(ctx, [...IMAGE_LAYERS.map((layer) => layer.diff), "merged"]);
        const summary = analyzeDisk({ dirs: IMAGE_LAYERS.map((layer) => ctx.path(layer.diff)), namespace: ctx.xattrNamespace });
        // The kernel's own answer, independent of the stack reader: every layer's files, and merged's.
        const held = IMAGE_LAYERS.reduce((sum, layer) => sum + total(fileSizes(ctx, layer.diff)), 0);
        const seen = total(fileSizes(ctx, "merged"));
        ctx.facts([
          [w.hidden.layersHold, formatBytes(held)],
          [w.hidden.mergedShows, formatBytes(seen)],
          [w.hidden.hiddenTotal, formatBytes(summary.imageHiddenBytes)],
        ]);
        const name = (layer: number): string => IMAGE_LAYERS[layer]?.name ?? "?";
        // A group is what one entry hides in one layer: a lone file by its own path, several by the entry's.
        const shown = (group: HiddenGroup): string => (group.files === 1 ? group.firstPath : group.path).slice(1);
        for (const group of summary.hidden) {
          const hider = name(group.hiddenByLayer ?? -1);
          const how = group.cause === "opaque" ? w.hidden.how.opaque(hider, group.path.slice(1)) : w.hidden.how[group.cause](hider);
          ctx.say(`• ${w.hidden.item(shown(group), formatBytes(group.bytes), name(group.layer), how)}`);
        }
        ctx.check("difference-is-hidden", w.hidden.checkDifference, exactBytes(summary.imageHiddenBytes), exactBytes(held - seen));
        const causes = summary.hidden.map((group) => `${shown(group)}@${name(group.layer)}:${group.cause}`).sort();
        const expected = [`bin/app@1-from:newer-copy`, `${BIG}@1-from:whiteout`, `${CACHE}@1-from:opaque`];
        ctx.check("hidden-causes", w.hidden.checkCauses, expected.join(" "), causes.join(" "));
        ctx.metric("imageLayers", IMAGE_LAYERS.length);
        ctx.metric("imageBytes", held);
        ctx.metric("imageVisibleBytes", seen);
        ctx.metric("imageHiddenBytes", summary.imageHiddenBytes);
      },
      keyPoint: (w) => w.hidden.key,
    },
    {
      id: "one-layer",
      title: (w) => w.single.title,
      explain: (w) => w.single.explain,
      async run(ctx) {
        const { w } = ctx;
        await ctx.mkdir(SCRATCH);
        await instruction(ctx, SCRATCH, SINGLE, async () => {
          await writeBase(ctx, SINGLE.merged);
          await ctx.run(["cp", "-r", "context/.", `${SINGLE.merged}/`]);
          await deleteThroughMerged(ctx, SINGLE.merged);
        });
        await ctx.run(["du", "-sb", ...IMAGE_LAYERS.map((layer) => layer.diff), SINGLE.diff]);
        showDuOf(ctx, [...IMAGE_LAYERS.map((layer) => layer.diff), SINGLE.diff]);
        const single = fileSizes(ctx, SINGLE.diff);
        const seen = fileSizes(ctx, "merged");
        const describe = (sizes: Map<string, number>): string => [...sizes].map(([path, size]) => `${path}=${size}`).join(" ");
        ctx.check("same-files", w.single.checkSame, describe(seen), describe(single));
        // One layer: the walk asks for no opaque mark (nothing lies below), so each directory is read itself.
        const marks = stackPaths({ dirs: [ctx.path(SINGLE.diff)], namespace: ctx.xattrNamespace }).filter((found) => {
          const kind = found.cells[0]?.entry.kind;
          return (
            kind === "whiteout" ||
            (kind === "dir" && readEntry(ctx.path(`${SINGLE.diff}/${found.path}`), ctx.xattrNamespace)?.opaque === true)
          );
        });
        ctx.check("no-whiteouts", w.single.checkNoWhiteouts, "(none)", marks.map((found) => found.path).join(" ") || "(none)");
        const multi = Number(ctx.metricsSoFar.imageBytes ?? Number.NaN);
        const hidden = Number(ctx.metricsSoFar.imageHiddenBytes ?? Number.NaN);
        const one = total(single);
        ctx.facts([
          [w.single.multi, formatBytes(multi)],
          [w.single.one, formatBytes(one)],
          [w.single.saved, formatBytes(multi - one)],
        ]);
        ctx.check("smaller-by-hidden", w.single.checkSmaller, exactBytes(hidden), exactBytes(multi - one));
        ctx.metric("oneLayerImageBytes", one);
        ctx.say(w.single.fix);
      },
      keyPoint: (w) => w.single.key,
    },
  ],
};
