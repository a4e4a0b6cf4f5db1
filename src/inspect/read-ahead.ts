// Reading layers ahead in a worker thread. A walk of 190,000 entries spent most of its time in
// Node's readdir and lstat; now one `find` per layer reads each layer (read-ahead-worker.ts: in
// C, the layers side by side), and the worker merges each directory across the layers, in the
// very order the stack walk asks for them. The walk takes the listings synchronously:
// receiveMessageOnPort, and Atomics.wait when the worker has not got there yet. Directories'
// xattrs are still read on the main thread (the native module is never loaded in a worker), and
// only where they can matter. Nothing here writes or follows a symlink beneath a layer's root:
// find, lstat and l*xattr.
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { type EntryKind, type LayerEntry, UNMARKED_DIR } from "../layers/entry.js";
import type { LayerLister, ListedEntry } from "../layers/walk.js";
import { readXattr, type XattrNamespace } from "../overlay/xattr.js";
import { KIND, type MergedListing, WORKER_SOURCE, type WorkerFailure } from "./read-ahead-worker.js";

export { KIND, type MergedListing } from "./read-ahead-worker.js";

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
 * A worker that reads `dirs` (host paths, top first; "" for a layer not to read). `onUnreadable`
 * hears of a directory that could not be listed, as walkStack's own lister would report it.
 */
export function readAhead(
  dirs: readonly string[],
  namespace: XattrNamespace,
  onUnreadable: (dir: string, error: unknown) => void,
): ReadAhead {
  const shared = new SharedArrayBuffer(4);
  const posted = new Int32Array(shared);
  const { port1: port, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { roots: dirs, port: port2, shared },
    transferList: [port2],
    // It holds every entry until the walk starts, and makes a string per name: a larger young generation scavenges less often.
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.unref();

  function receive(): MergedListing {
    for (;;) {
      // Load the count before looking: a listing posted after this load wakes the wait at once.
      const count = Atomics.load(posted, 0);
      const received = receiveMessageOnPort(port);
      if (received !== undefined) {
        const message = received.message as MergedListing | WorkerFailure;
        if ("failure" in message) throw new Error(`read-ahead worker failed: ${message.failure}`);
        return message;
      }
      Atomics.wait(posted, 0, count, 50);
    }
  }

  function take(relative: string): MergedListing {
    const listing = receive();
    // The worker walks in the walk's own order; anything else is a bug, not a reason to guess.
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
      port.close();
      // Its finds end with it: a child whose stdout is closed is sent SIGPIPE on its next write.
      void worker.terminate();
    },
  };
}
