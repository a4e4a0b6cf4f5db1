// What a read-ahead worker runs (read-ahead.ts starts it). Plain JavaScript run with
// `eval: true`: the bundle has one entry point, and a worker needs nothing but node:fs.
//
// Each worker lists a directory in every layer that has it and merges the listings here, off the
// main thread: one sorted table per directory (the names joined by "/", which no name contains;
// per name and layer a kind code and a size in typed arrays, transferred, not copied). The work
// is split by subtree, not by layer, so that one big layer (a container's upper) is read by
// every worker: worker 0 first lists the top of the tree breadth first, until a level holds
// FRONTIER_MIN directories (or EXPAND_MAX directories were listed); the directories of that
// level (the frontier), in walk order, are dealt to the workers in turn (i % workers), and each
// walks its subtrees depth first in the walk's own order. Worker 0 posts the frontier first, then
// the listings of the top of the tree in walk order, on a stream of their own ("head"), so the
// main thread knows which stream each directory comes from.
//
// Counters, per stream S (0..workers-1 the workers' subtrees, `workers` the head): [2S] listings
// posted, [2S+1] taken; the last slot asks the workers to stop. A subtree stream runs at most
// maxAhead listings ahead of the main thread; the head stream is not held back (it is at most
// EXPAND_MAX listings, and holding it would deadlock: the main thread needs worker 0's subtrees
// in between).
//
// Nothing here writes or follows a symlink: readdir, and lstat of what d_type cannot answer (a
// regular file's size, a device's rdev, a filesystem without d_type). A name that vanished
// between readdir and lstat is left out; a directory that cannot be listed is reported per layer.

/** Kind codes in a listing's `kinds` (ABSENT: the layer has no such name). */
export const KIND = { file: 0, dir: 1, symlink: 2, whiteout: 3, other: 4, absent: 255 } as const;

/** One directory, merged across the layers that have it, names sorted as Array.prototype.sort does. */
export interface MergedListing {
  relative: string;
  /** The names, joined by "/". */
  names: string;
  count: number;
  /** kinds[i * layers + layer]: a KIND code. */
  kinds: Uint8Array;
  /** sizes[i * layers + layer]: st_size of a regular file, else 0. */
  sizes: Float64Array;
  /** Layers whose directory here could not be listed, with the error's code. */
  errors: Array<[number, string]> | null;
}

/** The first message on the head stream: each frontier directory with the stream it comes on. */
export interface FrontierMessage {
  frontier: Array<[string, number]>;
}

export const FRONTIER_MIN = 64;
export const EXPAND_MAX = 1024;

export const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { readdirSync, lstatSync } = require("node:fs");
const { roots, index, workers, port, headPort, peers, shared, maxAhead } = workerData;
const L = roots.length;
const HEAD = workers;
const counters = new Int32Array(shared);
const stop = counters.length - 1;
const [FILE, DIR, SYMLINK, WHITEOUT, OTHER, ABSENT] = [${KIND.file}, ${KIND.dir}, ${KIND.symlink}, ${KIND.whiteout}, ${KIND.other}, ${KIND.absent}];

function post(target, stream, listing) {
  while (stream !== HEAD) {
    if (Atomics.load(counters, stop) !== 0) throw new Error("stopped");
    // Load the count before comparing: a take after this load wakes the wait at once.
    const taken = Atomics.load(counters, 2 * stream + 1);
    if (Atomics.load(counters, 2 * stream) - taken < maxAhead) break;
    Atomics.wait(counters, 2 * stream + 1, taken, 100);
  }
  if (Atomics.load(counters, stop) !== 0) throw new Error("stopped");
  target.postMessage(listing, listing.kinds === undefined ? [] : [listing.kinds.buffer, listing.sizes.buffer]);
  Atomics.add(counters, 2 * stream, 1);
  Atomics.notify(counters, 2 * stream);
}

// kindOf's answer, in two variables rather than an array per entry.
let kind = OTHER;
let size = 0;

/** Sets kind and size; false when the name vanished since the listing. */
function kindOf(dir, dirent) {
  size = 0;
  if (dirent.isDirectory()) kind = DIR;
  else if (dirent.isSymbolicLink()) kind = SYMLINK;
  else {
    const stats = lstatSync(dir + "/" + dirent.name, { throwIfNoEntry: false });
    if (stats === undefined) return false;
    if (stats.isFile()) {
      kind = FILE;
      size = stats.size;
    } else if (stats.isDirectory()) kind = DIR;
    else if (stats.isSymbolicLink()) kind = SYMLINK;
    else kind = stats.isCharacterDevice() && stats.rdev === 0 ? WHITEOUT : OTHER;
  }
  return true;
}

function list(relative, present) {
  const slots = new Map();
  const names = [];
  const kinds = [];
  const sizes = [];
  let errors = null;
  for (let layer = 0; layer < L; layer++) {
    if (!present[layer]) continue;
    const dir = relative === "" ? roots[layer] : roots[layer] + "/" + relative;
    let listed;
    try {
      listed = readdirSync(dir, { withFileTypes: true });
    } catch (failure) {
      (errors ??= []).push([layer, failure.code || String(failure)]);
      continue;
    }
    for (const dirent of listed) {
      if (!kindOf(dir, dirent)) continue;
      let slot = slots.get(dirent.name);
      if (slot === undefined) {
        slot = names.length;
        slots.set(dirent.name, slot);
        names.push(dirent.name);
        for (let other = 0; other < L; other++) {
          kinds.push(ABSENT);
          sizes.push(0);
        }
      }
      kinds[slot * L + layer] = kind;
      sizes[slot * L + layer] = size;
    }
  }
  // Sorted as the walk sorts (UTF-16 code units), by the native sort with no comparator.
  names.sort();
  const sortedKinds = new Uint8Array(names.length * L);
  const sortedSizes = new Float64Array(names.length * L);
  for (let at = 0; at < names.length; at++) {
    const slot = slots.get(names[at]);
    for (let layer = 0; layer < L; layer++) {
      sortedKinds[at * L + layer] = kinds[slot * L + layer];
      sortedSizes[at * L + layer] = sizes[slot * L + layer];
    }
  }
  return { relative, names: names.join("/"), count: names.length, kinds: sortedKinds, sizes: sortedSizes, errors, list: names };
}

/** The child directories of a listing, in walk order, with the layers that have each. */
function* children(listing) {
  for (let at = 0; at < listing.count; at++) {
    let present = null;
    for (let layer = 0; layer < L; layer++) {
      if (listing.kinds[at * L + layer] === DIR) (present ??= new Array(L).fill(false))[layer] = true;
    }
    if (present !== null) yield [listing.relative === "" ? listing.list[at] : listing.relative + "/" + listing.list[at], present];
  }
}

function send(target, stream, listing) {
  const { list: _names, ...message } = listing;
  post(target, stream, message);
}

function walk(relative, present, stream) {
  const listing = list(relative, present);
  const below = [...children(listing)];
  send(port, stream, listing);
  for (const [child, childPresent] of below) walk(child, childPresent, stream);
}

function walkShare(frontier) {
  frontier.forEach(([relative, present], at) => {
    if (at % workers === index) walk(relative, present, index);
  });
}

/** Worker 0: the top of the tree, breadth first, then the frontier to everyone, then the listings. */
function head() {
  const listings = new Map();
  let level = [["", new Array(L).fill(true)]];
  for (;;) {
    const next = [];
    for (const [relative, present] of level) {
      const listing = list(relative, present);
      listings.set(relative, listing);
      for (const child of children(listing)) next.push(child);
    }
    if (next.length === 0 || next.length >= ${FRONTIER_MIN} || listings.size >= ${EXPAND_MAX}) break;
    level = next;
  }
  const order = [];
  const frontier = [];
  const visit = (relative) => {
    const listing = listings.get(relative);
    order.push(listing);
    for (const [child, present] of children(listing)) {
      if (listings.has(child)) visit(child);
      else frontier.push([child, present]);
    }
  };
  visit("");
  for (const peer of peers) peer.postMessage(frontier);
  post(headPort, HEAD, { frontier: frontier.map(([relative], at) => [relative, at % workers]) });
  for (const listing of order) send(headPort, HEAD, listing);
  listings.clear();
  order.length = 0;
  walkShare(frontier);
}

function run() {
  if (index === 0) return head();
  // The frontier comes from worker 0 once it has listed the top of the tree.
  peers[0].once("message", (frontier) => {
    try {
      walkShare(frontier);
    } catch (failure) {
      if (String(failure.message) !== "stopped") throw failure;
    }
  });
}

try {
  run();
} catch (failure) {
  if (String(failure.message) !== "stopped") throw failure;
}
`;
