// One directory of a stack, listed in every layer that has it and merged: the names in the walk's
// order, and per name and layer what the layer holds there (a kind code and a regular file's
// st_size), in typed arrays. The one lister of the program: the walk on the main thread and the
// read-ahead workers list through it, so both see a layer exactly alike.
//
// Nothing here writes or follows a symlink: readdir, and an lstat only where the listing's d_type
// cannot answer (a regular file's size, a device's rdev, a filesystem without d_type). A name
// that vanished between readdir and lstat (a live container writes) is left out; a directory that
// cannot be listed is reported per layer with its error's code.
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { KIND, type KindCode, kindOfStats } from "./entry.js";

/** One directory, merged across the layers that have it. */
export interface MergedListing {
  /** Relative to the layers' roots, "/"-separated, "" for the root. */
  relative: string;
  /** Sorted as Array.prototype.sort sorts (UTF-16 code units). */
  names: string[];
  /** kinds[i * layers + layer]: a KIND code (KIND.absent where the layer has no such name). */
  kinds: Uint8Array;
  /** sizes[i * layers + layer]: st_size of a regular file, else 0. */
  sizes: Float64Array;
  /** Layers whose directory here could not be listed, with the error's code. */
  errors: Array<[number, string]> | null;
}

/** How the walk gets a directory's merged listing: from disk here, or from what a worker read. */
export interface Lister {
  /** `present[layer]`: the layer has a directory at `relative` worth listing. */
  list(relative: string, present: readonly boolean[]): MergedListing;
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : String(error);
}

// kindOf's answer, in two variables rather than an object per entry (190,000 entries a walk).
let kind: KindCode = KIND.other;
let size = 0;

/** Sets `kind` and `size` for one listed name; false when the name vanished since the listing. */
function kindOf(dir: string, dirent: Dirent): boolean {
  size = 0;
  if (dirent.isDirectory()) kind = KIND.dir;
  else if (dirent.isSymbolicLink()) kind = KIND.symlink;
  else {
    const stats = lstatSync(`${dir}/${dirent.name}`, { throwIfNoEntry: false });
    if (stats === undefined) return false;
    kind = kindOfStats(stats);
    if (kind === KIND.file) size = stats.size;
  }
  return true;
}

/** A directory of one layer only: no merge, the listing in its own order, then sorted. */
function listOne(roots: readonly string[], relative: string, layer: number): MergedListing {
  const layers = roots.length;
  const dir = relative === "" ? (roots[layer] ?? "") : `${roots[layer]}/${relative}`;
  let listed: Dirent[];
  try {
    listed = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return { relative, names: [], kinds: new Uint8Array(0), sizes: new Float64Array(0), errors: [[layer, errorCode(error)]] };
  }
  const found: Array<[string, KindCode, number]> = [];
  for (const dirent of listed) if (kindOf(dir, dirent)) found.push([dirent.name, kind, size]);
  found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kinds = new Uint8Array(found.length * layers).fill(KIND.absent);
  const sizes = new Float64Array(found.length * layers);
  const names = found.map(([name, code, bytes], at) => {
    kinds[at * layers + layer] = code;
    sizes[at * layers + layer] = bytes;
    return name;
  });
  return { relative, names, kinds, sizes, errors: null };
}

/** List `relative` in every layer `present` marks, and merge the listings. */
export function listMerged(roots: readonly string[], relative: string, present: readonly boolean[]): MergedListing {
  const layers = roots.length;
  let only = -1;
  for (let layer = 0; layer < layers; layer++) {
    if (!present[layer]) continue;
    if (only !== -1) {
      only = -2;
      break;
    }
    only = layer;
  }
  if (only >= 0) return listOne(roots, relative, only);
  const slots = new Map<string, number>();
  const names: string[] = [];
  const kinds: number[] = [];
  const sizes: number[] = [];
  const errors: Array<[number, string]> = [];
  for (let layer = 0; layer < layers; layer++) {
    if (!present[layer]) continue;
    const dir = relative === "" ? (roots[layer] ?? "") : `${roots[layer]}/${relative}`;
    let listed: Dirent[];
    try {
      listed = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push([layer, errorCode(error)]);
      continue;
    }
    for (const dirent of listed) {
      if (!kindOf(dir, dirent)) continue;
      let slot = slots.get(dirent.name);
      if (slot === undefined) {
        slot = names.length;
        slots.set(dirent.name, slot);
        names.push(dirent.name);
        for (let other = 0; other < layers; other++) {
          kinds.push(KIND.absent);
          sizes.push(0);
        }
      }
      kinds[slot * layers + layer] = kind;
      sizes[slot * layers + layer] = size;
    }
  }
  names.sort();
  const sortedKinds = new Uint8Array(names.length * layers);
  const sortedSizes = new Float64Array(names.length * layers);
  names.forEach((name, at) => {
    const slot = slots.get(name) ?? 0;
    for (let layer = 0; layer < layers; layer++) {
      sortedKinds[at * layers + layer] = kinds[slot * layers + layer] ?? KIND.absent;
      sortedSizes[at * layers + layer] = sizes[slot * layers + layer] ?? 0;
    }
  });
  return { relative, names, kinds: sortedKinds, sizes: sortedSizes, errors: errors.length > 0 ? errors : null };
}

/** The plain lister: every directory read from disk when the walk asks for it. */
export function diskLister(roots: readonly string[]): Lister {
  return { list: (relative, present) => listMerged(roots, relative, present) };
}
