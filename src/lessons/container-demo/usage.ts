// container-demo's last two steps: where the disk goes (du, the runtime's diff, and the stack
// read as `inspect` reads it), then the container removed and its mount gone.
import { formatBytes } from "../../i18n/format.js";
import { type MountReport, readMount } from "../../inspect/report.js";
import { selectTargets } from "../../inspect/targets.js";
import { inspectWords } from "../../inspect/words/index.js";
import { stackPaths } from "../../layers/stack.js";
import { apparentUsage } from "../../overlay/usage.js";
import type { Step } from "../../runner/types.js";
import { adapterFor } from "../../runtime/index.js";
import { showDu } from "../du.js";
import { exactBytes, yesNo } from "../observe.js";
import type { ContainerDemoWords } from "./en.js";
import { buildNumber, type ContainerOptions, type Ctx, commandsOf, entryAt, programOf, type RunState, upperOf } from "./state.js";

// The same reading `overlay-lesson inspect NAME` makes (src/inspect): its targets, its walk, its
// split of hidden bytes into the image's own and the container's.
async function diskUsage(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { plan } = options;
  const upper = upperOf(state);
  await ctx.run(["du", "-sb", upper]);
  const upperUsage = apparentUsage(upper);
  showDu(ctx, [["UpperDir", upperUsage]]);
  const commands = commandsOf(options);
  const sizes = commands.sizes?.(options.name);
  if (sizes !== undefined && (await ctx.run(sizes, { allowFailure: true })).exitCode === 0) {
    const { files, other } = upperUsage;
    ctx.say(w.usage.psSize(programOf(options), exactBytes(files.bytes), exactBytes(other.bytes), exactBytes(files.bytes + other.bytes)));
  }
  const diffArgv = commands.diff?.(options.name);
  if (diffArgv !== undefined) {
    const diff = await ctx.run(diffArgv);
    const listed = new Set(diff.stdout.split("\n").map((line) => line.trim()));
    const wanted = [`A ${plan.create}`, `C ${plan.change.path}`, `D ${plan.remove.path}`];
    ctx.check("diff", w.usage.checkDiff, wanted.join(", "), wanted.map((line) => (listed.has(line) ? line : `(no ${line})`)).join(", "));
  }

  const words = inspectWords(ctx.lang);
  const [target] = (await selectTargets(options.name, words)).targets;
  const report = target === undefined ? undefined : await readMount(target, { top: 5, words });
  const upperBytes = report?.upper?.bytes ?? Number.NaN;
  ctx.say(w.usage.inspect(`overlay-lesson inspect ${options.name}`));
  showInspectReport(ctx, report);

  const created = entryAt(`${upper}${plan.create}`)?.size ?? 0;
  const copied = entryAt(`${upper}${plan.change.path}`)?.size ?? 0;
  ctx.check("upper-bytes", w.usage.checkUpper, exactBytes(created + copied), exactBytes(upperBytes));
  // The container hides what it changed or deleted; copies the image already hid count as the image's.
  ctx.check(
    "container-hides",
    w.usage.checkHidden,
    exactBytes(plan.change.bytes + plan.remove.bytes),
    exactBytes(report?.containerHiddenBytes ?? Number.NaN),
  );
  // The kernel's own answer: every regular file merged shows, summed.
  let mergedBytes = 0;
  if (state.mergedHere !== undefined) {
    for (const found of stackPaths({ dirs: [state.mergedHere], namespace: "trusted" })) {
      const entry = found.cells[0]?.entry;
      if (entry?.kind === "file") mergedBytes += entry.size;
    }
  }
  const held = (report?.layers ?? []).reduce((sum, layer) => sum + layer.bytes, upperBytes);
  const hidden = (report?.imageHiddenBytes ?? 0) + (report?.containerHiddenBytes ?? 0);
  ctx.check("adds-up", w.usage.checkAddsUp, exactBytes(held - hidden), exactBytes(mergedBytes));
  ctx.metric("containerUpperBytes", upperBytes);
  ctx.metric("containerHiddenBytes", report?.containerHiddenBytes ?? 0);
  ctx.metric("imageHiddenBytes", report?.imageHiddenBytes ?? 0);
}

/**
 * inspect's figures, its layers in build order and named as step 3 names them (docker's -init
 * layer is the runtime's, not the image's), and each hidden file with who hides it: the image's
 * own later step, or the container.
 */
function showInspectReport(ctx: Ctx, report: MountReport | undefined): void {
  const { w, options } = ctx;
  const total = options.imageLayers.length;
  const nameOf = (lowerIndex: number | null): string => {
    const dir = lowerIndex === null ? undefined : report?.layers[lowerIndex]?.dir;
    const imageIndex = dir === undefined ? -1 : options.imageLayers.indexOf(dir);
    return imageIndex === -1 ? w.usage.runtimeLayer : w.layerName(buildNumber(imageIndex, total), total);
  };
  const layers = (report?.layers ?? []).map((layer, index): [string, string] => [nameOf(index), formatBytes(layer.bytes)]).reverse();
  ctx.facts([
    ...layers,
    [w.usage.upper, formatBytes(report?.upper?.bytes ?? Number.NaN)],
    [w.usage.imageHidden, formatBytes(report?.imageHiddenBytes ?? 0)],
    [w.usage.containerHidden, formatBytes(report?.containerHiddenBytes ?? 0)],
  ]);
  if ((report?.hidden ?? []).length > 0) ctx.say(w.usage.whoHid);
  for (const group of report?.hidden ?? []) {
    const how = group.hiddenByLayer === null ? w.usage.byContainer[group.cause] : w.usage.byImage[group.cause](nameOf(group.hiddenByLayer));
    ctx.say(`• ${w.usage.item(group.path, formatBytes(group.bytes), nameOf(group.layer), how)}`);
  }
}

async function removeContainer(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { name } = options;
  const commands = commandsOf(options);
  const { cli } = adapterFor(options.runtime);
  const upper = upperOf(state);
  const mounted = (): boolean => ctx.overlays().some((overlay) => overlay.upper === upper);
  if (options.keep) {
    ctx.say(w.remove.kept);
    ctx.say(`→ ${commands.remove(name).join(" ")}`);
    ctx.say(`→ overlay-lesson inspect ${name}`);
    const running = (await cli.findContainer(name))?.pid !== undefined;
    ctx.check(
      "kept",
      w.remove.checkKept,
      "running, mounted",
      `${running ? "running" : "not running"}, ${mounted() ? "mounted" : "not mounted"}`,
    );
    return;
  }
  await ctx.run(commands.remove(name));
  const gone = (await cli.findContainer(name)) === undefined;
  // Removed in order, as a learner would: teardown has nothing left to do for it.
  if (gone) state.registration?.forget();
  await ctx.run(commands.listAll(name));
  if (state.container?.graphDriver.merged !== undefined) {
    await ctx.run(["findmnt", state.container.graphDriver.merged], { allowFailure: true });
  }
  ctx.check("container-gone", w.remove.checkGone, "yes", yesNo(gone));
  ctx.check("unmounted", w.remove.checkUnmounted, "no", yesNo(mounted()));
  ctx.check("upper-deleted", w.remove.checkUpperGone, "yes", yesNo(entryAt(upper) === undefined));
  const { remove } = options.plan;
  const layerCopy = entryAt(`${options.imageLayers[remove.layer] ?? ""}${remove.path}`);
  ctx.check(
    "image-stays",
    w.remove.checkImageStays,
    exactBytes(remove.bytes),
    layerCopy?.kind === "file" ? exactBytes(layerCopy.size) : "absent",
  );
}

export function finalSteps(state: RunState): Step<ContainerOptions, ContainerDemoWords>[] {
  return [
    {
      id: "disk-usage",
      title: (w) => w.usage.title,
      explain: (w) => w.usage.explain,
      run: (ctx) => diskUsage(ctx, state),
      keyPoint: (w) => w.usage.key,
    },
    {
      id: "remove",
      title: (w) => w.remove.title,
      explain: (w) => w.remove.explain,
      run: (ctx) => removeContainer(ctx, state),
      keyPoint: (w) => w.remove.key,
    },
  ];
}
