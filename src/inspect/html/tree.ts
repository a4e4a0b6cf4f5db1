// The treemap's tree: a visitor of the one stack walk (src/layers/walk.ts) that puts every regular
// file of every layer under its layer and directories, with what became of its bytes: seen by a
// container, hidden by a later image layer, hidden by the container, or written by the container;
// for hidden bytes, which layer's entry hid them, where, and how. It decides a file's fate exactly
// as the analysis (src/layers/analysis.ts) counts it, so that every layer's sums are the --json
// figures.
//
// A 200,000-file image must stay a few MiB of HTML, and a treemap cannot draw more files than it
// has pixels anyway: only the `maxFiles` largest files are drawn one by one; the rest are folded in
// their directory, one node per fate ("+1,204 files, 3.2 MiB"), and a directory left with nothing
// drawn is folded into its parent. The floor (the size a file must exceed to be drawn) only rises
// during the walk, so a directory is folded as soon as the walk leaves it and memory stays near
// `maxFiles` files, whatever the image holds.
//
// Pure: no disk, no output. A read-ahead worker can build the tree of its subtree with the same
// class (rooted at the subtree) and the main thread `merge` its `fragment` where its own walk
// deferred that directory.
import { dataBytes, KIND } from "../../layers/entry.js";
import { FLAG, type MergedListing } from "../../layers/listing.js";
import type { StackCell, StackPath, StackVisitor } from "../../layers/walk.js";
import { SizeFloor } from "./size-floor.js";
import { FATE, FATES, type Fate, HOW_ORDER, type TreeData, type TreeNode } from "./tree-data.js";

export const DEFAULT_MAX_FILES = 30_000;

interface FileBuild {
  name: string;
  bytes: number;
  fate: Fate;
  /** Hidden files: the hiding image layer's number in build order (null: the container), how, where. */
  hider?: number | null;
  how?: number;
  at?: string;
}

interface DirBuild {
  name: string;
  /** path + "/" ("" for the walk's root): what every path beneath it starts with. */
  prefix: string;
  dirs: DirBuild[];
  files: FileBuild[];
  /** Folded files per fate: [files, bytes] at 2 × fate. */
  folds: number[] | undefined;
}

/** A subtree's tree, to be merged where the main walk deferred it. */
export interface TreeFragment {
  relative: string;
  /** Per layer (top first), what the subtree holds beneath `relative`. */
  layers: Array<Pick<DirBuild, "dirs" | "files" | "folds">>;
  fateBytes: number[][];
  /** The sizes the fragment's floor kept, to be weighed again against the whole tree's. */
  sizes: number[];
  files: number;
}

export interface TreeOptions {
  /** The walk's layers (top first); the first is the container's upper when `hasUpper`. */
  layers: number;
  hasUpper: boolean;
  maxFiles?: number;
  /** The directory the walk starts from ("" for the whole stack). */
  root?: string;
}

const newDir = (name: string, prefix: string): DirBuild => ({ name, prefix, dirs: [], files: [], folds: undefined });

function addFold(into: DirBuild, fate: Fate, files: number, bytes: number): void {
  into.folds ??= [0, 0, 0, 0, 0, 0, 0, 0];
  into.folds[2 * fate] = (into.folds[2 * fate] ?? 0) + files;
  into.folds[2 * fate + 1] = (into.folds[2 * fate + 1] ?? 0) + bytes;
}

export class TreeBuilder implements StackVisitor {
  private readonly offset: number;
  private readonly lowerCount: number;
  private readonly floor: SizeFloor;
  private readonly roots: DirBuild[];
  /** Per layer, its directories on the walk's current path, the root first. */
  private readonly open: DirBuild[][];
  private readonly fateBytes: number[][];
  private readonly rootPrefix: string;
  /** Every regular file met, drawn or folded. */
  private files = 0;

  constructor(options: TreeOptions) {
    this.offset = options.hasUpper ? 1 : 0;
    this.lowerCount = options.layers - this.offset;
    // The floor is the (maxFiles + 1)th largest size: files above it are at most maxFiles.
    this.floor = new SizeFloor((options.maxFiles ?? DEFAULT_MAX_FILES) + 1);
    this.rootPrefix = options.root === undefined || options.root === "" ? "" : `${options.root}/`;
    this.roots = Array.from({ length: options.layers }, () => newDir("", this.rootPrefix));
    this.open = this.roots.map((root) => [root]);
    this.fateBytes = this.roots.map(() => [0, 0, 0, 0]);
  }

  path(found: StackPath): void {
    const slash = found.path.lastIndexOf("/");
    const name = found.path.slice(slash + 1);
    found.cells.forEach((cell, layer) => {
      if (cell === undefined) return;
      if (cell.entry.kind === "dir") {
        const parent = this.parentIn(layer, found.path);
        const dir = newDir(name, `${found.path}/`);
        parent.dirs.push(dir);
        this.open[layer]?.push(dir);
      } else if (cell.entry.kind === "file") {
        this.add(layer, this.parentIn(layer, found.path), { name, bytes: dataBytes(cell.entry), ...this.fateOf(found, layer, cell) });
      }
    });
  }

  single(parent: string, name: string, layer: number, listing: MergedListing, slot: number): void {
    if (listing.kinds[slot] !== KIND.file) return;
    const path = parent === "" ? name : `${parent}/${name}`;
    // A metacopy holds no data of its own (its bytes are the layer's below): 0, as the analysis counts it.
    const bytes = ((listing.flags?.[slot] ?? 0) & FLAG.metacopy) !== 0 ? 0 : (listing.sizes[slot] ?? 0);
    this.add(layer, this.parentIn(layer, path), { name, bytes, fate: layer < this.offset ? FATE.written : FATE.seen });
  }

  /** What became of one layer's file at this path: the analysis's rule (analysis.ts countFile). */
  private fateOf(found: StackPath, layer: number, cell: StackCell): Omit<FileBuild, "name" | "bytes"> {
    if (layer < this.offset) return { fate: FATE.written };
    if (cell.state !== "hidden" || cell.hiddenBy === undefined) return { fate: FATE.seen };
    const lower = layer - this.offset;
    const at = cell.hiddenBy.path === found.path ? "" : `/${cell.hiddenBy.path}`;
    if (found.image === undefined) {
      return {
        fate: FATE.imageHidden,
        hider: this.numberOf(cell.hiddenBy.layer - this.offset),
        how: HOW_ORDER.indexOf(cell.hiddenBy.how),
        at,
      };
    }
    const imageCell = found.image[lower];
    if (imageCell?.state === "hidden" && imageCell.hiddenBy !== undefined) {
      const imageAt = imageCell.hiddenBy.path === found.path ? "" : `/${imageCell.hiddenBy.path}`;
      return {
        fate: FATE.imageHidden,
        hider: this.numberOf(imageCell.hiddenBy.layer),
        how: HOW_ORDER.indexOf(imageCell.hiddenBy.how),
        at: imageAt,
      };
    }
    return { fate: FATE.containerHidden, hider: null, how: HOW_ORDER.indexOf(cell.hiddenBy.how), at };
  }

  /** An image layer's number in build order, from its index among the lowers (top first). */
  private numberOf(lower: number): number {
    return this.lowerCount - lower;
  }

  private add(layer: number, parent: DirBuild, file: FileBuild): void {
    const sums = this.fateBytes[layer];
    if (sums !== undefined) sums[file.fate] = (sums[file.fate] ?? 0) + file.bytes;
    this.floor.admit(file.bytes);
    this.files++;
    parent.files.push(file);
  }

  /** The open directory of `layer` that holds `path`: directories the walk has left are closed first. */
  private parentIn(layer: number, path: string): DirBuild {
    const open = this.open[layer] ?? [];
    for (let top = open.at(-1); open.length > 1 && top !== undefined && !path.startsWith(top.prefix); top = open.at(-1)) {
      open.pop();
      const parent = open.at(-1);
      if (parent !== undefined) this.close(top, parent, this.floor.value());
    }
    return open.at(-1) ?? newDir("", "");
  }

  /** Fold what of `dir` is at or under `floor`; a directory left with nothing drawn goes into its parent's folds. */
  private close(dir: DirBuild, parent: DirBuild, floor: number): void {
    if (dir.files.some((file) => file.bytes <= floor)) {
      const kept: FileBuild[] = [];
      for (const file of dir.files) {
        if (file.bytes > floor) kept.push(file);
        else addFold(dir, file.fate, 1, file.bytes);
      }
      dir.files = kept;
    }
    if (dir.files.length > 0 || dir.dirs.length > 0) return;
    // It is the last directory its parent got: the walk is depth first.
    if (parent.dirs.at(-1) === dir) parent.dirs.pop();
    for (const fate of FATES) {
      const files = dir.folds?.[2 * fate] ?? 0;
      if (files > 0) addFold(parent, fate, files, dir.folds?.[2 * fate + 1] ?? 0);
    }
  }

  /** Close every open directory (the walk is over, or its subtree is). */
  private drain(): void {
    for (const open of this.open) {
      for (let top = open.at(-1); open.length > 1 && top !== undefined; top = open.at(-1)) {
        open.pop();
        const parent = open.at(-1);
        if (parent !== undefined) this.close(top, parent, this.floor.value());
      }
    }
  }

  /** This walk's tree as a fragment (a worker's subtree), to be merged into the main walk's. */
  fragment(): TreeFragment {
    this.drain();
    const relative = this.rootPrefix.slice(0, -1);
    return {
      relative,
      layers: this.roots.map(({ dirs, files, folds }) => ({ dirs, files, folds })),
      fateBytes: this.fateBytes,
      sizes: this.floor.sizes(),
      files: this.files,
    };
  }

  /** Where the walk deferred `fragment.relative`: the subtree's tree, attached at that directory in every layer. */
  merge(fragment: TreeFragment): void {
    const prefix = `${fragment.relative}/`;
    fragment.layers.forEach((part, layer) => {
      const at = this.parentIn(layer, `${prefix}\0`);
      if (at.prefix !== prefix) return; // the layer has no directory there (the worker found nothing in it either)
      at.dirs.push(...part.dirs);
      at.files.push(...part.files);
      for (const fate of FATES) addFold(at, fate, part.folds?.[2 * fate] ?? 0, part.folds?.[2 * fate + 1] ?? 0);
      const sums = this.fateBytes[layer];
      fragment.fateBytes[layer]?.forEach((bytes, fate) => {
        if (sums !== undefined) sums[fate] = (sums[fate] ?? 0) + bytes;
      });
    });
    for (const size of fragment.sizes) this.floor.admit(size);
    this.files += fragment.files;
  }

  /** The walk is over: every directory folded against the final floor, in the page's encoding. */
  result(): TreeData {
    this.drain();
    const floor = this.floor.value();
    const counts = { drawn: 0 };
    const layers = this.roots.map((root, layer) => ({
      number: layer < this.offset ? null : this.numberOf(layer - this.offset),
      children: this.finalize(root, floor, counts).nodes,
      fateBytes: this.fateBytes[layer] ?? [],
    }));
    return { layers, drawnFiles: counts.drawn, foldedFiles: this.files - counts.drawn, foldedUnder: floor };
  }

  /**
   * A directory's nodes against the final floor, depth first, and whether any is drawn (a
   * directory or a file, not only folds): a subdirectory with nothing drawn is folded into it.
   */
  private finalize(dir: DirBuild, floor: number, counts: { drawn: number }): { nodes: TreeNode[]; drawn: boolean } {
    const nodes: TreeNode[] = [];
    for (const sub of dir.dirs) {
      const inner = this.finalize(sub, floor, counts);
      if (inner.drawn) nodes.push([sub.name, inner.nodes]);
      else for (const fate of FATES) addFold(dir, fate, sub.folds?.[2 * fate] ?? 0, sub.folds?.[2 * fate + 1] ?? 0);
    }
    for (const file of dir.files) {
      if (file.bytes <= floor) addFold(dir, file.fate, 1, file.bytes);
      else {
        counts.drawn++;
        nodes.push(
          file.hider === undefined
            ? [file.name, file.bytes, file.fate]
            : [file.name, file.bytes, file.fate, file.hider, file.how ?? 0, file.at ?? ""],
        );
      }
    }
    const drawn = nodes.length > 0;
    for (const fate of FATES) {
      const files = dir.folds?.[2 * fate] ?? 0;
      if (files > 0) nodes.push([files, dir.folds?.[2 * fate + 1] ?? 0, fate]);
    }
    return { nodes, drawn };
  }
}
