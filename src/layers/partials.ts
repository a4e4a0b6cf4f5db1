// A shared image's subtree, counted once in the image's own terms (its layers alone, numbered
// from its top), and put into the terms of a container of it, whose walk has the upper first and
// maybe layers of the runtime's own above the image's (docker's -init): every layer index moves
// down by those. What is order-dependent (groups hidden from above the subtree) and what is not
// (totals) move alike. Only a subtree no container layer touches is counted this way, so it holds
// no container's groups and no change.
import type { AnalysisTotals, SubtreeResult } from "./analysis.js";
import { emptyLayer } from "./bytes.js";
import type { HiddenGroup } from "./hidden.js";
import type { DirContext, LayerState } from "./walk.js";

/** One subtree of a shared image, counted apart. */
export interface ImagePartial {
  subtree: SubtreeResult;
  totals: AnalysisTotals;
  /** Directories that could not be listed: [image layer, relative path, error code]. */
  unreadable: Array<[number, string, string]>;
}

/** How a container's walk numbers the image's layers: `above` layers of its own between the upper and them. */
export interface ImagePlace {
  above: number;
}

const shiftGroup = (group: HiddenGroup, by: number): HiddenGroup => ({
  ...group,
  layer: group.layer + by,
  hiddenByLayer: group.hiddenByLayer === null ? null : group.hiddenByLayer + by,
});

/** The subtree's order-dependent part, in the container's terms. */
export function subtreeFor(partial: ImagePartial, place: ImagePlace): SubtreeResult {
  const { subtree } = partial;
  return { ...subtree, external: subtree.external.map((group) => shiftGroup(group, place.above)) };
}

/** The subtree's totals, in the container's terms (its upper counts nothing of it). */
export function totalsFor(partial: ImagePartial, place: ImagePlace): AnalysisTotals {
  const { totals } = partial;
  const by = place.above;
  // A walk layer's index in the container's walk: the upper, then the layers above the image.
  const walkLayer = (key: string): string => {
    const bar = key.indexOf("|");
    return `${Number(key.slice(0, bar)) + 1 + by}${key.slice(bar)}`;
  };
  return {
    ...totals,
    layers: [...Array.from({ length: by }, emptyLayer), ...totals.layers],
    upper: null,
    hidden: totals.hidden.map((group) => shiftGroup(group, by)),
    largestImageHidden: totals.largestImageHidden === null ? null : shiftGroup(totals.largestImageHidden, by),
    linked: totals.linked.map(([key, disk]) => [walkLayer(key), disk]),
  };
}

/** A directory of a container's walk, as the walk of the image alone has it. */
export function imageContext(dir: DirContext, place: ImagePlace): DirContext {
  const own = 1 + place.above;
  const states = dir.states.slice(own).map((state): LayerState => {
    if (state === undefined || state.shown) return state;
    return { shown: false, hiddenBy: { ...state.hiddenBy, layer: state.hiddenBy.layer - own } };
  });
  return { relative: dir.relative, states };
}

/**
 * Is this directory of a container's walk the image's alone: no layer of the container's own has
 * it, and none hides what the image has there?
 */
export function imageOnly(dir: DirContext, place: ImagePlace): boolean {
  const own = 1 + place.above;
  for (let layer = 0; layer < dir.states.length; layer++) {
    const state = dir.states[layer];
    if (state === undefined) continue;
    if (layer < own) return false;
    if (!state.shown && state.hiddenBy.layer < own) return false;
  }
  return true;
}
