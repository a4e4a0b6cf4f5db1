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
import { MessageChannel, Worker } from "node:worker_threads";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis } from "./analysis.js";
import type { Change } from "./changes.js";
import { KIND } from "./entry.js";
import { diskLister, type Lister, type MergedListing } from "./listing.js";
import type { WorkerMessage, WorkerSetup, WorkerSubtree } from "./read-ahead-worker.js";
import type { Redirects } from "./redirects.js";
import { diskWalkOptions, stackRedirects } from "./stack.js";
import { type DirContext, type StackVisitor, StackWalk, type WalkOptions, walkStack } from "./walk.js";

export const FRONTIER_MIN = 64;
export const EXPAND_MAX = 1024;
const MAX_WORKERS = 4;
/** Messages a worker may post ahead of the main thread's walk. */
const MAX_AHEAD = 64;
/** Paths walked between two looks at the output's backpressure. */
const PATHS_BETWEEN_PAUSES = 1024;
const YOUNG_GENERATION_MB = 48;

export interface StackReading {
  /** Host paths, top first (the upper first when `hasUpper`); "" for a layer that cannot be read. */
  dirs: readonly string[];
  hasUpper: boolean;
  namespace: XattrNamespace;
  top: number;
  /** Each change, final, in path order (inspect --json streams them). */
  onChange?: (change: Change) => void;
  /** A layer's directory could not be listed; the rest is still counted. */
  onUnreadable(dir: string, code: string): void;
  /** Asked every so many paths: a promise to wait for (the output is full) before walking on. */
  backpressure?: () => Promise<void> | undefined;
  /** Walk in worker threads: where the stack is big enough ("auto"), always, or never. */
  workers?: "auto" | "always" | "never";
  /** The worker's script (dist/read-ahead-worker.js beside the bundle); tests of the source pass the built one. */
  workerUrl?: URL;
}

/** Where the bundle put the worker: beside the entry, whether this module is a chunk of it or not. */
function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.includes("/chunks/") ? "../read-ahead-worker.js" : "./read-ahead-worker.js", import.meta.url);
}

/**
 * The top of the tree, breadth first: each listing kept, and the directories just below it (none
 * when the whole tree was listed before a level reached `frontierMin`).
 */
function listTop(
  dirs: readonly string[],
  lister: Lister,
  frontierMin: number,
): { listings: Map<string, MergedListing>; frontier: Set<string> } {
  const layers = dirs.length;
  const listings = new Map<string, MergedListing>();
  let level: Array<[string, boolean[]]> = [["", dirs.map(() => true)]];
  for (;;) {
    const next: Array<[string, boolean[]]> = [];
    for (const [relative, present] of level) {
      const listing = lister.list(relative, present);
      listings.set(relative, listing);
      listing.names.forEach((name, at) => {
        // The layers that have a directory of this name: the walk lists it in those.
        const childPresent = dirs.map((_, layer) => listing.kinds[at * layers + layer] === KIND.dir);
        if (childPresent.includes(true)) next.push([relative === "" ? name : `${relative}/${name}`, childPresent]);
      });
    }
    if (next.length === 0 || next.length >= frontierMin || listings.size >= EXPAND_MAX) {
      return { listings, frontier: new Set(next.map(([relative]) => relative)) };
    }
    level = next;
  }
}

/** The top's listings, served to the walk (twice: once to learn the frontier, once to count). */
function topLister(listings: ReadonlyMap<string, MergedListing>): Lister {
  return {
    list(relative) {
      const listing = listings.get(relative);
      if (listing === undefined) throw new Error(`read-ahead: ${relative} is not in the top of the tree`);
      return listing;
    },
  };
}

/** Workers and their streams of partials. */
class WorkerPool {
  private readonly workers: Worker[] = [];
  /** Per worker: partials that came, and a walk waiting for the next one. */
  private readonly streams: Array<{ came: WorkerMessage[]; waiting: ((message: WorkerMessage) => void) | undefined }> = [];
  private readonly counters: Int32Array;

  constructor(reading: StackReading, redirects: Redirects, contexts: readonly DirContext[], count: number) {
    const shared = new SharedArrayBuffer(4 * (2 * count + 1));
    this.counters = new Int32Array(shared);
    for (let index = 0; index < count; index++) {
      const channel = new MessageChannel();
      const stream: (typeof this.streams)[number] = { came: [], waiting: undefined };
      this.streams.push(stream);
      channel.port1.on("message", (message: WorkerMessage) => {
        const waiting = stream.waiting;
        stream.waiting = undefined;
        if (waiting !== undefined) waiting(message);
        else stream.came.push(message);
      });
      const setup: WorkerSetup = {
        roots: [...reading.dirs],
        namespace: reading.namespace,
        hasUpper: reading.hasUpper,
        renames: [...redirects.sourceOf],
        top: reading.top,
        batch: reading.onChange !== undefined,
        index,
        port: channel.port2,
        shared,
        maxAhead: MAX_AHEAD,
      };
      const worker = new Worker(reading.workerUrl ?? defaultWorkerUrl(), {
        workerData: setup,
        transferList: [channel.port2],
        // Each lstat leaves a Stats object behind: a larger young generation scavenges less often.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      worker.on("error", (error) => stream.waiting?.({ error: error.stack ?? error.message }));
      worker.postMessage(contexts.filter((_, at) => at % count === index));
      this.workers.push(worker);
    }
  }

  /** The next message of worker `index`, when it comes (the event loop runs meanwhile: output drains). */
  private async next(index: number): Promise<WorkerMessage> {
    const stream = this.streams[index];
    if (stream === undefined) throw new Error(`read-ahead: no worker ${index}`);
    const message = stream.came.shift() ?? (await new Promise<WorkerMessage>((resolve) => (stream.waiting = resolve)));
    Atomics.add(this.counters, 2 * index + 1, 1);
    Atomics.notify(this.counters, 2 * index + 1);
    if ("error" in message) throw new Error(`read-ahead worker failed: ${message.error}`);
    return message;
  }

  /** Worker `index`'s next subtree, which must be `relative` (the workers walk in the walk's order). */
  async subtree(index: number, relative: string): Promise<WorkerSubtree> {
    const message = await this.next(index);
    if (!("subtree" in message) || message.subtree.relative !== relative) {
      throw new Error(`read-ahead out of order: wanted ${relative}, got ${JSON.stringify(Object.keys(message))}`);
    }
    return message.subtree;
  }

  /** Worker `index`'s totals, once it has walked all its subtrees. */
  async totals(index: number): Promise<AnalysisTotals> {
    const message = await this.next(index);
    if (!("totals" in message)) throw new Error("read-ahead: a worker sent more subtrees than it was given");
    return message.totals;
  }

  close(): void {
    Atomics.store(this.counters, this.counters.length - 1, 1);
    Atomics.notify(this.counters, this.counters.length - 1);
    for (const worker of this.workers) void worker.terminate();
  }
}

/** A layer's directory (by layer and relative path) that could not be listed, told as its host path. */
function unreadable(reading: StackReading, layer: number, relative: string, code: string): void {
  const root = reading.dirs[layer] ?? "";
  reading.onUnreadable(relative === "" ? root : `${root}/${relative}`, code);
}

function walkOptions(reading: StackReading, redirects: Redirects, lister: Lister, defer?: (relative: string) => boolean): WalkOptions {
  const stack = { dirs: reading.dirs, namespace: reading.namespace, hasUpper: reading.hasUpper, redirects };
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
  const disk = diskLister(reading.dirs, reading.namespace, redirects);
  const top = mode === "never" ? undefined : listTop(reading.dirs, disk, mode === "always" ? 1 : FRONTIER_MIN);
  // A tree listed whole before its top grew wide is small: the workers would cost more than they save.
  if (top === undefined || top.frontier.size === 0) {
    // What the look at the top already listed is not listed again.
    const lister: Lister = { list: (relative, present) => top?.listings.get(relative) ?? disk.list(relative, present) };
    await walkAll(new StackWalk(walkOptions(reading, redirects, lister), analysis), reading);
    return analysis.result();
  }
  const contexts: DirContext[] = [];
  const isFrontier = (relative: string): boolean => top.frontier.has(relative);
  const silent = { path: () => undefined, single: () => undefined, deferred: (context: DirContext) => contexts.push(context) };
  walkStack(walkOptions({ ...reading, onUnreadable: () => undefined }, redirects, topLister(top.listings), isFrontier), silent);
  const count = Math.min(workerCount, contexts.length);
  const pool = new WorkerPool(reading, redirects, contexts, count);
  // The walk stops right after each deferred directory: its partial is merged there, in order.
  const deferred: DirContext[] = [];
  const merging: StackVisitor = {
    path: (found) => analysis.path(found),
    single: (parent, name, layer, kind, size) => analysis.single(parent, name, layer, kind, size),
    deferred: (context) => deferred.push(context),
  };
  let taken = 0;
  const walk = new StackWalk(walkOptions(reading, redirects, topLister(top.listings), isFrontier), merging);
  try {
    for (let more = true; more; ) {
      more = walk.step(PATHS_BETWEEN_PAUSES);
      for (let context = deferred.shift(); context !== undefined; context = deferred.shift()) {
        const subtree = await pool.subtree(taken++ % count, context.relative);
        for (const [layer, relative, code] of subtree.unreadable) unreadable(reading, layer, relative, code);
        analysis.mergeSubtree(subtree);
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
