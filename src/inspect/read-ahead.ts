// Reading layers ahead in worker threads. A walk of 190,000 entries spends most of its time in
// lstat (one per regular file, for st_size: Node has no fstatat, so each resolves a whole path)
// and readdir; the merge of the layers is JavaScript on the main thread. So workers list and
// lstat, each walking its share of the layers in the very order the stack walk asks for them
// (sorted names, depth first, every directory of the layer), and the walk takes their listings
// through walkStack's `list` option, synchronously: receiveMessageOnPort, and Atomics.wait when
// a worker has not got there yet. A worker runs at most MAX_AHEAD listings ahead per layer, so
// memory stays bounded. Directories' xattrs are still read on the main thread (entry.ts), so
// the native module is never loaded in a worker. Nothing here writes or follows a symlink:
// readdir, and lstat.
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { EntryKind, LayerEntry } from "../layers/entry.js";
import type { LayerLister, ListedEntry } from "../layers/walk.js";
import { isOpaqueDir, readOverlayXattrs, type XattrNamespace } from "../overlay/xattr.js";

const MAX_AHEAD = 256;
const KINDS: readonly EntryKind[] = ["file", "dir", "symlink", "whiteout", "other"];

interface Listing {
  relative: string;
  names: string[];
  kinds: Uint8Array;
  sizes: Float64Array;
  error: string | null;
}

// Plain JavaScript run with `eval: true`: the bundle has one entry point, and a worker needs
// nothing but node:fs. Counters, per layer L: [2L] listings posted, [2L+1] listings taken;
// the last slot asks the workers to stop.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { readdirSync, lstatSync } = require("node:fs");
const { roots, layers, ports, shared, maxAhead } = workerData;
const counters = new Int32Array(shared);
const stop = counters.length - 1;
function post(index, listing) {
  const layer = layers[index];
  while (Atomics.load(counters, 2 * layer) - Atomics.load(counters, 2 * layer + 1) >= maxAhead) {
    if (Atomics.load(counters, stop) !== 0) throw new Error("stopped");
    Atomics.wait(counters, 2 * layer + 1, Atomics.load(counters, 2 * layer + 1), 100);
  }
  ports[index].postMessage(listing);
  Atomics.add(counters, 2 * layer, 1);
  Atomics.notify(counters, 2 * layer);
}
function visit(relative, present) {
  const below = new Map();
  for (let index = 0; index < roots.length; index++) {
    if (!present[index]) continue;
    const dir = relative === "" ? roots[index] : roots[index] + "/" + relative;
    let listed = [];
    let error = null;
    try { listed = readdirSync(dir, { withFileTypes: true }); } catch (failure) { error = failure.code || String(failure); }
    const names = [];
    const kinds = new Uint8Array(listed.length);
    const sizes = new Float64Array(listed.length);
    for (const dirent of listed) {
      let kind = 4;
      if (dirent.isDirectory()) kind = 1;
      else if (dirent.isSymbolicLink()) kind = 2;
      else {
        const stats = lstatSync(dir + "/" + dirent.name, { throwIfNoEntry: false });
        if (stats === undefined) continue;
        if (stats.isFile()) { kind = 0; sizes[names.length] = stats.size; }
        else if (stats.isDirectory()) kind = 1;
        else if (stats.isSymbolicLink()) kind = 2;
        else if (stats.isCharacterDevice() && stats.rdev === 0) kind = 3;
      }
      kinds[names.length] = kind;
      names.push(dirent.name);
      if (kind === 1) {
        let row = below.get(dirent.name);
        if (row === undefined) { row = new Array(roots.length).fill(false); below.set(dirent.name, row); }
        row[index] = true;
      }
    }
    post(index, { relative, names, kinds: kinds.subarray(0, names.length), sizes: sizes.subarray(0, names.length), error });
  }
  for (const name of [...below.keys()].sort()) visit(relative === "" ? name : relative + "/" + name, below.get(name));
}
try { visit("", roots.map(() => true)); } catch (failure) { if (String(failure.message) !== "stopped") throw failure; }
`;

export interface ReadAhead {
  list: LayerLister;
  close(): void;
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
  const shared = new SharedArrayBuffer(4 * (2 * dirs.length + 1));
  const counters = new Int32Array(shared);
  const workerCount = Math.max(1, Math.min(dirs.length, availableParallelism()));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let worker = 0; worker < workerCount; worker++) {
    const layers = dirs.map((_, layer) => layer).filter((layer) => layer % workerCount === worker);
    const theirs = layers.map((layer) => {
      const channel = new MessageChannel();
      ports[layer] = channel.port1;
      return channel.port2;
    });
    const roots = layers.map((layer) => dirs[layer]);
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { roots, layers, ports: theirs, shared, maxAhead: MAX_AHEAD },
      transferList: theirs,
    });
    thread.unref();
    workers.push(thread);
  }

  function take(layer: number): Listing {
    const port = ports[layer];
    if (port === undefined) throw new Error(`no reader for layer ${layer}`);
    for (;;) {
      const received = receiveMessageOnPort(port);
      if (received !== undefined) {
        Atomics.add(counters, 2 * layer + 1, 1);
        Atomics.notify(counters, 2 * layer + 1);
        return received.message as Listing;
      }
      // Not posted yet: sleep until the worker counts one more (or 50 ms, then look again).
      Atomics.wait(counters, 2 * layer, Atomics.load(counters, 2 * layer), 50);
    }
  }

  function* list(layer: number, relative: string): Generator<ListedEntry> {
    const listing = take(layer);
    const root = dirs[layer] ?? "";
    const dir = relative === "" ? root : `${root}/${relative}`;
    // The worker walks in the walk's own order; anything else is a bug, not a reason to guess.
    if (listing.relative !== relative) throw new Error(`read-ahead out of order: wanted ${dir}, got ${listing.relative}`);
    if (listing.error !== null) onUnreadable(dir, Object.assign(new Error(`${listing.error}: ${dir}`), { code: listing.error }));
    for (let index = 0; index < listing.names.length; index++) {
      const name = listing.names[index] ?? "";
      const kind = KINDS[listing.kinds[index] ?? 4] ?? "other";
      let entry: LayerEntry;
      if (kind === "dir") {
        const xattrs = readOverlayXattrs(`${dir}/${name}`, namespace);
        entry = { kind, size: 0, opaque: isOpaqueDir(xattrs) };
        if (Object.keys(xattrs).length > 0) entry.xattrs = xattrs;
      } else {
        entry = { kind, size: kind === "file" ? (listing.sizes[index] ?? 0) : 0, opaque: false };
      }
      yield { name, entry };
    }
  }

  return {
    list,
    close() {
      Atomics.store(counters, counters.length - 1, 1);
      for (const port of ports) port?.close();
      for (const worker of workers) void worker.terminate();
    },
  };
}
