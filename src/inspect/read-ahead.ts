// Reading layers ahead in worker threads. A walk of 190,000 entries spends most of its time in
// lstat (one per regular file, for st_size: Node has no fstatat, so each resolves a whole path)
// and readdir; so workers list, lstat and merge each directory across the layers (see
// read-ahead-worker.ts: split by subtree, so that one big layer is read by every worker), in the
// very order the stack walk asks for them, and the walk takes their listings synchronously:
// receiveMessageOnPort, and Atomics.wait when a worker has not got there yet. A worker runs at
// most MAX_AHEAD listings ahead, so memory stays bounded. Directories' xattrs are still read on
// the main thread (the native module is never loaded in a worker), and only where they can
// matter. Nothing here writes or follows a symlink: readdir, lstat and l*xattr.
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { type EntryKind, type LayerEntry, UNMARKED_DIR } from "../layers/entry.js";
import type { LayerLister, ListedEntry } from "../layers/walk.js";
import { readXattr, type XattrNamespace } from "../overlay/xattr.js";
import { type FrontierMessage, KIND, type MergedListing, WORKER_SOURCE } from "./read-ahead-worker.js";

export { KIND, type MergedListing } from "./read-ahead-worker.js";

const MAX_AHEAD = 256;
const MAX_WORKERS = 4;
const YOUNG_GENERATION_MB = 48;
const KINDS: readonly EntryKind[] = ["file", "dir", "symlink", "whiteout", "other"];

export interface ReadAhead {
  /** Per layer, as walkStack's `list` option wants it. */
  list: LayerLister;
  /** The walk's next directory, merged across the layers that have it (its failures already reported). */
  take(relative: string): MergedListing;
  close(): void;
}

/**
 * A directory entry of `layer` in a listing. A directory's opaque xattr is read only when a layer
 * below has the same name, the only place it changes what the kernel shows (the bottom layer,
 * and a directory no lower layer has, need no syscall), and only that xattr: one lgetxattr, not
 * readOverlayXattrs' lstat, list and reads (the walk's rules use nothing else; so these entries
 * carry no `xattrs`).
 */
export function listedEntry(
  listing: MergedListing,
  at: number,
  layer: number,
  layers: number,
  path: () => string,
  namespace: XattrNamespace,
): LayerEntry {
  const code = listing.kinds[at * layers + layer] ?? KIND.other;
  if (code === KIND.dir) {
    for (let lower = layer + 1; lower < layers; lower++) {
      if (listing.kinds[at * layers + lower] !== KIND.absent)
        return { kind: "dir", size: 0, opaque: readXattr(path(), `${namespace}.overlay.opaque`) === "y" };
    }
    return UNMARKED_DIR;
  }
  const kind = KINDS[code] ?? "other";
  return { kind, size: code === KIND.file ? (listing.sizes[at * layers + layer] ?? 0) : 0, opaque: false };
}

/**
 * Workers that list `dirs` (host paths, top first; "" for a layer not to read). `onUnreadable`
 * hears of a directory that could not be listed, as walkStack's own lister would report it.
 */
export function readAhead(
  dirs: readonly string[],
  namespace: XattrNamespace,
  onUnreadable: (dir: string, error: unknown) => void,
): ReadAhead {
  const workerCount = Math.max(1, Math.min(MAX_WORKERS, availableParallelism()));
  const head = workerCount; // the stream of the top of the tree, worker 0's
  const shared = new SharedArrayBuffer(4 * (2 * (workerCount + 1) + 1));
  const counters = new Int32Array(shared);
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  const headChannel = new MessageChannel();
  const peerChannels = Array.from({ length: workerCount - 1 }, () => new MessageChannel());
  for (let index = 0; index < workerCount; index++) {
    const channel = new MessageChannel();
    ports.push(channel.port1);
    const peers = index === 0 ? peerChannels.map((peer) => peer.port1) : [peerChannels[index - 1]?.port2];
    const headPort = index === 0 ? headChannel.port2 : undefined;
    const transfer = [channel.port2, ...peers, ...(headPort ? [headPort] : [])].filter((port) => port !== undefined);
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { roots: dirs, index, workers: workerCount, port: channel.port2, headPort, peers, shared, maxAhead: MAX_AHEAD },
      transferList: transfer,
      // Each lstat leaves a Stats and four Dates behind: a larger young generation scavenges less often.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    thread.unref();
    workers.push(thread);
  }
  ports.push(headChannel.port1);

  function receive(stream: number): unknown {
    const port = ports[stream];
    if (port === undefined) throw new Error(`no read-ahead stream ${stream}`);
    for (;;) {
      // Load the count before looking: a listing posted after this load wakes the wait at once.
      const posted = Atomics.load(counters, 2 * stream);
      const received = receiveMessageOnPort(port);
      if (received !== undefined) {
        Atomics.add(counters, 2 * stream + 1, 1);
        Atomics.notify(counters, 2 * stream + 1);
        return received.message;
      }
      Atomics.wait(counters, 2 * stream, posted, 50);
    }
  }

  let frontier: Map<string, number> | undefined;
  /** The frontier directory whose subtree the walk is in, and its stream. */
  let inside: { prefix: string; stream: number } | undefined;
  function streamOf(relative: string): number {
    frontier ??= new Map((receive(head) as FrontierMessage).frontier);
    if (inside !== undefined && relative.startsWith(inside.prefix)) return inside.stream;
    const stream = frontier.get(relative);
    inside = stream === undefined ? undefined : { prefix: `${relative}/`, stream };
    return stream ?? head;
  }

  function take(relative: string): MergedListing {
    const listing = receive(streamOf(relative)) as MergedListing;
    // The workers walk in the walk's own order; anything else is a bug, not a reason to guess.
    if (listing.relative !== relative) throw new Error(`read-ahead out of order: wanted ${relative}, got ${listing.relative}`);
    for (const [layer, code] of listing.errors ?? []) {
      const dir = relative === "" ? (dirs[layer] ?? "") : `${dirs[layer]}/${relative}`;
      onUnreadable(dir, Object.assign(new Error(`${code}: ${dir}`), { code }));
    }
    return listing;
  }

  let current: { listing: MergedListing; names: string[] } | undefined;
  function* list(layer: number, relative: string): Generator<ListedEntry> {
    // walkStack asks each layer in turn for the same directory: take it once.
    if (current?.listing.relative !== relative) {
      const listing = take(relative);
      current = { listing, names: listing.count === 0 ? [] : listing.names.split("/") };
    }
    const { listing, names } = current;
    const root = dirs[layer] ?? "";
    const dir = relative === "" ? root : `${root}/${relative}`;
    for (let at = 0; at < listing.count; at++) {
      if (listing.kinds[at * dirs.length + layer] === KIND.absent) continue;
      const name = names[at] ?? "";
      yield { name, entry: listedEntry(listing, at, layer, dirs.length, () => `${dir}/${name}`, namespace) };
    }
  }

  return {
    list,
    take,
    close() {
      Atomics.store(counters, counters.length - 1, 1);
      for (const port of ports) port.close();
      for (const worker of workers) void worker.terminate();
    },
  };
}
