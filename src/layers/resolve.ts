// overlayfs's lookup rules for one path, layer by layer, top first (the kernel's
// Documentation/filesystems/overlayfs.rst, "whiteouts and opaque directories", and metacopy's
// "data redirect"): which layer's entry merged shows, which entries are hidden and by what, and
// the state of each layer's directory for the walk beneath it. walk.ts calls it for every path
// that is not a single layer's.
import type { LayerEntry } from "./entry.js";
import type { HiddenBy, LayerState, StackCell, StackPath } from "./walk.js";

/**
 * Decide what the kernel does with each layer's entry at one path, top first. `states` says, per
 * layer, whether the parent directory in that layer is shown or hidden (and by what).
 */
export function resolveCells(path: string, entries: ReadonlyArray<LayerEntry | undefined>, states: readonly LayerState[]): StackPath {
  const cells: Array<StackCell | undefined> = [];
  let blocked: HiddenBy | undefined;
  let shownFrom: number | undefined;
  let seenDir: number | undefined;
  // A metacopy above holds this path's metadata only: the next regular file below is its data.
  let wantsData: number | undefined;
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
    if (wantsData !== undefined && entry.kind === "file") {
      // Seen: a container reads these bytes through the metacopy above.
      cells.push({ entry, state: "visible" });
      if (!entry.metacopy) {
        blocked = { layer: wantsData, how: "newer-copy", path };
        wantsData = undefined;
      }
      return;
    }
    if (blocked !== undefined) {
      cells.push({ entry, state: "hidden", hiddenBy: blocked });
      return;
    }
    if (wantsData !== undefined) {
      // Not a regular file below the metacopy: the lookup ends there, and it is hidden.
      cells.push({ entry, state: "hidden", hiddenBy: { layer: wantsData, how: "newer-copy", path } });
      blocked = { layer: wantsData, how: "newer-copy", path };
      wantsData = undefined;
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
    if (entry.metacopy) wantsData = layer;
    else blocked = { layer, how: "newer-copy", path };
  });
  return { path, cells, shownFrom };
}

/** The states of the directories among `cells` for the walk beneath them; `shift` renumbers hiders. */
export function statesOf(cells: ReadonlyArray<StackCell | undefined>, shift = 0): LayerState[] {
  return cells.map((cell) => {
    if (cell === undefined || cell.entry.kind !== "dir") return undefined;
    if (cell.state !== "hidden" || cell.hiddenBy === undefined) return { shown: true };
    return { shown: false, hiddenBy: shift === 0 ? cell.hiddenBy : { ...cell.hiddenBy, layer: cell.hiddenBy.layer - shift } };
  });
}
