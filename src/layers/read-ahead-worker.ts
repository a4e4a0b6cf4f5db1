// A read-ahead worker (read-ahead.ts starts it; built by esbuild as dist/read-ahead-worker.js, a
// second entry of the bundle). It walks and counts whole subtrees of the stack with the same
// lister, walk and analysis as the main thread (listing.ts, walk.ts, analysis.ts), into one
// analysis of its own: after each subtree it posts only what the main thread must merge at that
// point of its own walk (bytes hidden from above the subtree, the subtree's changes in order),
// and its totals once at the end, so that a message costs next to nothing whatever a subtree
// holds. Nothing here writes or follows a symlink: readdir, lstat and lgetxattr.
//
// Counters (an Int32Array on shared memory), per worker W: [2W] messages posted, [2W+1] taken by
// the main thread; the last slot asks every worker to stop. A worker runs at most `maxAhead`
// messages ahead of the main thread, so memory stays bounded whatever the stack's size.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis, type SubtreeResult } from "./analysis.js";
import { type CompanionModule, tee } from "./companion.js";
import { redirectsOf } from "./redirects.js";
import { diskWalkOptions } from "./stack.js";
import { type DirContext, type StackVisitor, type WalkOptions, walkStack } from "./walk.js";

/** What read-ahead.ts gives each worker. */
export interface WorkerSetup {
  roots: string[];
  namespace: XattrNamespace;
  /** Mounted with metacopy=on, or with data-only layers (stack.ts). */
  metacopyOn: boolean;
  hasUpper: boolean;
  /** A second visitor's module and options (companion.ts), made afresh for each subtree. */
  companion?: { url: string; options: unknown };
  /** The upper's renamed directories: [merged path, where the layers below hold it]. */
  renames: Array<[string, string]>;
  top: number;
  /** Keep each subtree's changes, in order, for the main thread to hand on (inspect --json). */
  batch: boolean;
  /** Count each subtree apart and post its totals with it (a shared image's subtrees, kept for each of its containers). */
  perSubtree: boolean;
  index: number;
  port: MessagePort;
  shared: SharedArrayBuffer;
  maxAhead: number;
}

/** One subtree's order-dependent result, with what could not be read in it. */
export interface WorkerSubtree extends SubtreeResult {
  unreadable: Array<[number, string, string]>;
  /** The subtree's own totals, when each is counted apart (WorkerSetup.perSubtree). */
  totals?: AnalysisTotals;
  /** What the companion gathered of the subtree. */
  companion?: unknown;
}

/** Posted per subtree in the order given, then the worker's totals once, then nothing. */
export type WorkerMessage = { subtree: WorkerSubtree } | { totals: AnalysisTotals } | { error: string };

class Stopped extends Error {}

function post(setup: WorkerSetup, counters: Int32Array, message: WorkerMessage): void {
  const stop = counters.length - 1;
  const posted = 2 * setup.index;
  for (;;) {
    if (Atomics.load(counters, stop) !== 0) throw new Stopped();
    // Load the count before comparing: a take after this load wakes the wait at once.
    const taken = Atomics.load(counters, posted + 1);
    if (Atomics.load(counters, posted) - taken < setup.maxAhead) break;
    Atomics.wait(counters, posted + 1, taken, 100);
  }
  const batch = "subtree" in message ? message.subtree.batch : null;
  const transfer: ArrayBuffer[] =
    batch === null
      ? []
      : [batch.kinds, batch.bytes, batch.diskBytes, batch.hiddenBytes, batch.metacopy].map((array) => array.buffer as ArrayBuffer);
  setup.port.postMessage(message, transfer);
  Atomics.add(counters, posted, 1);
  Atomics.notify(counters, posted);
}

type AnalysisSetup = Pick<WorkerSetup, "roots" | "namespace" | "metacopyOn" | "hasUpper" | "renames" | "top" | "batch">;

/**
 * Walks and counts subtrees, one after the other, into one analysis: each subtree's
 * order-dependent part comes out as it is done, the totals once at the end.
 */
export class SubtreeWalker {
  private readonly analysis: StackAnalysis;
  private unreadable: Array<[number, string, string]> = [];
  private readonly options: WalkOptions;

  constructor(setup: AnalysisSetup) {
    const layers = setup.roots.length;
    this.analysis = new StackAnalysis({
      hasUpper: setup.hasUpper,
      lowerCount: layers - (setup.hasUpper ? 1 : 0),
      top: setup.top,
      batch: setup.batch,
    });
    this.options = {
      ...diskWalkOptions({
        dirs: setup.roots,
        namespace: setup.namespace,
        metacopyOn: setup.metacopyOn,
        hasUpper: setup.hasUpper,
        redirects: redirectsOf(setup.renames),
      }),
      onUnreadable: (layer, relative, code) => {
        this.unreadable.push([layer, relative, code]);
      },
    };
  }

  walk(context: DirContext, companion?: StackVisitor): WorkerSubtree {
    walkStack(this.options, companion === undefined ? this.analysis : tee(this.analysis, companion), context);
    const unreadable = this.unreadable;
    this.unreadable = [];
    return { ...this.analysis.closeSubtree(context.relative), unreadable };
  }

  totals(): AnalysisTotals {
    return this.analysis.result();
  }
}

async function run(setup: WorkerSetup, contexts: readonly DirContext[]): Promise<void> {
  const counters = new Int32Array(setup.shared);
  try {
    const companions = setup.companion === undefined ? undefined : ((await import(setup.companion.url)) as CompanionModule);
    const walker = new SubtreeWalker(setup);
    for (const context of contexts) {
      if (companions !== undefined) {
        const companion = companions.createCompanion(setup.companion?.options, context.relative);
        post(setup, counters, { subtree: { ...walker.walk(context, companion.visitor), companion: companion.take() } });
        continue;
      }
      if (!setup.perSubtree) {
        post(setup, counters, { subtree: walker.walk(context) });
        continue;
      }
      // Counted apart: a walker of its own, whose totals are this subtree's alone.
      const own = new SubtreeWalker(setup);
      post(setup, counters, { subtree: { ...own.walk(context), totals: own.totals() } });
    }
    post(setup, counters, { totals: walker.totals() });
  } catch (failure) {
    if (failure instanceof Stopped) return;
    post(setup, counters, { error: failure instanceof Error ? (failure.stack ?? failure.message) : String(failure) });
  }
}

// The subtrees come once the main thread has walked the top of the tree.
if (parentPort !== null) {
  const setup = workerData as WorkerSetup;
  parentPort.once("message", (contexts: DirContext[]) => void run(setup, contexts));
}
