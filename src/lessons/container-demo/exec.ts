// Steps 4 and 5, the ones a learner will type in practice mode: each is an act (the `exec`
// into the container) and a verify (the checks, made on the kernel's state, whoever acted).
// The verify of a step reads only the layers, the mount and what earlier steps recorded.
import { formatBytes } from "../../i18n/format.js";
import { fileEntry } from "../../layers/entry.js";
import { analyzeDisk, stackPaths } from "../../layers/stack.js";
import { exactBytes } from "../observe.js";
import { buildNumber, type Ctx, describeEntry, duBytes, entryAt, execArgv, lowersOf, type RunState, upperOf } from "./state.js";

export const NEW_TEXT = "hello from inside the container";
export const APPENDED = "# changed inside the container by overlay-lesson";

function layerOf(ctx: Ctx, layer: number): string {
  return ctx.options.imageLayers[layer] ?? "";
}

export async function writeAct(ctx: Ctx): Promise<void> {
  const { plan } = ctx.options;
  await ctx.run(execArgv(ctx.options, `echo "${NEW_TEXT}" > ${plan.create}`));
  await ctx.run(execArgv(ctx.options, `echo "${APPENDED}" >> ${plan.change.path}`));
}

export async function writeVerify(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { plan } = options;
  const upper = upperOf(state);
  const imageCopy = `${layerOf(ctx, plan.change.layer)}${plan.change.path}`;
  const upperCopy = `${upper}${plan.change.path}`;
  await ctx.run(["ls", "-l", `${upper}${plan.create}`, upperCopy, imageCopy], { allowFailure: true });

  const inImage = options.imageLayers.filter((layer) => entryAt(`${layer}${plan.create}`) !== undefined).length;
  ctx.check(
    "new-file-in-upper",
    w.write.checkNew,
    "UpperDir: file; image layers holding it: 0",
    `UpperDir: ${entryAt(`${upper}${plan.create}`)?.kind ?? "absent"}; image layers holding it: ${inImage}`,
  );

  // A copy-up: the image's bytes first (the same md5 over the image's length), then what was appended.
  const head = await ctx.run(["sh", "-c", 'head -c "$1" "$2" | md5sum', "sh", String(plan.change.bytes), upperCopy], {
    allowFailure: true,
  });
  const upperEntry = entryAt(upperCopy);
  // No copy at all is said as such: the md5 of nothing (d41d8cd9…) would read like a wrong copy.
  const observed =
    upperEntry?.kind !== "file"
      ? `UpperDir: ${describeEntry(upperEntry)}`
      : `${upperEntry.size > plan.change.bytes ? "longer" : "not longer"} than ${plan.change.bytes} bytes, starting with md5 ${head.stdout.split(" ")[0] ?? ""}`;
  ctx.check(
    "copy-up",
    w.write.checkCopyUp,
    `longer than ${plan.change.bytes} bytes, starting with md5 ${state.md5Before ?? "?"}`,
    observed,
  );

  const sums = await ctx.run(["md5sum", imageCopy, upperCopy], { allowFailure: true });
  const imageSum = sums.stdout.split("\n")[0]?.split(" ")[0] ?? "";
  ctx.check(
    "image-untouched",
    w.write.checkUntouched,
    `${describeEntry(fileEntry(plan.change.bytes, 0, false, undefined))}, md5 ${state.md5Before ?? "?"}`,
    `${describeEntry(entryAt(imageCopy))}, md5 ${imageSum}`,
  );
}

export async function deleteAct(ctx: Ctx): Promise<void> {
  await ctx.run(execArgv(ctx.options, `rm ${ctx.options.plan.remove.path}`));
}

export async function deleteVerify(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { remove } = options.plan;
  const upper = upperOf(state);
  const layer = layerOf(ctx, remove.layer);

  await ctx.run(execArgv(options, `ls -l ${remove.path}`), { allowFailure: true });
  const seen = state.mergedHere === undefined ? undefined : entryAt(`${state.mergedHere}${remove.path}`);
  ctx.check("gone-in-container", w.delete.checkGone, "absent", describeEntry(seen));

  const whiteout = await ctx.run(["stat", "-c", "%F %t:%T", `${upper}${remove.path}`], { allowFailure: true });
  ctx.check("whiteout", w.delete.checkWhiteout, "character special file 0:0", whiteout.stdout.trim() || whiteout.stderr.trim());

  await ctx.run(["ls", "-l", `${layer}${remove.path}`], { allowFailure: true });
  ctx.check(
    "layer-keeps-bytes",
    w.delete.checkLayerKeeps,
    describeEntry(fileEntry(remove.bytes, 0, false, undefined)),
    describeEntry(entryAt(`${layer}${remove.path}`)),
  );

  await deleteFigures(ctx, state);
}

/**
 * What the rm freed (nothing: du of the layer is as before) and what the container now hides:
 * the whiteout's share and the total, which is what step 6 and the JSON summary call the
 * container's hidden bytes (a copy the image itself already hid stays the image's).
 */
async function deleteFigures(ctx: Ctx, state: RunState): Promise<void> {
  const { w, options } = ctx;
  const { remove } = options.plan;
  const upper = upperOf(state);
  const layer = layerOf(ctx, remove.layer);
  const layerName = w.layerName(buildNumber(remove.layer, options.imageLayers.length), options.imageLayers.length);
  const du = await ctx.run(["du", "-sb", layer]);
  const layerDu = duBytes(du.stdout, layer);
  const before = state.duLayerBefore;
  ctx.check(
    "no-space-freed",
    w.delete.checkDu,
    before === undefined ? "?" : exactBytes(before),
    layerDu === undefined ? "?" : exactBytes(layerDu),
  );

  // The image as built, then with the container's UpperDir on top: what is hidden only in the
  // second is what the container hides. Of it, the whiteout's share: the copy the image showed.
  const wanted = remove.path.slice(1);
  const stack = { dirs: [upper, ...lowersOf(state)], namespace: "trusted", hasUpper: true } as const;
  let whiteoutHides = 0;
  for (const found of stackPaths(stack)) {
    if (found.path !== wanted) continue;
    // The copy the image showed (its own view), now under the container's whiteout.
    const imageCells = found.image ?? found.cells.slice(1);
    found.cells.slice(1).forEach((cell, layer) => {
      const hidden = cell?.entry.kind === "file" && cell.hiddenBy?.layer === 0 && cell.hiddenBy.how === "whiteout";
      if (hidden && imageCells[layer]?.state === "visible") whiteoutHides += cell.entry.size;
    });
  }
  const containerHides = analyzeDisk(stack, 0).containerHiddenBytes;
  ctx.facts([
    [w.delete.duBefore, w.delete.duOf(before === undefined ? "?" : exactBytes(before), layerName)],
    [w.delete.duAfter, w.delete.duOf(layerDu === undefined ? "?" : exactBytes(layerDu), layerName)],
    [w.delete.whiteoutHides, w.delete.whiteoutHidesWhat(formatBytes(whiteoutHides), remove.path, layerName)],
    [
      w.delete.containerHides,
      `${formatBytes(containerHides)} = ${w.delete.hidesParts(formatBytes(whiteoutHides), formatBytes(containerHides - whiteoutHides))}`,
    ],
  ]);
  ctx.check("hidden-bytes", w.delete.checkHidden, exactBytes(remove.bytes), exactBytes(whiteoutHides));
  ctx.metric("containerHiddenBytesAfterRm", containerHides);
}
