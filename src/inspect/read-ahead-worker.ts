// What the read-ahead worker runs (read-ahead.ts starts it). Plain JavaScript run with
// `eval: true`: the bundle has one entry point, and a worker needs nothing but node's own modules.
//
// Each layer is read by one `find` process (GNU findutils), not by readdir and an lstat per
// entry in Node: find's fts does the same lstat per entry as `du`, in C, with no Stats object per
// file, and the layers' finds run side by side on the machine's cores. `-H`: a layer's root is
// followed as readdir follows it, nothing beneath it (`-P`); find only reads. Each record is
// `<type><size> <path relative to the layer>\0` (NUL-separated: a name may hold newlines,
// spaces, backslashes), parsed here as the output arrives by scanning the bytes.
//
// Why every entry of every layer is held before the first listing is posted: find lists in
// readdir order, depth first, so a directory's last entry may come with the layer's very last
// record, and the walk wants sorted directories from the top. No streamed merge can serve it:
// the alternative (a find per directory) spawns per directory. What is held is small: per
// entry a name string, a kind and a size (190,000 entries: some 25 MiB), and each directory is
// dropped as soon as its listing is posted.
//
// Then the directories are merged across the layers in the walk's own order (names sorted as
// Array.prototype.sort does; per name and layer a kind code and a size, in typed arrays,
// transferred, not copied) and posted on one stream; counters[0] counts them, so the main thread
// can wait with Atomics.wait. Kinds are what readdir and lstat would say: find's %y for files,
// directories and symlinks (a file's %s is its st_size); a character device (rare) is lstat'd
// here for its rdev, since a whiteout is one with rdev 0. A name find could not stat (it vanished
// mid-walk) is left out. A directory find could not read is, if find failed, listed again here
// to learn why (its error code, as readdir reports it). A name that is not UTF-8 is decoded as
// readdir decodes it (U+FFFD), and treated as the previous reader did by going through that
// decoded path: a directory's listing fails with ENOENT, a file or device vanishes, a symlink stays.

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

/** The worker's last word when it fails (a bug, not a layer's error): the main thread rethrows it. */
export interface WorkerFailure {
  failure: string;
}

export const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { readdirSync, lstatSync } = require("node:fs");
const { roots, port, shared } = workerData;
const L = roots.length;
const counters = new Int32Array(shared);
const [FILE, DIR, SYMLINK, WHITEOUT, OTHER, ABSENT] = [${KIND.file}, ${KIND.dir}, ${KIND.symlink}, ${KIND.whiteout}, ${KIND.other}, ${KIND.absent}];
const [SLASH, SPACE, ZERO] = [0x2f, 0x20, 0x30];
const TYPES = { f: FILE, d: DIR, l: SYMLINK, c: WHITEOUT, b: OTHER, p: OTHER, s: OTHER, D: OTHER };
const TYPE_CODES = new Int16Array(128).fill(-1);
for (const [letter, kind] of Object.entries(TYPES)) TYPE_CODES[letter.charCodeAt(0)] = kind;

// deviceKind's second answer (a file's size), in a variable rather than an object per entry.
let size = 0;

function newDir() {
  return { names: [], kinds: [], sizes: [], error: null };
}

/** A character device: a whiteout when its rdev is 0:0 (lstat'd, as readdir's caller would). */
function deviceKind(path) {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return -1;
  size = 0;
  if (stats.isFile()) {
    size = stats.size;
    return FILE;
  }
  if (stats.isDirectory()) return DIR;
  if (stats.isSymbolicLink()) return SYMLINK;
  return stats.isCharacterDevice() && stats.rdev === 0 ? WHITEOUT : OTHER;
}

function relativeOf(parent, name) {
  return parent.relative === "" ? name : parent.relative + "/" + name;
}

/** One layer's find, parsed as it comes: resolves to its directories (relative path → dir). */
function readLayer(root) {
  const dirs = new Map([["", newDir()]]);
  if (root === "") return Promise.resolve({ dirs, failed: true, spawnError: null });
  // Parents come before their entries (pre-order): the open directories, by relative path length.
  const stack = [{ length: 0, relative: "", dir: dirs.get(""), lost: false }];
  let rest = null;
  function parse(chunk) {
    const buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
    let at = 0;
    for (let end = buffer.indexOf(0, at); end !== -1; at = end + 1, end = buffer.indexOf(0, at)) record(buffer, at, end);
    rest = at < buffer.length ? buffer.subarray(at) : null;
  }
  function record(buffer, at, end) {
    let kind = TYPE_CODES[buffer[at]] ?? -1;
    let index = at + 1;
    size = 0;
    for (let byte = buffer[index]; byte !== SPACE && index < end; byte = buffer[++index]) size = size * 10 + byte - ZERO;
    const start = index + 1;
    const slash = buffer.lastIndexOf(SLASH, end - 1);
    const parentLength = slash < start ? 0 : slash - start;
    while (stack.length > 1 && stack[stack.length - 1].length > parentLength) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent.length !== parentLength) return;
    const nameStart = slash < start ? start : slash + 1;
    const name = buffer.toString("utf8", nameStart, end);
    // Not UTF-8 (decoded with U+FFFD): what readdir's caller would make of the decoded path.
    const mangled = name.includes("\\ufffd") && !Buffer.from(name).equals(buffer.subarray(nameStart, end));
    let lost = parent.lost;
    if (!lost && kind === WHITEOUT) kind = mangled ? -1 : deviceKind(root + "/" + relativeOf(parent, name));
    else if (!lost && mangled && kind !== DIR && kind !== SYMLINK) kind = -1;
    if (kind !== FILE) size = 0;
    if (kind === -1) lost = true;
    if (!lost) {
      parent.dir.names.push(name);
      parent.dir.kinds.push(kind);
      parent.dir.sizes.push(size);
    }
    if (buffer[at] !== 0x64) return; // 'd': find descends into it next
    const dir = newDir();
    const relative = relativeOf(parent, name);
    if (mangled && !lost) dir.error = "ENOENT";
    if (!lost) dirs.set(relative, dir);
    stack.push({ length: end - start, relative, dir, lost: lost || mangled });
  }
  return new Promise((resolve) => {
    const start = root.startsWith("/") ? root : "./" + root;
    const child = spawn("find", ["-H", start, "-mindepth", "1", "-printf", "%y%s %P\\\\0"], { stdio: ["ignore", "pipe", "ignore"] });
    let spawnError = null;
    child.on("error", (error) => {
      spawnError = error.code || String(error);
    });
    child.stdout.on("data", parse);
    child.on("close", (code) => resolve({ dirs, failed: code !== 0, spawnError }));
  });
}

/** Where find failed: why each directory it showed empty could not be read (as readdir says). */
function explain(root, layer) {
  if (layer.spawnError !== null) {
    layer.dirs.get("").error = layer.spawnError;
    return;
  }
  for (const [relative, dir] of layer.dirs) {
    if (dir.names.length > 0 || dir.error !== null) continue;
    try {
      readdirSync(relative === "" ? root : root + "/" + relative);
    } catch (failure) {
      dir.error = failure.code || String(failure);
    }
  }
}

function list(layers, relative, present) {
  const slots = new Map();
  const names = [];
  const kinds = [];
  const sizes = [];
  let errors = null;
  for (let layer = 0; layer < L; layer++) {
    if (!present[layer]) continue;
    const dir = layers[layer].dirs.get(relative);
    if (dir === undefined) continue;
    layers[layer].dirs.delete(relative);
    if (dir.error !== null) {
      (errors ??= []).push([layer, dir.error]);
      continue;
    }
    for (let at = 0; at < dir.names.length; at++) {
      const name = dir.names[at];
      let slot = slots.get(name);
      if (slot === undefined) {
        slot = names.length;
        slots.set(name, slot);
        names.push(name);
        for (let other = 0; other < L; other++) {
          kinds.push(ABSENT);
          sizes.push(0);
        }
      }
      kinds[slot * L + layer] = dir.kinds[at];
      sizes[slot * L + layer] = dir.sizes[at];
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
  return { relative, names, kinds: sortedKinds, sizes: sortedSizes, errors };
}

function post(message, transfer) {
  port.postMessage(message, transfer);
  Atomics.add(counters, 0, 1);
  Atomics.notify(counters, 0);
}

/** Depth first in the walk's order: a directory, then each child directory's subtree. */
function walk(layers, relative, present) {
  const { names, kinds, sizes, errors } = list(layers, relative, present);
  const children = [];
  for (let at = 0; at < names.length; at++) {
    let childPresent = null;
    for (let layer = 0; layer < L; layer++) {
      if (kinds[at * L + layer] === DIR) (childPresent ??= new Array(L).fill(false))[layer] = true;
    }
    if (childPresent !== null) children.push([relative === "" ? names[at] : relative + "/" + names[at], childPresent]);
  }
  // Posting transfers kinds and sizes: read them first.
  post({ relative, names: names.join("/"), count: names.length, kinds, sizes, errors }, [kinds.buffer, sizes.buffer]);
  for (const [child, childPresent] of children) walk(layers, child, childPresent);
}

Promise.all(roots.map(readLayer))
  .then((layers) => {
    layers.forEach((layer, index) => {
      if (layer.failed) explain(roots[index], layer);
    });
    walk(layers, "", new Array(L).fill(true));
  })
  .catch((failure) => post({ failure: String(failure && failure.stack ? failure.stack : failure) }, []));
`;
