// Steps 4 and 5, the ones a learner will type in practice mode: each is an act (the `exec`
// into the container) and a verify (the checks, made on the kernel's state, whoever acted).
// The verify of a step reads only the layers, the mount and what earlier steps recorded.
import { summarizeStack } from "../../layers/hidden.js";
import { type Ctx, describeEntry, duBytes, entryAt, execArgv, lowersOf, type RunState, upperOf } from "./state.js";

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
    `${describeEntry({ kind: "file", size: plan.change.bytes, opaque: false })}, md5 ${state.md5Before ?? "?"}`,
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
    describeEntry({ kind: "file", size: remove.bytes, opaque: false }),
    describeEntry(entryAt(`${layer}${remove.path}`)),
  );

  const du = await ctx.run(["du", "-sb", upper, layer]);
  const upperDu = duBytes(du.stdout, upper) ?? Number.NaN;
  const layerDu = duBytes(du.stdout, layer) ?? Number.NaN;
  ctx.check("no-space-freed", w.delete.checkDu, String(state.duLayerBefore ?? "?"), String(layerDu));

  // Every copy of the path in the image's layers, hidden now by the container's whiteout.
  const wanted = remove.path.slice(1);
  let hidden = 0;
  summarizeStack([upper, ...lowersOf(state)], {
    namespace: "trusted",
    top: 0,
    onPath: (found) => {
      if (found.path !== wanted) return;
      for (const cell of found.cells.slice(1)) {
        if (cell?.entry.kind === "file" && cell.hiddenBy?.layer === 0 && cell.hiddenBy.how === "whiteout") hidden += cell.entry.size;
      }
    },
  });
  ctx.facts([
    ["du UpperDir", `${upperDu} B`],
    ["du layer", `${layerDu} B`],
    [w.usage.hidden, `${hidden} B`],
  ]);
  ctx.check("hidden-bytes", w.delete.checkHidden, String(remove.allCopiesBytes), String(hidden));
}
