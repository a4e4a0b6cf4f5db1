// container-demo: the course's second lab on the learner's own runtime. A container is started
// with our labels, its GraphDriver is matched to the kernel's mount, its image layers are read,
// writes and a delete go through `exec`, the disk use is added up, and the container goes.
// One lesson object per run (containerDemo()), since its steps share what they find.

import { posix } from "node:path";
import { formatBytes } from "../../i18n/format.js";
import { analyzeDisk, stackPaths } from "../../layers/stack.js";
import { hostPath, parseLowerdir } from "../../overlay/discover.js";
import { apparentUsage } from "../../overlay/usage.js";
import type { Lesson } from "../../runner/types.js";
import { adapterFor, isOurs, lifecycleOf, ownerLabels, ownerOf } from "../../runtime/index.js";
import { showDu } from "../du.js";
import { yesNo } from "../observe.js";
import { diagnoseDelete, diagnoseWrite } from "./diagnose.js";
import { type ContainerDemoWords, en } from "./en.js";
import { deleteAct, deleteVerify, writeAct, writeVerify } from "./exec.js";
import { ja } from "./ja.js";
import type { PlannedFile } from "./plan.js";
import {
  buildNumber,
  type ContainerOptions,
  type Ctx,
  commandsOf,
  describeEntry,
  duBytes,
  entryAt,
  lowersOf,
  programOf,
  type RunState,
  upperOf,
} from "./state.js";
import { finalSteps } from "./usage.js";
import { zh } from "./zh.js";

async function start(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { runtime, name, image } = options;
  const lifecycle = lifecycleOf(runtime);
  const { commands } = lifecycle;
  ctx.say(w.using(runtime, image));
  if (options.skipped !== undefined) ctx.say(w.fallback(runtime, options.skipped));
  // Registered before `run` exists: a signal during the spawn still finds and removes it.
  state.registration = ctx.track({ label: commands.remove(name).join(" "), release: () => lifecycle.removeSync(name) });
  await ctx.run(commands.runSleeping(name, ownerLabels(), image));
  await ctx.run(commands.list(name));
  state.container = await adapterFor(runtime).cli.findContainer(name);
  ctx.check("running", w.start.checkRunning, "running", state.container?.pid === undefined ? "not running" : "running");
  const labelsOf = state.container?.labels ?? {};
  ctx.check(
    "our-labels",
    w.start.checkLabels,
    `ours, pid ${process.pid}`,
    `${isOurs(labelsOf) ? "ours" : "not ours"}, pid ${ownerOf(labelsOf)?.pid ?? "?"}`,
  );
  ctx.metric("runtime", runtime);
  ctx.metric("image", image);
  ctx.metric("container", name);
  if (state.container !== undefined) ctx.metric("containerId", state.container.id);
}

async function graphDriver(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const dirs = state.container?.graphDriver;
  await ctx.run(commandsOf(options).graphDriver(options.name));
  const overlay = ctx.overlays().find((found) => dirs !== undefined && found.upper === dirs.upper);
  state.overlay = overlay;
  if (overlay !== undefined) {
    state.mergedHere = hostPath(overlay.namespace, overlay.mountPoint);
    const task = overlay.namespace.own ? [] : ["--task", String(overlay.namespace.pid)];
    if (!overlay.namespace.own) ctx.say(w.graph.otherNamespace(overlay.namespace.pid));
    await ctx.run(["findmnt", ...task, "-n", "-o", "OPTIONS", overlay.mountPoint]);
    const [firstLower] = parseLowerdir(overlay.rawLowerdir).merged;
    const store = posix.dirname(posix.dirname(overlay.upper ?? "/"));
    const link = firstLower === undefined ? undefined : firstLower.startsWith("/") ? firstLower : posix.join(store, firstLower);
    if (link !== undefined && entryAt(link)?.kind === "symlink") {
      ctx.say(w.graph.links);
      await ctx.run(["ls", "-l", link]);
    }
  }
  ctx.check("mount-found", w.graph.checkFound, "yes", yesNo(overlay !== undefined));
  ctx.check("lowerdir", w.graph.checkLower, (dirs?.lower ?? []).join(":"), (overlay?.lower ?? []).join(":"));
  ctx.check("upperdir", w.graph.checkUpper, dirs?.upper ?? "?", overlay?.upper ?? "(none)");
  ctx.check("workdir", w.graph.checkWork, dirs?.work ?? "?", overlay?.work ?? "(none)");
  ctx.check("mergeddir", w.graph.checkMerged, dirs?.merged ?? "?", overlay?.mountPoint ?? "(none)");
}

async function imageLayers(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { imageLayers: layers, plan } = options;
  const lowers = lowersOf(state);
  const extra = lowers.length - layers.length;
  ctx.check("image-layers", w.layers.checkImage, layers.join(":"), lowers.slice(Math.max(0, extra)).join(":"));
  if (extra > 0) ctx.say(w.layers.extra(extra));
  const history = commandsOf(options).history?.(options.image);
  if (history !== undefined && (await ctx.run(history, { allowFailure: true })).exitCode === 0) {
    ctx.say(w.layers.historySize(programOf(options)));
  }
  // Build order, as a Dockerfile reads (layer 1 the base): du's lines and the facts below in the same order.
  const built = [...layers].reverse();
  const du = await ctx.run(["du", "-sb", ...built]);
  state.duLayerBefore = duBytes(du.stdout, layers[plan.remove.layer] ?? "");
  const summary = analyzeDisk({ dirs: layers, namespace: "trusted" }, 0);
  ctx.say(w.layers.order);
  ctx.facts(
    [...summary.layers]
      .reverse()
      .map((totals, index) => [w.layerName(index + 1, layers.length), w.layers.files(formatBytes(totals.bytes), totals.files)]),
  );
  const seen = new Set<string>();
  showDu(
    ctx,
    built.map((dir, index) => [w.layerName(index + 1, layers.length), apparentUsage(dir, seen)]),
  );
  await ctx.run(["find", layers[0] ?? "", "-mindepth", "1", "-maxdepth", "2"]);

  ctx.say(w.layers.plan);
  const planned = (file: PlannedFile): string =>
    w.layers.planned(file.path, formatBytes(file.bytes), w.layerName(buildNumber(file.layer, layers.length), layers.length));
  ctx.facts([
    [w.layers.change, planned(plan.change)],
    [w.layers.remove, planned(plan.remove)],
  ]);
  const sums = await ctx.run(["md5sum", `${layers[plan.change.layer] ?? ""}${plan.change.path}`]);
  state.md5Before = sums.stdout.split(" ")[0];

  // What merged shows, file by file, against the topmost copy in the stack (sizes: no reads of contents).
  const mismatched: string[] = [];
  let checked = 0;
  for (const found of stackPaths({ dirs: [upperOf(state), ...lowers], namespace: "trusted", hasUpper: true })) {
    const shown = found.shownFrom === undefined ? undefined : found.cells[found.shownFrom]?.entry;
    if (shown?.kind !== "file") continue;
    checked++;
    const inMerged = state.mergedHere === undefined ? undefined : entryAt(`${state.mergedHere}/${found.path}`);
    if (inMerged?.kind !== "file" || inMerged.size !== shown.size) mismatched.push(`/${found.path}: ${describeEntry(inMerged)}`);
  }
  ctx.check(
    "merged-is-topmost",
    w.layers.checkMerged,
    `${checked} files, (none) different`,
    `${checked} files, ${mismatched.slice(0, 5).join(", ") || "(none)"} different`,
  );
  ctx.metric("imageLayers", layers.length);
  ctx.metric(
    "imageBytes",
    summary.layers.reduce((sum, totals) => sum + totals.bytes, 0),
  );
}

/** The container's UpperDir, where exec's writes land, once step 1 has found it. */
function upperDirs(state: RunState): string[] {
  const upper = state.container?.graphDriver.upper;
  return upper === undefined ? [] : [upper];
}

export function containerDemo(): Lesson<ContainerOptions, ContainerDemoWords> {
  const state: RunState = {};
  return {
    id: "container-demo",
    words: { en, zh, ja },
    title: (w) => w.title,
    // The container's image layers, top first: what its overlay's lowerdir lists.
    lowerLayers: (_workspace, options) => options.imageLayers,
    steps: [
      {
        id: "start",
        title: (w) => w.start.title,
        explain: (w) => w.start.explain,
        run: (ctx) => start(ctx, state),
        keyPoint: (w) => w.start.key,
      },
      {
        id: "graph-driver",
        title: (w) => w.graph.title,
        explain: (w) => w.graph.explain,
        run: (ctx) => graphDriver(ctx, state),
        keyPoint: (w) => w.graph.key,
      },
      {
        id: "image-layers",
        title: (w) => w.layers.title,
        explain: (w) => w.layers.explain,
        run: (ctx) => imageLayers(ctx, state),
        keyPoint: (w) => w.layers.key,
      },
      // With --practice the learner types the act (the exec); the verify grades the kernel's state.
      {
        id: "exec-write",
        title: (w) => w.write.title,
        explain: (w) => w.write.explain,
        async run(ctx) {
          await writeAct(ctx);
          await writeVerify(ctx, state);
        },
        keyPoint: (w) => w.write.key,
        practice: {
          task: (w, ctx) => w.practice.writeTask(ctx.options.name, ctx.options.plan.create, ctx.options.plan.change.path),
          hint: (w, ctx) => w.practice.writeHint(programOf(ctx.options)),
          done: (w) => w.practice.writeDone,
          verify: (ctx) => writeVerify(ctx, state),
          diagnose: (ctx, attempt) => diagnoseWrite(ctx, state, attempt),
          showMe: writeAct,
          // The learner's writes land in the container's UpperDir, not in the workspace.
          watch: () => upperDirs(state),
        },
      },
      {
        id: "exec-rm",
        title: (w) => w.delete.title,
        explain: (w) => w.delete.explain,
        async run(ctx) {
          await deleteAct(ctx);
          await deleteVerify(ctx, state);
        },
        keyPoint: (w) => w.delete.key,
        practice: {
          task: (w, ctx) => w.practice.deleteTask(ctx.options.name, ctx.options.plan.remove.path),
          hint: (w, ctx) => w.practice.deleteHint(programOf(ctx.options)),
          done: (w) => w.practice.deleteDone,
          verify: (ctx) => deleteVerify(ctx, state),
          diagnose: (ctx, attempt) => diagnoseDelete(ctx, state, attempt),
          showMe: deleteAct,
          watch: () => upperDirs(state),
        },
      },
      ...finalSteps(state),
    ],
  };
}
