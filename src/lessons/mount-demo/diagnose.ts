// Why a try at one of mount-demo's practice steps failed, from the layers as the kernel has them
// and what the try changed: the files the learner touched, named, and what the step wanted
// instead ("you created upper/notes.txt, a new file: copy-up happens when you change a file that
// comes from lower"). A mount that did not take is the runner's to explain (mount-replay.ts).
import { isAbsolute, join, relative } from "node:path";
import { isWithin } from "../../overlay/mountinfo.js";
import type { Diagnosis, PracticeAttempt } from "../../runner/types.js";
import { few, leaves } from "../observe.js";
import { type Ctx, classifyUpper, exists, LOWER_FILES, lowerContents, read } from "./image.js";

const LAYER_DIRS = ["lower", "upper", "work", "merged"];

/** lower's paths that are not as the lesson wrote them: changed, gone, or new. */
export function lowerChanges(ctx: Ctx): string[] {
  const shipped = lowerContents(ctx.w);
  const changed = [...shipped].filter(([path, content]) => read(ctx, `lower/${path}`) !== content).map(([path]) => path);
  const extra = ctx.files("lower").filter((path) => !shipped.has(path));
  return [...changed, ...extra].sort();
}

/** upper's files by what they are to lower, on one line (the summary step's own shape). */
export function describeUpper(ctx: Ctx): string {
  const upper = classifyUpper(ctx);
  return (["copy-up", "new", "whiteout"] as const).map((kind) => `${kind}: ${upper[kind].join(" ") || "-"}`).join(" · ");
}

interface Touched {
  /** Files of lower that this try gave a copy in upper. */
  copies: string[];
  /** Files lower never had. */
  created: string[];
  whiteouts: string[];
  dirs: string[];
  /** Gone from upper, and lower never had them: the container's own files. */
  removedOwn: string[];
  /** Gone from upper, though lower has them: a copy removed behind the overlay's back. */
  removedCopies: string[];
  /** In the workspace, outside the four directories. */
  outside: string[];
}

const under = (dir: string, paths: readonly string[]): string[] =>
  paths.filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1));

/**
 * Does this path of upper come from the learner's tries at this step? Every path does after
 * [s]how me (no step given): then the state as a whole is graded.
 */
export function touchedInStep(step: PracticeAttempt | undefined): (path: string) => boolean {
  if (step === undefined) return () => true;
  const paths = new Set([...under("upper", step.added), ...under("upper", step.changed)]);
  return (path) => paths.has(path);
}

/** What this try did in upper/, by what each path is now. */
function touched(ctx: Ctx, attempt: PracticeAttempt): Touched {
  const result: Touched = { copies: [], created: [], whiteouts: [], dirs: [], removedOwn: [], removedCopies: [], outside: [] };
  const upper = classifyUpper(ctx);
  for (const path of new Set([...under("upper", attempt.added), ...under("upper", attempt.changed)])) {
    const inLower = exists(ctx, `lower/${path}`);
    if (upper.whiteout.includes(path)) result.whiteouts.push(path);
    else if (ctx.stat(`upper/${path}`)?.isDirectory()) {
      if (!inLower) result.dirs.push(path);
    } else if (ctx.stat(`upper/${path}`) !== undefined) (inLower ? result.copies : result.created).push(path);
  }
  for (const path of under("upper", attempt.removed)) (exists(ctx, `lower/${path}`) ? result.removedCopies : result.removedOwn).push(path);
  const everything = [...attempt.added, ...attempt.changed, ...attempt.removed];
  result.outside = leaves(everything).filter((path) => !LAYER_DIRS.some((dir) => path === dir || path.startsWith(`${dir}/`)));
  return result;
}

/** Findings every writing step shares: lower written directly, and work done outside the layers. */
function common(ctx: Ctx, attempt: PracticeAttempt, seen: Touched): Diagnosis {
  const { w } = ctx;
  const found: string[] = [];
  const lower = lowerChanges(ctx);
  if (lower.length > 0) found.push(w.practice.why.lowerChanged(fewIn(ctx, "lower", lower)));
  if (seen.outside.length > 0) found.push(w.practice.why.outside(few(ctx, seen.outside)));
  // lower/ cannot be put back from here: only a fresh workspace has the image as it shipped.
  return { found, next: lower.length > 0 ? ctx.t.practice.startAgain(attempt.restart) : undefined };
}

/** The first few of `paths`, each named from the workspace (`upper/etc/app.conf`, `merged/logs/`). */
const fewIn = (ctx: Ctx, dir: string, paths: readonly string[], suffix = ""): string =>
  few(
    ctx,
    paths.map((path) => `${dir}/${path}${suffix}`),
  );

/** A directory made where the step wanted a file (a copy-up, a new file): said the same at both steps. */
const dirsMade = (ctx: Ctx, seen: Touched): string[] =>
  seen.dirs.length > 0 ? [ctx.w.practice.why.dirMade(fewIn(ctx, "merged", seen.dirs, "/"))] : [];

const merge = (first: Diagnosis, found: string[], next: string | undefined): Diagnosis => ({
  found: [...first.found, ...found],
  next: first.next ?? next,
});

export function diagnoseCopyUp(ctx: Ctx, attempt: PracticeAttempt, step: PracticeAttempt): Diagnosis {
  const { w } = ctx;
  const seen = touched(ctx, attempt);
  const found: string[] = [];
  const copies = classifyUpper(ctx)["copy-up"].filter(touchedInStep(step));
  let next: string | undefined;
  if (copies.length === 0) {
    if (seen.created.length > 0) found.push(w.practice.why.newInsteadOfCopy(fewIn(ctx, "upper", seen.created)));
    if (seen.whiteouts.length > 0) found.push(w.practice.why.deletedInsteadOfCopy(few(ctx, seen.whiteouts)));
    found.push(...dirsMade(ctx, seen));
    next = w.practice.next.copy(LOWER_FILES[0] ?? "", ctx.t.practice.list(LOWER_FILES));
  } else if (copies.every((path) => read(ctx, `upper/${path}`) === read(ctx, `lower/${path}`))) {
    found.push(w.practice.why.sameContent(few(ctx, copies)));
    next = w.practice.next.sameContent(copies[0] ?? "");
  }
  return merge(common(ctx, attempt, seen), found, next);
}

export function diagnoseNewFile(ctx: Ctx, attempt: PracticeAttempt, step: PracticeAttempt): Diagnosis {
  const { w } = ctx;
  const seen = touched(ctx, attempt);
  const found: string[] = [];
  let next: string | undefined;
  if (classifyUpper(ctx).new.filter(touchedInStep(step)).length === 0) {
    if (seen.copies.length > 0) found.push(w.practice.why.copyInsteadOfNew(few(ctx, seen.copies)));
    if (seen.whiteouts.length > 0) found.push(w.practice.why.deletedInsteadOfNew(few(ctx, seen.whiteouts)));
    found.push(...dirsMade(ctx, seen));
    next = w.practice.next.newFile;
  }
  return merge(common(ctx, attempt, seen), found, next);
}

export function diagnoseWhiteout(ctx: Ctx, attempt: PracticeAttempt, step: PracticeAttempt): Diagnosis {
  const { w } = ctx;
  const seen = touched(ctx, attempt);
  const found: string[] = [];
  let next: string | undefined;
  const hidden = classifyUpper(ctx)
    .whiteout.filter(touchedInStep(step))
    .filter((path) => exists(ctx, `lower/${path}`));
  if (hidden.length === 0) {
    if (seen.removedOwn.length > 0) found.push(w.practice.why.removedUpperOnly(few(ctx, seen.removedOwn)));
    if (seen.removedCopies.length > 0) found.push(w.practice.why.removedUpperCopy(few(ctx, seen.removedCopies)));
    const written = [...seen.copies, ...seen.created];
    if (written.length > 0) found.push(w.practice.why.writtenInsteadOfDelete(few(ctx, written)));
    const visible = LOWER_FILES.filter((path) => exists(ctx, `merged/${path}`));
    next = w.practice.next.whiteout(visible[0] ?? LOWER_FILES[0] ?? "", ctx.t.practice.list(visible));
  }
  return merge(common(ctx, attempt, seen), found, next);
}

/**
 * Does a path the mount names reach this workspace directory? The kernel keeps the options as
 * typed: a relative one started where mount ran, which the shell's record tells (`cd merged;
 * mount … ../lower …`); without a record, at the workspace root, where the shell starts.
 */
export function namer(ctx: Ctx, step: PracticeAttempt | undefined): (given: string | undefined, wanted: string) => boolean {
  const root = ctx.workspace.root;
  const bases = new Set([""]);
  for (const command of step?.commands ?? []) if (isWithin(command.cwd, root)) bases.add(relative(root, command.cwd));
  return (given, wanted) => {
    if (given === undefined) return false;
    const target = ctx.stat(wanted);
    const inside = isWithin(given, root) ? relative(root, given) : undefined;
    const candidates = isAbsolute(given) ? [inside] : [...bases].map((base) => join(base, given));
    return candidates.some((candidate) => {
      if (candidate === undefined || candidate.startsWith("..")) return false;
      const stats = ctx.stat(candidate);
      return stats !== undefined && target !== undefined && stats.dev === target.dev && stats.ino === target.ino;
    });
  };
}

export function diagnoseMount(ctx: Ctx, attempt: PracticeAttempt, step: PracticeAttempt): Diagnosis {
  const { w, workspace } = ctx;
  const mount = ctx.mountAt(workspace.merged);
  if (mount?.fsType !== "overlay") {
    const overlayMounts = ctx.mounts().filter((entry) => entry.fsType === "overlay");
    const overlays = new Set(overlayMounts.map((entry) => entry.mountPoint));
    const elsewhere = attempt.mounted.filter((point) => point !== "merged" && overlays.has(ctx.path(point)));
    if (elsewhere.length > 0)
      return { found: [w.practice.why.mountedElsewhere(few(ctx, elsewhere))], next: w.practice.next.unmountElsewhere(elsewhere[0] ?? "") };
    if (attempt.commands === undefined) return { found: [w.practice.why.notMounted] };
    // A mount that was typed and failed is explained by the runner, from the command itself.
    const typedMount = attempt.commands.some((command) => /(?:^|[\s;&|(])(?:sudo\s+)?(?:\S*\/)?mount\s/.test(command.line));
    return { found: typedMount ? [] : [w.practice.why.noMountCommand] };
  }
  const { layers } = mount;
  const names = namer(ctx, step);
  const found: string[] = [];
  if (names(layers.lower[0], "upper") && names(layers.upper, "lower")) found.push(w.practice.why.swapped);
  else {
    const given: Array<[string, string | undefined, string, boolean]> = [
      ["lowerdir", layers.lower.join(":"), "lower/", layers.lower.length === 1 && names(layers.lower[0], "lower")],
      ["upperdir", layers.upper, "upper/", names(layers.upper, "upper")],
      ["workdir", layers.work, "work/", names(layers.work, "work")],
    ];
    for (const [option, value, wanted, ok] of given) if (!ok) found.push(w.practice.why.wrongLayer(option, value || "(none)", wanted));
  }
  if (found.length > 0) return { found, next: w.practice.next.remount };
  if (ctx.mode === "rootless" && !mount.options.has("userxattr"))
    return { found: [w.practice.why.noUserxattr], next: w.practice.next.remountUserxattr };
  return { found: [] };
}
