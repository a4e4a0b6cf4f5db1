// Why a try at container-demo's exec steps failed, from the container's UpperDir (which the
// practice watches: the try's changes there are absolute paths beneath it) and the image layers:
// another file than the one the lesson follows, a `>` where `>>` was meant, a layer changed on
// the host. The lesson's later steps measure the files it chose, so those are the ones asked for.
import type { Diagnosis, PracticeAttempt } from "../../runner/types.js";
import { few } from "../observe.js";
import { type Ctx, entryAt, programOf, type RunState, upperOf } from "./state.js";

/** The try's paths beneath UpperDir, as the container names them ("/etc/os-release"). */
function inContainer(upper: string, paths: readonly string[]): string[] {
  return paths.filter((path) => path.startsWith(`${upper}/`)).map((path) => path.slice(upper.length));
}

const inImage = (ctx: Ctx, path: string): boolean => ctx.options.imageLayers.some((layer) => entryAt(`${layer}${path}`) !== undefined);

export function diagnoseWrite(ctx: Ctx, state: RunState, attempt: PracticeAttempt): Diagnosis {
  const { w, options } = ctx;
  const { plan } = options;
  const why = w.practice.why;
  const upper = upperOf(state);
  const written = inContainer(upper, [...attempt.added, ...attempt.changed]).filter((path) => entryAt(`${upper}${path}`)?.kind === "file");
  const found: string[] = [];
  let next: string | undefined;

  if (entryAt(`${upper}${plan.create}`) === undefined) {
    const others = written.filter((path) => !inImage(ctx, path));
    found.push(others.length > 0 ? why.otherNew(few(ctx, others), plan.create) : why.missingNew(plan.create));
  }
  const copy = entryAt(`${upper}${plan.change.path}`);
  if (copy === undefined) {
    const others = written.filter((path) => path !== plan.change.path && inImage(ctx, path));
    found.push(others.length > 0 ? why.otherChanged(few(ctx, others), plan.change.path) : why.missingChange(plan.change.path));
  } else if (copy.kind === "file" && copy.size < plan.change.bytes) {
    found.push(why.replaced(plan.change.path));
    next = ctx.t.practice.startAgain(attempt.restart); // the image's bytes are no longer in the copy
  } else if (copy.kind === "file" && copy.size === plan.change.bytes) {
    found.push(why.notAppended(plan.change.path));
  }
  const image = entryAt(`${options.imageLayers[plan.change.layer] ?? ""}${plan.change.path}`);
  if (image?.kind !== "file" || image.size !== plan.change.bytes) found.push(why.layerTouched(plan.change.path));
  next ??= found.length > 0 ? w.practice.writeNext(programOf(options), options.name, plan.create, plan.change.path) : undefined;
  return { found, next };
}

export function diagnoseDelete(ctx: Ctx, state: RunState, attempt: PracticeAttempt): Diagnosis {
  const { w, options } = ctx;
  const { remove } = options.plan;
  const why = w.practice.why;
  const upper = upperOf(state);
  const whiteouts = inContainer(upper, [...attempt.added, ...attempt.changed]).filter(
    (path) => entryAt(`${upper}${path}`)?.kind === "whiteout",
  );
  const found: string[] = [];
  if (!whiteouts.includes(remove.path)) {
    const others = whiteouts.filter((path) => path !== remove.path);
    if (others.length > 0) found.push(why.otherRemoved(few(ctx, others), remove.path));
    const own = inContainer(upper, attempt.removed);
    if (own.length > 0) found.push(why.removedOwn(few(ctx, own)));
    const seen = state.mergedHere === undefined ? undefined : entryAt(`${state.mergedHere}${remove.path}`);
    if (seen !== undefined) found.push(why.stillThere(remove.path));
  }
  const layer = entryAt(`${options.imageLayers[remove.layer] ?? ""}${remove.path}`);
  if (layer?.kind !== "file" || layer.size !== remove.bytes) found.push(why.layerTouched(remove.path));
  return { found, next: found.length > 0 ? w.practice.deleteNext(programOf(options), options.name, remove.path) : undefined };
}
