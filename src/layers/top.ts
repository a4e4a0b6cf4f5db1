// The top of a stack's tree, listed breadth first on the main thread: where the walk hands the
// subtrees below to the read-ahead workers (read-ahead.ts), and where a shared image's subtrees
// are counted once for all its containers (shared-image.ts).
import { KIND } from "./entry.js";
import type { Lister, MergedListing } from "./listing.js";

/** A level of the top holding this many directories is wide enough: the level below is the frontier. */
export const FRONTIER_MIN = 64;
/** The top is not listed past this many directories, however narrow. */
export const EXPAND_MAX = 1024;

export interface StackTop {
  listings: Map<string, MergedListing>;
  /** The directories just below the top, in no order; none when the whole tree was listed. */
  frontier: Set<string>;
  /** How deep the frontier is (a directory of the root is 1); Infinity when there is none. */
  depth: number;
}

/**
 * The top of the tree, breadth first: each listing kept, and the directories just below it (none
 * when the whole tree was listed before a level reached `frontierMin`).
 */
export function listTop(dirs: readonly string[], lister: Lister, frontierMin: number): StackTop {
  const layers = dirs.length;
  const listings = new Map<string, MergedListing>();
  let level: Array<[string, boolean[]]> = [["", dirs.map(() => true)]];
  for (let depth = 1; ; depth++) {
    const next: Array<[string, boolean[]]> = [];
    for (const [relative, present] of level) {
      const listing = lister.list(relative, present);
      listings.set(relative, listing);
      listing.names.forEach((name, at) => {
        // The layers that have a directory of this name: the walk lists it in those.
        const childPresent = dirs.map((_, layer) => listing.kinds[at * layers + layer] === KIND.dir);
        if (childPresent.includes(true)) next.push([relative === "" ? name : `${relative}/${name}`, childPresent]);
      });
    }
    if (next.length === 0 || next.length >= frontierMin || listings.size >= EXPAND_MAX) {
      return {
        listings,
        frontier: new Set(next.map(([relative]) => relative)),
        depth: next.length === 0 ? Number.POSITIVE_INFINITY : depth,
      };
    }
    level = next;
  }
}

/** The top's listings, served to the walk (twice: once to learn the frontier, once to count). */
export function topLister(listings: ReadonlyMap<string, MergedListing>): Lister {
  return {
    list(relative) {
      const listing = listings.get(relative);
      if (listing === undefined) throw new Error(`read-ahead: ${relative} is not in the top of the tree`);
      return listing;
    },
  };
}
