// The stack walk: every layer of an overlay at once, path by path in sorted order, parents before
// children, deciding for each path and layer what the kernel does with it: shows it, hides it (and
// what hides it), or uses it as a whiteout. It applies overlayfs's lookup rules (the kernel's
// Documentation/filesystems/overlayfs.rst, "whiteouts and opaque directories"):
//   - the topmost layer that has a name decides: a whiteout there deletes the name, a
//     non-directory there is what merged shows and hides every lower entry of that name;
//   - directories of one name merge down the layers, until a directory marked opaque (the
//     layers below it are hidden) or a non-directory (it and everything below are hidden);
//   - a hidden directory hides everything beneath it, for the same reason it is hidden.
// Hidden entries are still walked: their bytes are what a layer ships and nobody sees.
//
// The one walker of the program: the layer map, the lessons, inspect and inspect --image all read
// stacks through it. How a directory is listed is the lister's business (listing.ts: from disk
// here, or what a read-ahead worker read); what a path means is the visitor's (the layer map
// collects rows, the analysis counts bytes). Most paths of a real stack are in one layer only (a
// container's new files, an image layer's own files): for those, in a directory that layer shows,
// the outcome is known without resolving anything, and a visitor that offers `single` is told
// directly, with no per-path arrays or objects.
//
// With an upper layer, the walk also keeps the image's own view (the lower layers as if no
// container ran): a file the image deleted and the container made again is hidden by the image in
// that view, and a learner asking what the image wastes must get the same answer whatever a
// container does on top. It is resolved again only where the upper hides something.
//
// An explicit stack instead of recursion, so that a caller can walk a budget of paths at a time
// (to wait for its output's reader), and memory stays at depth × the widest directory.
import { fileEntry, KIND, KIND_NAMES, type LayerEntry, plainEntry, UNMARKED_DIR } from "./entry.js";
import { FLAG, type Lister, type MergedListing } from "./listing.js";
import { lowerPath, type Redirects } from "./redirects.js";
import { resolveCells, statesOf } from "./resolve.js";

export type HideReason = "whiteout" | "opaque" | "newer-copy";
export const HIDE_REASONS: readonly HideReason[] = ["whiteout", "opaque", "newer-copy"];

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
  /**
   * With an upper: the lower layers' cells in the image's own view (indexes among the lowers),
   * where they differ from `cells.slice(1)` (the upper hides something here); else undefined.
   */
  image?: Array<StackCell | undefined>;
  /** A directory the upper renamed (redirects.ts): where the layers below hold it, no leading slash. */
  renamedFrom?: string;
  /** The upper's whiteout left at a renamed directory's old name: it deletes nothing (the directory moved). */
  movedAway?: true;
}

/** Per layer, at one directory of the walk: is the layer's directory here shown, or hidden and why. */
export type LayerState = { shown: true } | { shown: false; hiddenBy: HiddenBy } | undefined;

/** A directory of the walk with what it takes to walk beneath it: where the walk starts, or defers. */
export interface DirContext {
  relative: string;
  /** Per layer: its directory here is shown, hidden (and why), or absent (undefined). */
  states: LayerState[];
  /** With an upper: per lower layer, the same in the image's own view. */
  imageStates?: LayerState[];
}

export interface StackVisitor {
  /** A path, resolved: every layer's cell. */
  path(found: StackPath): void;
  /**
   * A path only `layer` has, no directory, in a directory that layer shows: merged shows it (or
   * it is a whiteout of nothing) and it hides nothing; what the layer holds there is the listing's
   * `slot`. Without this, such paths come to `path`.
   */
  single?(parent: string, name: string, layer: number, listing: MergedListing, slot: number): void;
  /** A directory the walk does not enter (`defer` said another walk does), in walk order. */
  deferred?(dir: DirContext): void;
}

export interface WalkOptions {
  /** How many layers (dirs, top first; the upper first when `hasUpper`). */
  layers: number;
  hasUpper: boolean;
  lister: Lister;
  /** Is layer's directory at `path` opaque? Asked only where a lower layer has the same name. */
  opaque(layer: number, path: string): boolean;
  /** Stop after this many paths (the layer map shows a small tree). */
  limit?: number;
  /**
   * Leave this directory to another walk (a read-ahead worker walks it, or a shared image's count
   * of it stands in): `deferred` is told instead.
   */
  defer?(dir: DirContext): boolean;
  /** A layer's directory could not be listed (permissions, vanished); the walk goes on without it. */
  onUnreadable?(layer: number, relative: string, code: string): void;
  /** The upper's renamed directories (the lister lists the layers below under them already). */
  redirects?: Redirects;
}

/** The walk's start: every layer's root shown. */
export function rootContext(layers: number, hasUpper: boolean): DirContext {
  const shown = (count: number): LayerState[] => Array.from({ length: count }, () => ({ shown: true }));
  return hasUpper ? { relative: "", states: shown(layers), imageStates: shown(layers - 1) } : { relative: "", states: shown(layers) };
}

interface Frame {
  context: DirContext;
  listing: MergedListing;
  /** The next name of the listing to walk. */
  at: number;
}

export class StackWalk {
  private readonly stack: Frame[] = [];
  private count = 0;
  private readonly limit: number;
  /** A directory was just deferred: step() returns, so that its caller can merge it before the walk goes on. */
  private deferredNow = false;

  constructor(
    private readonly options: WalkOptions,
    private readonly visitor: StackVisitor,
    root: DirContext = rootContext(options.layers, options.hasUpper),
  ) {
    this.limit = options.limit ?? Number.POSITIVE_INFINITY;
    this.enter(root);
  }

  private enter(context: DirContext): void {
    const listing = this.options.lister.list(
      context.relative,
      context.states.map((state) => state !== undefined),
    );
    for (const [layer, code] of listing.errors ?? []) this.options.onUnreadable?.(layer, context.relative, code);
    if (listing.names.length > 0) this.stack.push({ context, listing, at: 0 });
  }

  /**
   * Walks at most `budget` paths, in order, and stops early right after a deferred directory;
   * false once every path is walked.
   */
  step(budget = Number.POSITIVE_INFINITY): boolean {
    const layers = this.options.layers;
    const single = this.visitor.single?.bind(this.visitor);
    for (let left = budget; left > 0; ) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return false;
      const { listing, context } = frame;
      if (frame.at >= listing.names.length) {
        this.stack.pop();
        continue;
      }
      if (this.count >= this.limit) {
        this.stack.length = 0;
        return false;
      }
      const at = frame.at++;
      left--;
      this.count++;
      let only = -1;
      let several = false;
      let dir = false;
      for (let layer = 0, index = at * layers; layer < layers; layer++, index++) {
        const code = listing.kinds[index];
        if (code === KIND.absent) continue;
        if (code === KIND.dir) dir = true;
        if (only === -1) only = layer;
        else several = true;
      }
      const name = listing.names[at] ?? "";
      if (
        single !== undefined &&
        !several &&
        !dir &&
        only !== -1 &&
        context.states[only]?.shown === true &&
        !this.movedAway(frame, at, only)
      ) {
        single(context.relative, name, only, listing, at * layers + only);
        continue;
      }
      this.resolve(frame, at, name, dir);
      if (this.deferredNow) {
        this.deferredNow = false;
        return true;
      }
    }
    return this.stack.length > 0;
  }

  /** Is the name at `at` the upper's whiteout at the old name of a directory it renamed? */
  private movedAway(frame: Frame, at: number, only: number): boolean {
    const moved = this.options.redirects?.moved;
    if (moved === undefined || moved.size === 0 || only !== 0) return false;
    if (frame.listing.kinds[at * this.options.layers] !== KIND.whiteout) return false;
    const parent = lowerPath(this.options.redirects as Redirects, frame.context.relative);
    const name = frame.listing.names[at] ?? "";
    return moved.has(parent === "" ? name : `${parent}/${name}`);
  }

  /** One listed name, in its directory: what each layer holds of it, its parent being as `states` say. */
  private entryAt(frame: Frame, states: readonly LayerState[], at: number, layer: number, path: string): LayerEntry | undefined {
    const { listing } = frame;
    const layers = this.options.layers;
    const code = listing.kinds[at * layers + layer] ?? KIND.absent;
    if (code === KIND.absent || states[layer] === undefined) return undefined;
    const slot = at * layers + layer;
    if (code === KIND.file) {
      const metacopy = ((listing.flags?.[slot] ?? 0) & FLAG.metacopy) !== 0;
      return fileEntry(listing.sizes[slot] ?? 0, listing.disk[slot] ?? 0, metacopy, listing.inodes?.get(slot));
    }
    if (code !== KIND.dir) return plainEntry(KIND_NAMES[code] ?? "other");
    // An opaque mark matters only where a layer below has the same name: ask only there.
    for (let lower = layer + 1; lower < layers; lower++) {
      if (listing.kinds[at * layers + lower] !== KIND.absent) return plainEntry("dir", this.options.opaque(layer, path));
    }
    return UNMARKED_DIR;
  }

  /** The general case: resolve the cells, tell the visitor, go beneath directories. */
  private resolve(frame: Frame, at: number, name: string, dir: boolean): void {
    const { context } = frame;
    const path = context.relative === "" ? name : `${context.relative}/${name}`;
    const renamedFrom = this.options.redirects?.sourceOf.get(path);
    // A renamed directory's source is looked up from each lower layer's root, wherever its new parent is.
    const states =
      renamedFrom === undefined ? context.states : context.states.map((state, layer) => (layer === 0 ? state : { shown: true as const }));
    const entries = states.map((_, layer) => this.entryAt(frame, states, at, layer, path));
    const found = resolveCells(path, entries, states);
    if (renamedFrom !== undefined) found.renamedFrom = renamedFrom;
    else if (
      this.movedAway(
        frame,
        at,
        entries.findIndex((entry) => entry !== undefined),
      )
    )
      found.movedAway = true;
    const { hasUpper } = this.options;
    // The image's own view differs only where the upper hides something at this path.
    const touched = hasUpper && found.cells.some((cell, layer) => layer > 0 && cell?.state === "hidden" && cell.hiddenBy?.layer === 0);
    if (touched)
      found.image = resolveCells(path, entries.slice(1), renamedFrom === undefined ? (context.imageStates ?? []) : states.slice(1)).cells;
    this.visitor.path(found);
    if (!dir) return;
    const child: DirContext = { relative: path, states: statesOf(found.cells) };
    if (hasUpper) child.imageStates = found.image === undefined ? statesOf(found.cells.slice(1), 1) : statesOf(found.image);
    if (this.options.defer?.(child) === true) {
      this.visitor.deferred?.(child);
      this.deferredNow = true;
      return;
    }
    this.enter(child);
  }
}

/** Walk the whole stack (or from `root`) at once. */
export function walkStack(options: WalkOptions, visitor: StackVisitor, root?: DirContext): void {
  const walk = new StackWalk(options, visitor, root);
  while (walk.step());
}
