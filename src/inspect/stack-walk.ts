// The walk behind `inspect`: walkStack's order and rules (resolveCells), fed by the read-ahead's
// merged listings, and cheaper per path. Most paths of a real stack are in one layer only (a
// container's new files, an image layer's own files): for those, in a directory that layer
// shows, the outcome is known without resolving anything (shown, hiding nothing), so the
// analyzer is told directly, with no per-path arrays or objects; only paths in several layers,
// directories and hidden entries go through resolveCells and StackAnalyzer.add. An explicit
// stack instead of recursion, so that the caller can pause every so many paths (backpressure).
import type { EntryKind, LayerEntry } from "../layers/entry.js";
import { type LayerState, resolveCells } from "../layers/walk.js";
import type { XattrNamespace } from "../overlay/xattr.js";
import type { StackAnalyzer } from "./analyze.js";
import { KIND, listedEntry, type MergedListing, type ReadAhead } from "./read-ahead.js";

const KINDS: readonly EntryKind[] = ["file", "dir", "symlink", "whiteout", "other"];

interface Frame {
  relative: string;
  listing: MergedListing;
  names: string[];
  /** The next entry of the listing to walk. */
  at: number;
  /** Per layer: is its directory here shown, or hidden and why (undefined: it has none). */
  states: readonly LayerState[];
}

export interface InspectWalkOptions {
  /** The layers, top first (the upper first when hasUpper). */
  dirs: readonly string[];
  hasUpper: boolean;
  namespace: XattrNamespace;
}

export class InspectWalk {
  private readonly stack: Frame[] = [];

  constructor(
    private readonly reader: ReadAhead,
    private readonly analyzer: StackAnalyzer,
    private readonly options: InspectWalkOptions,
  ) {
    this.enter(
      "",
      options.dirs.map(() => ({ shown: true })),
    );
  }

  private enter(relative: string, states: readonly LayerState[]): void {
    const listing = this.reader.take(relative);
    this.stack.push({ relative, listing, names: listing.count === 0 ? [] : listing.names.split("/"), at: 0, states });
  }

  /** Walks at most `budget` paths, in walkStack's order; false once every path is walked. */
  step(budget: number): boolean {
    const layers = this.options.dirs.length;
    const offset = this.options.hasUpper ? 1 : 0;
    let left = budget;
    while (left > 0) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return false;
      if (frame.at >= frame.listing.count) {
        this.stack.pop();
        continue;
      }
      left--;
      const at = frame.at++;
      const { kinds, sizes } = frame.listing;
      let only = -1;
      let several = false;
      let dir = false;
      for (let layer = 0, index = at * layers; layer < layers; layer++, index++) {
        const code = kinds[index];
        if (code === KIND.absent) continue;
        if (code === KIND.dir) dir = true;
        if (only === -1) only = layer;
        else several = true;
      }
      const name = frame.names[at] ?? "";
      if (several || dir || only === -1 || frame.states[only]?.shown !== true) {
        this.resolve(frame, at, name, dir);
        continue;
      }
      const code = kinds[at * layers + only] ?? KIND.other;
      const kind = KINDS[code] ?? "other";
      const size = code === KIND.file ? (sizes[at * layers + only] ?? 0) : 0;
      if (only < offset) this.analyzer.addUpperOnly(frame.relative, frame.relative === "" ? name : `${frame.relative}/${name}`, kind, size);
      else this.analyzer.addImageOnly(frame.relative, only - offset, kind, size);
    }
    return this.stack.length > 0;
  }

  /** The general case, exactly as walkStack: resolve the cells, analyze, descend into directories. */
  private resolve(frame: Frame, at: number, name: string, dir: boolean): void {
    const { dirs, namespace } = this.options;
    const path = frame.relative === "" ? name : `${frame.relative}/${name}`;
    const entries = dirs.map((root, layer): LayerEntry | undefined => {
      if (frame.states[layer] === undefined || frame.listing.kinds[at * dirs.length + layer] === KIND.absent) return undefined;
      return listedEntry(frame.listing, at, layer, dirs.length, () => `${root}/${path}`, namespace);
    });
    const resolved = resolveCells(path, entries, frame.states);
    this.analyzer.add(resolved);
    if (!dir) return;
    const childStates: LayerState[] = resolved.cells.map((cell) => {
      if (cell === undefined || cell.entry.kind !== "dir") return undefined;
      return cell.state === "hidden" && cell.hiddenBy !== undefined ? { shown: false, hiddenBy: cell.hiddenBy } : { shown: true };
    });
    this.enter(path, childStates);
  }
}
