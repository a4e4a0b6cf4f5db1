// Reading a big stack on every core. A walk of 190,000 entries spends most of its time in lstat
// (one per regular file, for st_size: Node has no fstatat, so each resolves a whole path) and
// readdir, and in counting what it read. So the main thread lists only the top of the tree
// (breadth first, until a level holds FRONTIER_MIN directories or EXPAND_MAX directories were
// listed); the directories of the level below (the frontier), in walk order, are dealt to the
// workers in turn, each of which walks and counts its subtrees with the very walk and analysis the
// main thread uses (read-ahead-worker.ts), while the main thread walks the top and merges each
// subtree's partial where its walk reaches it. The main thread takes the partials synchronously
// (receiveMessageOnPort, and Atomics.wait when a worker has not got there yet), so its walk keeps
// the walk's own order, and changes are handed on in path order.
//
// The walk is first made over the top with no counting, to learn each frontier directory's
// context (which layers show it, and what hides it); the workers start from those contexts.
import { availableParallelism } from "node:os";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis } from "./analysis.js";
import type { Change } from "./changes.js";
import { type CompanionSpec, tee } from "./companion.js";
import { diskLister, type Lister } from "./listing.js";
import type { Redirects } from "./redirects.js";
import { diskWalkOptions, stackRedirects } from "./stack.js";
import { FRONTIER_MIN, listTop, topLister } from "./top.js";
import { type DirContext, type StackVisitor, StackWalk, type WalkOptions, walkStack } from "./walk.js";
import { WorkerPool } from "./worker-pool.js";

const MAX_WORKERS = 4;
/** Paths walked between two looks at the output's backpressure. */
export const PATHS_BETWEEN_PAUSES = 1024;

export interface StackReading {
  /** Host paths, top first (the upper first when `hasUpper`); "" for a layer that cannot be read. */
  dirs: readonly string[];
  hasUpper: boolean;
  namespace: XattrNamespace;
  /** Mounted with metacopy=on, or with data-only layers (stack.ts). */
  metacopyOn?: boolean;
  top: number;
  /** Each change, final, in path order (inspect --json streams them). */
  onChange?: (change: Change) => void;
  /** A second visitor riding the walk, here and in the workers (the HTML report's tree). */
  companion?: CompanionSpec;
  /** A layer's directory could not be listed; the rest is still counted. */
  onUnreadable(dir: string, code: string): void;
  /** Asked every so many paths: a promise to wait for (the output is full) before walking on. */
  backpressure?: () => Promise<void> | undefined;
  /** Walk in worker threads: where the stack is big enough ("auto"), always, or never. */
  workers?: "auto" | "always" | "never";
  /** The worker's script (dist/read-ahead-worker.js beside the bundle); tests of the source pass the built one. */
  workerUrl?: URL;
}

/** A layer's directory (by layer and relative path) that could not be listed, told as its host path. */
function unreadable(reading: StackReading, layer: number, relative: string, code: string): void {
  const root = reading.dirs[layer] ?? "";
  reading.onUnreadable(relative === "" ? root : `${root}/${relative}`, code);
}

export function walkOptions(
  reading: StackReading,
  redirects: Redirects,
  lister: Lister,
  defer?: (dir: DirContext) => boolean,
): WalkOptions {
  const { dirs, namespace, hasUpper } = reading;
  const stack = { dirs, namespace, hasUpper, redirects, metacopyOn: reading.metacopyOn === true };
  const onUnreadable = (layer: number, relative: string, code: string): void => unreadable(reading, layer, relative, code);
  return { ...diskWalkOptions(stack, { onUnreadable }), lister, ...(defer ? { defer } : {}) };
}

async function walkAll(walk: StackWalk, reading: StackReading): Promise<void> {
  while (walk.step(PATHS_BETWEEN_PAUSES)) {
    const waiting = reading.backpressure?.();
    if (waiting !== undefined) await waiting;
  }
}

/** Read and count a whole stack, on every core where it is worth it. */
export async function analyzeStack(reading: StackReading): Promise<AnalysisTotals> {
  const layers = reading.dirs.length;
  const analysis = new StackAnalysis({
    hasUpper: reading.hasUpper,
    lowerCount: layers - (reading.hasUpper ? 1 : 0),
    top: reading.top,
    ...(reading.onChange ? { onChange: reading.onChange } : {}),
  });
  const workerCount = Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
  const mode = reading.workers ?? "auto";
  // "always" hands the root's own directories to the workers, however small the stack.
  // Read first: where the upper renamed a directory, every lister lists the layers below under it.
  const redirects = stackRedirects(reading);
  const disk = diskLister(reading.dirs, reading.namespace, redirects, reading.metacopyOn === true);
  const top = mode === "never" ? undefined : listTop(reading.dirs, disk, mode === "always" ? 1 : FRONTIER_MIN);
  // A tree listed whole before its top grew wide is small: the workers would cost more than they save.
  if (top === undefined || top.frontier.size === 0) {
    // What the look at the top already listed is not listed again.
    const lister: Lister = { list: (relative, present) => top?.listings.get(relative) ?? disk.list(relative, present) };
    const visitor = reading.companion === undefined ? analysis : tee(analysis, reading.companion.local);
    await walkAll(new StackWalk(walkOptions(reading, redirects, lister), visitor), reading);
    return analysis.result();
  }
  const contexts: DirContext[] = [];
  const isFrontier = (dir: DirContext): boolean => top.frontier.has(dir.relative);
  const silent = { path: () => undefined, single: () => undefined, deferred: (context: DirContext) => contexts.push(context) };
  walkStack(walkOptions({ ...reading, onUnreadable: () => undefined }, redirects, topLister(top.listings), isFrontier), silent);
  const count = Math.min(workerCount, contexts.length);
  const { companion } = reading;
  const pool = new WorkerPool({ ...reading, batch: reading.onChange !== undefined }, redirects, contexts, count);
  // The walk stops right after each deferred directory: its partial is merged there, in order.
  const deferred: DirContext[] = [];
  const counting: StackVisitor = {
    path: (found) => analysis.path(found),
    single: (parent, name, layer, listing, slot) => analysis.single(parent, name, layer, listing, slot),
    deferred: (context) => deferred.push(context),
  };
  const merging = companion === undefined ? counting : tee(counting, companion.local);
  let taken = 0;
  const walk = new StackWalk(walkOptions(reading, redirects, topLister(top.listings), isFrontier), merging);
  try {
    for (let more = true; more; ) {
      more = walk.step(PATHS_BETWEEN_PAUSES);
      for (let context = deferred.shift(); context !== undefined; context = deferred.shift()) {
        const subtree = await pool.subtree(taken++ % count, context.relative);
        for (const [layer, relative, code] of subtree.unreadable) unreadable(reading, layer, relative, code);
        analysis.mergeSubtree(subtree);
        if (companion !== undefined) companion.merge(subtree.companion);
      }
      const waiting = reading.backpressure?.();
      if (waiting !== undefined) await waiting;
    }
    for (let index = 0; index < count; index++) analysis.mergeTotals(await pool.totals(index));
  } finally {
    pool.close();
  }
  return analysis.result();
}
