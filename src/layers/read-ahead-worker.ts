// A read-ahead worker (read-ahead.ts starts it; built by esbuild as dist/read-ahead-worker.js, a
// second entry of the bundle). It walks and counts whole subtrees of the stack with the same
// lister, walk and analysis as the main thread (listing.ts, walk.ts, analysis.ts), and posts each
// subtree's partial in the order it was given them: the main thread merges them where its own walk
// reaches them. Nothing here writes or follows a symlink: readdir, lstat and lgetxattr.
//
// Counters (an Int32Array on shared memory), per worker W: [2W] partials posted, [2W+1] taken by
// the main thread; the last slot asks every worker to stop. A worker runs at most `maxAhead`
// partials ahead of the main thread, so memory stays bounded whatever the stack's size.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type PartialAnalysis, StackAnalysis } from "./analysis.js";
import { isOpaque } from "./entry.js";
import { diskLister } from "./listing.js";
import { type DirContext, StackWalk } from "./walk.js";

/** What read-ahead.ts gives each worker. */
export interface WorkerSetup {
  roots: string[];
  namespace: XattrNamespace;
  hasUpper: boolean;
  top: number;
  /** Keep each subtree's changes, in order, for the main thread to hand on (inspect --json). */
  batch: boolean;
  index: number;
  port: MessagePort;
  shared: SharedArrayBuffer;
  maxAhead: number;
}

/** A subtree's result, with what could not be read in it. */
export interface WorkerPartial extends PartialAnalysis {
  unreadable: Array<[number, string, string]>;
}

export type WorkerMessage = WorkerPartial | { error: string };

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
  const batch = "batch" in message ? message.batch : null;
  const transfer: ArrayBuffer[] =
    batch === null ? [] : [batch.kinds, batch.bytes, batch.hiddenBytes].map((array) => array.buffer as ArrayBuffer);
  setup.port.postMessage(message, transfer);
  Atomics.add(counters, posted, 1);
  Atomics.notify(counters, posted);
}

/** Walk and count one subtree. */
export function analyzeSubtree(setup: Omit<WorkerSetup, "index" | "port" | "shared" | "maxAhead">, context: DirContext): WorkerPartial {
  const unreadable: Array<[number, string, string]> = [];
  const layers = setup.roots.length;
  const analysis = new StackAnalysis({
    hasUpper: setup.hasUpper,
    lowerCount: layers - (setup.hasUpper ? 1 : 0),
    top: setup.top,
    batch: setup.batch,
  });
  const walk = new StackWalk(
    {
      layers,
      hasUpper: setup.hasUpper,
      lister: diskLister(setup.roots),
      opaque: (layer, path) => isOpaque(`${setup.roots[layer]}/${path}`, setup.namespace),
      onUnreadable: (layer, relative, code) => {
        unreadable.push([layer, relative, code]);
      },
    },
    analysis,
    context,
  );
  while (walk.step());
  return { ...analysis.partial(context.relative), unreadable };
}

function run(setup: WorkerSetup, contexts: readonly DirContext[]): void {
  const counters = new Int32Array(setup.shared);
  try {
    for (const context of contexts) post(setup, counters, analyzeSubtree(setup, context));
  } catch (failure) {
    if (failure instanceof Stopped) return;
    post(setup, counters, { error: failure instanceof Error ? (failure.stack ?? failure.message) : String(failure) });
  }
}

// The subtrees come once the main thread has walked the top of the tree.
if (parentPort !== null) {
  const setup = workerData as WorkerSetup;
  parentPort.once("message", (contexts: DirContext[]) => run(setup, contexts));
}
