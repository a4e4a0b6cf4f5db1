// Each layer read once per run. Containers of one image share its layers, and a container changes
// few of the image's directories: so the image's own walk is counted once, subtree by subtree (the
// subtrees below the top of its tree, on the read-ahead workers, each apart), and a container's
// walk takes the image's count of every subtree its own layers do not touch, walking only the top
// of the tree and the subtrees it changed. A subtree below the top that was not counted yet (one
// beside a directory a container changed) is counted when first asked, and kept for the next
// container. The figures are the very figures of a walk of the whole container
// (test/unit/shared-image.test.ts holds them to it on generated stacks).
//
// Memory: per counted subtree, its totals (per layer, and at most --top groups); not the paths.
import { availableParallelism } from "node:os";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis } from "./analysis.js";
import { diskLister } from "./listing.js";
import { type ImagePartial, type ImagePlace, imageContext, imageOnly, subtreeFor, totalsFor } from "./partials.js";
import { PATHS_BETWEEN_PAUSES, type StackReading, walkOptions } from "./read-ahead.js";
import { lowerPath, NO_REDIRECTS, type Redirects } from "./redirects.js";
import { diskWalkOptions, stackRedirects } from "./stack.js";
import { FRONTIER_MIN, listTop, type StackTop, topLister } from "./top.js";
import { type DirContext, type StackVisitor, StackWalk, walkStack } from "./walk.js";
import { WorkerPool } from "./worker-pool.js";

const MAX_WORKERS = 4;

const depthOf = (relative: string): number => (relative === "" ? 0 : relative.split("/").length);

export interface SharedImageOptions {
  /** The image's layer directories (host paths), top first. */
  dirs: readonly string[];
  namespace: XattrNamespace;
  /** The --top of the run: each subtree keeps as many groups. */
  top: number;
  workerUrl?: URL;
  /** How wide a level of the top must be before the level below is counted apart (tests ask for 1). */
  frontierMin?: number;
}

/** One image's layers, counted once for all its containers in this run. */
export class SharedImage {
  private readonly partials = new Map<string, ImagePartial>();
  private top: StackTop | undefined;
  private ready: Promise<void> | undefined;

  readonly dirs: readonly string[];
  private readonly namespace: XattrNamespace;
  private readonly keep: number;

  constructor(private readonly options: SharedImageOptions) {
    this.dirs = options.dirs;
    this.namespace = options.namespace;
    this.keep = options.top;
  }

  /** The subtrees below the top of the image's tree, counted on the workers (once, however often asked). */
  prepare(): Promise<void> {
    this.ready ??= this.countFrontier();
    return this.ready;
  }

  /** Does the image's count stand in for this directory of a container's walk (it is below the top)? */
  covers(relative: string): boolean {
    return this.top !== undefined && depthOf(relative) >= this.top.depth;
  }

  /** The image's count of the subtree at `dir` (in the image's own terms), counted now if it was not. */
  partialOf(dir: DirContext): ImagePartial {
    const kept = this.partials.get(dir.relative);
    if (kept !== undefined) return kept;
    const analysis = this.analysis();
    const unreadable: Array<[number, string, string]> = [];
    const onUnreadable = (layer: number, relative: string, code: string): void => {
      unreadable.push([layer, relative, code]);
    };
    walkStack({ ...diskWalkOptions({ dirs: this.dirs, namespace: this.namespace }), onUnreadable }, analysis, dir);
    const partial = { subtree: analysis.closeSubtree(dir.relative), totals: analysis.result(), unreadable };
    this.partials.set(dir.relative, partial);
    return partial;
  }

  /**
   * The image's own figures (its layers alone, as `inspect --image` counts them), from the
   * subtrees counted already; each directory that could not be listed told to `onUnreadable` (host path).
   */
  async imageTotals(onUnreadable: (dir: string, code: string) => void = () => undefined): Promise<AnalysisTotals> {
    await this.prepare();
    const top = this.top;
    const analysis = this.analysis();
    const tell = (layer: number, relative: string, code: string): void => {
      const root = this.dirs[layer] ?? "";
      onUnreadable(relative === "" ? root : `${root}/${relative}`, code);
    };
    const disk = { ...diskWalkOptions({ dirs: this.dirs, namespace: this.namespace }), onUnreadable: tell };
    if (top === undefined || top.frontier.size === 0) {
      walkStack(disk, analysis);
      return analysis.result();
    }
    const deferred: DirContext[] = [];
    const visitor: StackVisitor = {
      path: (found) => analysis.path(found),
      single: (parent, name, layer, listing, slot) => analysis.single(parent, name, layer, listing, slot),
      deferred: (context) => deferred.push(context),
    };
    const walk = new StackWalk({ ...disk, lister: topLister(top.listings), defer: (dir) => top.frontier.has(dir.relative) }, visitor);
    for (let more = true; more; ) {
      more = walk.step(PATHS_BETWEEN_PAUSES);
      for (let context = deferred.shift(); context !== undefined; context = deferred.shift()) {
        const partial = this.partialOf(context);
        for (const [layer, relative, code] of partial.unreadable) tell(layer, relative, code);
        analysis.mergeSubtree(partial.subtree);
        analysis.mergeTotals(partial.totals);
      }
    }
    return analysis.result();
  }

  private analysis(): StackAnalysis {
    return new StackAnalysis({ hasUpper: false, lowerCount: this.dirs.length, top: this.keep });
  }

  private async countFrontier(): Promise<void> {
    const top = listTop(this.dirs, diskLister(this.dirs, this.namespace), this.options.frontierMin ?? FRONTIER_MIN);
    this.top = top;
    if (top.frontier.size === 0) return;
    const contexts: DirContext[] = [];
    const silent: StackVisitor = { path: () => undefined, single: () => undefined, deferred: (context) => contexts.push(context) };
    const options = { ...diskWalkOptions({ dirs: this.dirs, namespace: this.namespace }), lister: topLister(top.listings) };
    walkStack({ ...options, defer: (dir) => top.frontier.has(dir.relative) }, silent);
    const count = Math.max(1, Math.min(MAX_WORKERS, availableParallelism(), contexts.length));
    const stack = { dirs: this.dirs, hasUpper: false, namespace: this.namespace, top: this.keep, batch: false, perSubtree: true };
    const { workerUrl } = this.options;
    const pool = new WorkerPool({ ...stack, ...(workerUrl ? { workerUrl } : {}) }, NO_REDIRECTS, contexts, count);
    try {
      for (const [at, context] of contexts.entries()) {
        const { totals, unreadable, ...subtree } = await pool.subtree(at % count, context.relative);
        if (totals === undefined) throw new Error("shared image: a worker sent a subtree without its totals");
        this.partials.set(context.relative, { subtree, totals, unreadable });
      }
      for (let index = 0; index < count; index++) await pool.totals(index);
    } finally {
      pool.close();
    }
  }
}

/** The images of one run, each counted once whoever asks (inspect's mounts, the host summary). */
export class SharedImages {
  private readonly images = new Map<string, SharedImage>();

  constructor(private readonly top: number) {}

  /** The image of these layer directories (host paths, top first), read with this xattr namespace first. */
  of(dirs: readonly string[], namespace: XattrNamespace): SharedImage {
    const key = `${namespace}\0${dirs.join("\0")}`;
    let image = this.images.get(key);
    if (image === undefined) {
      image = new SharedImage({ dirs, namespace, top: this.top });
      this.images.set(key, image);
    }
    return image;
  }
}

/** Is `dir` one the image's count can stand in for: no rename of the upper's moves anything into, out of or above it. */
function untouchedByRenames(redirects: Redirects, relative: string): boolean {
  if (redirects.sourceOf.size === 0) return true;
  if (lowerPath(redirects, relative) !== relative) return false;
  const prefix = `${relative}/`;
  for (const moved of redirects.moved) if (moved === relative || moved.startsWith(prefix)) return false;
  return true;
}

/**
 * Count a container of `image` (`reading.dirs`: its upper, any layers of its own, then the
 * image's): the same totals as analyzeStack's, walking only what its own layers touch.
 */
export async function analyzeOnImage(reading: StackReading, image: SharedImage): Promise<AnalysisTotals> {
  await image.prepare();
  const place: ImagePlace = { above: reading.dirs.length - 1 - image.dirs.length };
  const analysis = new StackAnalysis({
    hasUpper: true,
    lowerCount: reading.dirs.length - 1,
    top: reading.top,
    ...(reading.onChange ? { onChange: reading.onChange } : {}),
  });
  const redirects = stackRedirects(reading);
  const deferred: DirContext[] = [];
  const visitor: StackVisitor = {
    path: (found) => analysis.path(found),
    single: (parent, name, layer, listing, slot) => analysis.single(parent, name, layer, listing, slot),
    deferred: (context) => deferred.push(context),
  };
  const defer = (dir: DirContext): boolean =>
    image.covers(dir.relative) && imageOnly(dir, place) && untouchedByRenames(redirects, dir.relative);
  const lister = diskLister(reading.dirs, reading.namespace, redirects, reading.metacopyOn === true);
  const walk = new StackWalk(walkOptions(reading, redirects, lister, defer), visitor);
  for (let more = true; more; ) {
    more = walk.step(PATHS_BETWEEN_PAUSES);
    for (let context = deferred.shift(); context !== undefined; context = deferred.shift()) {
      const partial = image.partialOf(imageContext(context, place));
      for (const [layer, relative, code] of partial.unreadable) {
        const root = image.dirs[layer] ?? "";
        reading.onUnreadable(relative === "" ? root : `${root}/${relative}`, code);
      }
      analysis.mergeSubtree(subtreeFor(partial, place));
      analysis.mergeTotals(totalsFor(partial, place));
    }
    const waiting = reading.backpressure?.();
    if (waiting !== undefined) await waiting;
  }
  lister.close?.();
  return analysis.result();
}

/**
 * Which stacks share an image: per stack (its lower layers, top first), the layers it shares with
 * another stack, from the first such layer down (a docker container's own -init layer above them
 * is its own), or undefined where it shares none.
 */
export function sharedImageLayers(lowers: ReadonlyArray<readonly string[]>): Array<string[] | undefined> {
  const users = new Map<string, number>();
  for (const stack of lowers) for (const dir of new Set(stack)) users.set(dir, (users.get(dir) ?? 0) + 1);
  return lowers.map((stack) => {
    const first = stack.findIndex((dir) => (users.get(dir) ?? 0) > 1);
    if (first === -1) return undefined;
    const image = stack.slice(first);
    // The whole rest must be shared alike: an image is a suffix of each stack that uses it.
    return image.every((dir) => (users.get(dir) ?? 0) > 1) ? image : undefined;
  });
}
