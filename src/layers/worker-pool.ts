// The read-ahead workers (read-ahead-worker.ts), each walking and counting the subtrees it is dealt
// in order, and the streams of partials they post back, taken by the main thread where its walk
// reaches each subtree.
import { MessageChannel, Worker } from "node:worker_threads";
import type { XattrNamespace } from "../overlay/xattr.js";
import type { AnalysisTotals } from "./analysis.js";
import type { WorkerMessage, WorkerSetup, WorkerSubtree } from "./read-ahead-worker.js";
import type { Redirects } from "./redirects.js";
import type { DirContext } from "./walk.js";

/** Messages a worker may post ahead of the main thread's walk. */
const MAX_AHEAD = 64;
const YOUNG_GENERATION_MB = 48;

/** Where the bundle put the worker: beside the entry, whether this module is a chunk of it or not. */
function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.includes("/chunks/") ? "../read-ahead-worker.js" : "./read-ahead-worker.js", import.meta.url);
}

/** What the workers walk: the stack, and what they give back. */
export interface PoolStack {
  /** Host paths, top first (the upper first when `hasUpper`). */
  dirs: readonly string[];
  hasUpper: boolean;
  namespace: XattrNamespace;
  /** Mounted with metacopy=on, or with data-only layers (stack.ts). */
  metacopyOn?: boolean;
  top: number;
  /** Keep each subtree's changes for the main thread to hand on. */
  batch: boolean;
  /** Each subtree counted apart, with totals of its own (a shared image's subtrees, kept for every container of it). */
  perSubtree?: boolean;
  /** A second visitor for each subtree (companion.ts): its module and options. */
  companion?: { url: string; options: unknown };
  workerUrl?: URL;
}

/** Workers and their streams of partials. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  /** Per worker: partials that came, and a walk waiting for the next one. */
  private readonly streams: Array<{ came: WorkerMessage[]; waiting: ((message: WorkerMessage) => void) | undefined }> = [];
  private readonly counters: Int32Array;

  constructor(reading: PoolStack, redirects: Redirects, contexts: readonly DirContext[], count: number) {
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
        metacopyOn: reading.metacopyOn === true,
        hasUpper: reading.hasUpper,
        renames: [...redirects.sourceOf],
        top: reading.top,
        batch: reading.batch,
        perSubtree: reading.perSubtree === true,
        ...(reading.companion === undefined ? {} : { companion: { url: reading.companion.url, options: reading.companion.options } }),
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
