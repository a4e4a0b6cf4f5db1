// One directory of a stack, listed in every layer that has it and merged: the names in the walk's
// order, and per name and layer what the layer holds there (a kind code, a regular file's st_size
// and the bytes it takes on disk, its inode where it has other links, a metacopy mark), in typed
// arrays. The one lister of the program: the walk on the main thread and the read-ahead workers
// list through it, so both see a layer exactly alike.
//
// Every name is counted, whatever it holds: one that is not UTF-8 is read as its bytes (names.ts),
// one beneath a path too long for the kernel through an opened directory (paths.ts). Nothing here
// writes or follows a symlink: readdir, an lstat only where the listing's d_type cannot answer (a
// regular file's size, a device's rdev, a filesystem without d_type), and lgetxattr of the
// metacopy mark only on a file that takes less room on disk than its size (sparse, or metacopy)
// or, in a stack mounted with metacopy=on, on one that takes a block at most: a metadata-only
// file holds no data, but ext4 gives its xattrs a block of their own when the inode is full (a
// chowned 43-byte file then takes 4 KiB, and looks like data).
// A name that vanished between readdir and lstat (a live container writes) is left out; a
// directory that cannot be listed is reported per layer with its error's code.
import { lstatSync } from "node:fs";
import { readOverlayXattr, readXattr, type XattrNamespace } from "../overlay/xattr.js";
import { KIND, type KindCode, kindOfStats } from "./entry.js";
import { hasEscapes } from "./names.js";
import { PathOpener } from "./paths.js";
import { lowerPath, NO_REDIRECTS, type Redirects } from "./redirects.js";

/** Flag bits of a listing's `flags`. */
export const FLAG = { metacopy: 1 } as const;

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
  /** disk[i * layers + layer]: st_blocks × 512 of a regular file (what it takes on disk), else 0. */
  disk: Float64Array;
  /** flags[i * layers + layer]: FLAG bits (metacopy), or null when no entry has any. */
  flags: Uint8Array | null;
  /** For regular files with other hard links, at i * layers + layer: "dev:ino"; null when none. */
  inodes: Map<number, string> | null;
  /** Layers whose directory here could not be listed, with the error's code. */
  errors: Array<[number, string]> | null;
}

/** How the walk gets a directory's merged listing: from disk here, or from what a worker read. */
export interface Lister {
  /** `present[layer]`: the layer has a directory at `relative` worth listing. */
  list(relative: string, present: readonly boolean[]): MergedListing;
  /** Any directory the lister keeps open is closed. */
  close?(): void;
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : String(error);
}

/** One layer's directory as read: per entry (by index) its name and what it is, in plain arrays (no object per entry). */
interface LayerDirectory {
  names: string[];
  kinds: KindCode[];
  sizes: number[];
  disk: number[];
  metacopy: Set<number> | null;
  inodes: Map<number, string> | null;
}

/** Reads one layer's directory: every name, decoded as names.ts carries it, with what it is. */
class LayerReader {
  constructor(
    private readonly paths: PathOpener,
    private readonly namespace: XattrNamespace,
    /** The stack is mounted with metacopy=on (or has data-only layers): a small file may be metadata only. */
    private readonly metacopyOn: boolean,
  ) {}

  read(dir: string): LayerDirectory {
    const { entries: listed, names } = this.paths.list(dir);
    // Paths that need care (bytes not UTF-8, or long) go through the opener; the rest as they are.
    const careful = hasEscapes(dir) || names.some(hasEscapes) || dir.length > 2_000;
    const read: LayerDirectory = { names: [], kinds: [], sizes: [], disk: [], metacopy: null, inodes: null };
    for (let at = 0; at < listed.length; at++) {
      const dirent = listed[at];
      const name = names[at] ?? "";
      if (dirent === undefined) continue;
      if (dirent.isDirectory() || dirent.isSymbolicLink()) {
        this.push(read, name, dirent.isDirectory() ? KIND.dir : KIND.symlink, 0, 0);
        continue;
      }
      const path = `${dir}/${name}`;
      const stats = lstatSync(careful ? this.paths.fs(path) : path, { throwIfNoEntry: false });
      if (stats === undefined) continue; // vanished since the listing
      const kind = kindOfStats(stats);
      if (kind !== KIND.file) {
        this.push(read, name, kind, 0, 0);
        continue;
      }
      const index = this.push(read, name, kind, stats.size, stats.blocks * 512);
      const sparse = stats.blocks * 512 < stats.size;
      if ((sparse || this.smallUnderMetacopy(stats.size, stats.blocks * 512, stats.blksize)) && this.isMetacopy(dir, name, sparse)) {
        read.metacopy ??= new Set();
        read.metacopy.add(index);
      }
      if (stats.nlink > 1) {
        read.inodes ??= new Map();
        read.inodes.set(index, `${stats.dev}:${stats.ino}`);
      }
    }
    return read;
  }

  private push(read: LayerDirectory, name: string, kind: KindCode, size: number, disk: number): number {
    read.names.push(name);
    read.kinds.push(kind);
    read.sizes.push(size);
    read.disk.push(disk);
    return read.names.length - 1;
  }

  /**
   * Less room on disk than its size (sparse, or a metacopy that holds no data), or under
   * metacopy=on no more than the one block an xattr block takes: only then is the mark read.
   */
  /** Under metacopy=on, a file that takes no more than the one block an xattr block takes. */
  private smallUnderMetacopy(size: number, disk: number, block: number): boolean {
    return this.metacopyOn && size > 0 && disk <= block;
  }

  /**
   * The file's metacopy mark. A sparse file's is looked for in both namespaces (a stack is read
   * whoever made it); a small file's only in the mount's own: the kernel refuses metacopy=on beside
   * userxattr, so one lgetxattr per small file is all metacopy=on costs.
   */
  private isMetacopy(dir: string, name: string, anyNamespace: boolean): boolean {
    // The binding takes string paths: a file whose own name is not UTF-8 cannot be asked (counted as data).
    if (hasEscapes(name)) return false;
    const path = `${this.paths.xattrPath(dir)}/${name}`;
    if (anyNamespace) return readOverlayXattr(path, "metacopy", this.namespace) !== undefined;
    return readXattr(path, `${this.namespace}.overlay.metacopy`) !== undefined;
  }
}

/**
 * Under an upper's renamed directories (redirects.ts), a lower layer's directory is where the
 * redirect points, the directories renamed away are no longer in their old place, and a renamed
 * directory is where its new name is, in every lower layer that holds its source.
 */
function redirected(directory: LayerDirectory, root: string, dir: string, relative: string, redirects: Redirects): LayerDirectory {
  const join = (name: string): string => (dir === "" ? name : `${dir}/${name}`);
  const kept: LayerDirectory = { names: [], kinds: [], sizes: [], disk: [], metacopy: null, inodes: null };
  const renamed = new Set(redirects.renamedIn.get(relative) ?? []);
  directory.names.forEach((name, index) => {
    if (redirects.moved.has(join(name)) || renamed.has(name)) return;
    const at = kept.names.push(name) - 1;
    kept.kinds.push(directory.kinds[index] ?? KIND.other);
    kept.sizes.push(directory.sizes[index] ?? 0);
    kept.disk.push(directory.disk[index] ?? 0);
    if (directory.metacopy?.has(index) === true) {
      kept.metacopy ??= new Set();
      kept.metacopy.add(at);
    }
    const inode = directory.inodes?.get(index);
    if (inode !== undefined) {
      kept.inodes ??= new Map();
      kept.inodes.set(at, inode);
    }
  });
  for (const name of renamed) {
    const source = redirects.sourceOf.get(relative === "" ? name : `${relative}/${name}`) ?? "";
    if (lstatSync(`${root}/${source}`, { throwIfNoEntry: false })?.isDirectory() !== true) continue;
    kept.names.push(name);
    kept.kinds.push(KIND.dir);
    kept.sizes.push(0);
    kept.disk.push(0);
  }
  return kept;
}

const EMPTY_DIRECTORY: LayerDirectory = { names: [], kinds: [], sizes: [], disk: [], metacopy: null, inodes: null };

/** List `relative` in every layer `present` marks, and merge the listings. */
function merge(
  reader: LayerReader,
  roots: readonly string[],
  relative: string,
  present: readonly boolean[],
  redirects: Redirects,
): MergedListing {
  const layers = roots.length;
  const read: Array<LayerDirectory | undefined> = [];
  const errors: Array<[number, string]> = [];
  const slots = new Map<string, number>();
  const names: string[] = [];
  const renamedHere = redirects.renamedIn.has(relative);
  // The layers below the upper hold this directory where the nearest renamed parent came from.
  const below = lowerPath(redirects, relative);
  for (let layer = 0; layer < layers; layer++) {
    const inLayer = layer === 0 ? relative : below;
    // A renamed directory's source may be in a lower layer that has no directory here.
    if (!present[layer] && !(renamedHere && layer > 0)) continue;
    const dir = inLayer === "" ? (roots[layer] ?? "") : `${roots[layer]}/${inLayer}`;
    try {
      let directory = present[layer] ? reader.read(dir) : EMPTY_DIRECTORY;
      if (layer > 0 && redirects.sourceOf.size > 0) directory = redirected(directory, roots[layer] ?? "", inLayer, relative, redirects);
      read[layer] = directory;
      for (const name of directory.names) {
        if (slots.has(name)) continue;
        slots.set(name, -1);
        names.push(name);
      }
    } catch (error) {
      errors.push([layer, errorCode(error)]);
    }
  }
  // Sorted as the walk sorts (UTF-16 code units), by the native sort with no comparator.
  names.sort();
  names.forEach((name, at) => {
    slots.set(name, at);
  });
  const kinds = new Uint8Array(names.length * layers).fill(KIND.absent);
  const sizes = new Float64Array(names.length * layers);
  const disk = new Float64Array(names.length * layers);
  let flags: Uint8Array | null = null;
  let inodes: Map<number, string> | null = null;
  read.forEach((directory, layer) => {
    if (directory === undefined) return;
    directory.names.forEach((name, index) => {
      const slot = (slots.get(name) ?? 0) * layers + layer;
      kinds[slot] = directory.kinds[index] ?? KIND.other;
      sizes[slot] = directory.sizes[index] ?? 0;
      disk[slot] = directory.disk[index] ?? 0;
      if (directory.metacopy?.has(index) === true) {
        flags ??= new Uint8Array(names.length * layers);
        flags[slot] = FLAG.metacopy;
      }
      const inode = directory.inodes?.get(index);
      if (inode !== undefined) {
        inodes ??= new Map();
        inodes.set(slot, inode);
      }
    });
  });
  return { relative, names, kinds, sizes, disk, flags, inodes, errors: errors.length > 0 ? errors : null };
}

/** The plain lister: every directory read from disk when the walk asks for it (under the upper's renames). */
export function diskLister(roots: readonly string[], namespace: XattrNamespace, redirects = NO_REDIRECTS, metacopyOn = false): Lister {
  const paths = new PathOpener();
  const reader = new LayerReader(paths, namespace, metacopyOn);
  return { list: (relative, present) => merge(reader, roots, relative, present, redirects), close: () => paths.close() };
}
