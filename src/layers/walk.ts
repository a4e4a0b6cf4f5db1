// The stack reader: walk every layer of an overlay at once, path by path in sorted order, and
// decide for each path and layer what the kernel does with it: shows it, hides it (and what
// hides it), or uses it as a whiteout. It applies overlayfs's lookup rules (the kernel's
// Documentation/filesystems/overlayfs.rst, "whiteouts and opaque directories"):
//   - the topmost layer that has a name decides: a whiteout there deletes the name, a
//     non-directory there is what merged shows and hides every lower entry of that name;
//   - directories of one name merge down the layers, until a directory marked opaque (the
//     layers below it are hidden) or a non-directory (it and everything below are hidden);
//   - a hidden directory hides everything beneath it, for the same reason it is hidden.
// Hidden entries are still walked: their bytes are what a layer ships and nobody sees.
// Memory is bounded by depth × the widest directory, never by the size of the tree.
import { type Dirent, readdirSync } from "node:fs";
import type { XattrNamespace } from "../overlay/xattr.js";
import { type LayerEntry, readListedEntry } from "./entry.js";

export type HideReason = "whiteout" | "opaque" | "newer-copy";

export interface HiddenBy {
  /** Index (in the walk's dirs, top first) of the layer whose entry hides this one. */
  layer: number;
  how: HideReason;
  /** The path of the hiding entry: this path or one of its parents. */
  path: string;
}

export type CellState = "visible" | "whiteout" | "hidden";

export interface StackCell {
  entry: LayerEntry;
  /** visible: merged shows it (directories: it is part of the merged directory); whiteout: it deletes the name below. */
  state: CellState;
  hiddenBy?: HiddenBy;
}

export interface StackPath {
  /** Relative to the layers' roots, "/"-separated, no leading slash. */
  path: string;
  /** One per layer dir, top first; undefined where the layer has nothing at this path. */
  cells: Array<StackCell | undefined>;
  /** The layer whose entry merged shows (the topmost visible), or undefined: deleted or hidden. */
  shownFrom: number | undefined;
}

export interface WalkOptions {
  namespace: XattrNamespace;
  /** Stop descending after this many paths (the layer map shows a small tree). */
  limit?: number;
  /** Called for a directory that cannot be read (permissions, vanished); the walk goes on. */
  onUnreadable?: (dir: string, error: unknown) => void;
  /**
   * Reads one layer's directory (`relative` to the layer's root; "" is the root). The default
   * lists it and reads each entry here; `inspect` passes a reader that lists ahead in worker
   * threads. It must return the entries the layer has, in any order, and report failures itself.
   */
  list?: LayerLister;
}

export interface ListedEntry {
  name: string;
  entry: LayerEntry;
}

export type LayerLister = (layer: number, relative: string) => Iterable<ListedEntry>;

/** Per layer, at one directory of the walk: is the layer's directory here shown, or hidden and why. */
export type LayerState = { shown: true } | { shown: false; hiddenBy: HiddenBy } | undefined;

/** The default lister: readdir with d_type, then each entry read here (entry.ts readListedEntry). */
function* readLayerDirectory(dir: string, options: WalkOptions): Generator<ListedEntry> {
  let listed: Dirent[];
  try {
    listed = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.onUnreadable?.(dir, error);
    return;
  }
  for (const dirent of listed) {
    const entry = readListedEntry(`${dir}/${dirent.name}`, dirent, options.namespace);
    // A name that vanished since the listing (a live container writes) is simply not there.
    if (entry !== undefined) yield { name: dirent.name, entry };
  }
}

/**
 * Decide what the kernel does with each layer's entry at one path, top first. `states` says, per
 * layer, whether the parent directory in that layer is shown or hidden (and by what).
 */
export function resolveCells(path: string, entries: ReadonlyArray<LayerEntry | undefined>, states: readonly LayerState[]): StackPath {
  const cells: Array<StackCell | undefined> = [];
  let blocked: HiddenBy | undefined;
  let shownFrom: number | undefined;
  let seenDir: number | undefined;
  entries.forEach((entry, layer) => {
    if (entry === undefined) {
      cells.push(undefined);
      return;
    }
    const parent = states[layer];
    if (parent !== undefined && !parent.shown) {
      cells.push({ entry, state: "hidden", hiddenBy: parent.hiddenBy });
      return;
    }
    if (blocked !== undefined) {
      cells.push({ entry, state: "hidden", hiddenBy: blocked });
      return;
    }
    if (entry.kind === "whiteout") {
      cells.push({ entry, state: "whiteout" });
      // A whiteout ends the lookup: nothing of this name below it is seen.
      blocked = { layer, how: "whiteout", path };
      return;
    }
    if (entry.kind === "dir") {
      cells.push({ entry, state: "visible" });
      shownFrom ??= layer;
      seenDir ??= layer;
      if (entry.opaque) blocked = { layer, how: "opaque", path };
      return;
    }
    if (seenDir !== undefined) {
      // A non-directory under a directory of the same name ends the merge: it and all below are hidden.
      cells.push({ entry, state: "hidden", hiddenBy: { layer: seenDir, how: "newer-copy", path } });
      blocked = { layer: seenDir, how: "newer-copy", path };
      return;
    }
    cells.push({ entry, state: "visible" });
    shownFrom = layer;
    blocked = { layer, how: "newer-copy", path };
  });
  return { path, cells, shownFrom };
}

/**
 * Walk `dirs` (top first: a container's upper, then its lowers as lowerdir orders them) and yield
 * every path in sorted order, parents before children.
 */
export function* walkStack(dirs: readonly string[], options: WalkOptions): Generator<StackPath> {
  let count = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const list: LayerLister =
    options.list ??
    ((layer, relative) => readLayerDirectory(relative === "" ? (dirs[layer] ?? "") : `${dirs[layer]}/${relative}`, options));

  function* visit(relative: string, states: readonly LayerState[]): Generator<StackPath> {
    // Each name with what each layer holds of it: a layer is asked only about the names its
    // listing has (no lstat of names that are not there).
    const union = new Map<string, Array<LayerEntry | undefined>>();
    states.forEach((state, layer) => {
      if (state === undefined) return;
      for (const { name, entry } of list(layer, relative)) {
        let row = union.get(name);
        if (row === undefined) {
          row = new Array<LayerEntry | undefined>(dirs.length).fill(undefined);
          union.set(name, row);
        }
        row[layer] = entry;
      }
    });
    for (const name of [...union.keys()].sort()) {
      if (count >= limit) return;
      const path = relative === "" ? name : `${relative}/${name}`;
      const row = union.get(name) ?? [];
      const entries = states.map((state, layer) => (state === undefined ? undefined : row[layer]));
      const resolved = resolveCells(path, entries, states);
      count++;
      yield resolved;
      if (!resolved.cells.some((cell) => cell?.entry.kind === "dir")) continue;
      const childStates: LayerState[] = resolved.cells.map((cell) => {
        if (cell === undefined || cell.entry.kind !== "dir") return undefined;
        return cell.state === "hidden" && cell.hiddenBy !== undefined ? { shown: false, hiddenBy: cell.hiddenBy } : { shown: true };
      });
      yield* visit(path, childStates);
    }
  }

  yield* visit(
    "",
    dirs.map(() => ({ shown: true })),
  );
}
