// Hidden bytes: what a layer ships and stores that nobody can see, because a higher layer's
// whiteout, opaque directory or newer copy hides it. Counted as regular files' st_size, each
// traced to the layer that holds it, to what hides it and where (dive reports a total its users
// cannot trace; this keeps the reason with every byte). The one accumulator of the program: the
// lessons, inspect and inspect --image all sum hidden bytes here.
//
// Bytes are summed per group: one hiding entry (a path), the layer holding the bytes, the layer
// hiding them, and the view (the image's own layers, or the container's upper). A group gathers
// while the walk is beneath its hiding path and is final once the walk leaves it; only the
// largest `top` final groups are kept, with their count and the largest of the image's own.
import { comparePostOrder } from "./order.js";
import type { HideReason } from "./walk.js";

export type HiddenScope = "image" | "container";

/** Hidden files of one layer, hidden by one entry. */
export interface HiddenGroup {
  /** The hiding entry (the whiteout, the opaque directory, the newer copy), with a leading slash. */
  path: string;
  /** The first hidden file met, with a leading slash: the group's one file when `files` is 1. */
  firstPath: string;
  bytes: number;
  files: number;
  /** The layer holding them (index among the image's layers, top first). */
  layer: number;
  cause: HideReason;
  scope: HiddenScope;
  /** The image layer whose entry hides them (index, top first), or null: the container's upper. */
  hiddenByLayer: number | null;
}

/**
 * Keeps the `size` largest items without holding every item of a big stack. Items of one weight
 * are kept in `first`'s order (the walk's), so that lists merged from several walks (workers)
 * come out as one walk would have made them.
 */
export class TopItems<T> {
  readonly items: T[] = [];
  constructor(
    private readonly size: number,
    private readonly weight: (item: T) => number,
    private readonly first: (a: T, b: T) => number,
  ) {}

  /** Could an item of this weight be kept? (Callers skip building items that could not be.) */
  wants(weight: number): boolean {
    if (this.size <= 0) return false;
    const last = this.items[this.size - 1];
    return this.items.length < this.size || last === undefined || weight >= this.weight(last);
  }

  /** Does `a` go before `b` in the list? */
  private before(a: T, b: T): boolean {
    const [x, y] = [this.weight(a), this.weight(b)];
    return x > y || (x === y && this.first(a, b) < 0);
  }

  add(item: T): void {
    if (this.size <= 0) return;
    const last = this.items[this.size - 1];
    if (this.items.length === this.size && last !== undefined && !this.before(item, last)) return;
    if (this.items.length === this.size) this.items.pop();
    const index = this.items.findIndex((other) => this.before(item, other));
    this.items.splice(index === -1 ? this.items.length : index, 0, item);
  }
}

/** Groups as the walk finishes them: a hiding entry once the walk is done beneath it. */
export const groupOrder = (a: HiddenGroup, b: HiddenGroup): number => comparePostOrder(a.path, b.path);

/** Larger, or as large and finished first. */
function isLarger(group: HiddenGroup, than: HiddenGroup | null): boolean {
  return than === null || group.bytes > than.bytes || (group.bytes === than.bytes && groupOrder(group, than) < 0);
}

export const groupKey = (group: Pick<HiddenGroup, "scope" | "hiddenByLayer" | "layer">): string =>
  `${group.scope}:${group.hiddenByLayer ?? "upper"}:${group.layer}`;

/** Add `more` into the groups of one hiding path. */
export function mergeGroup(groups: Map<string, HiddenGroup>, more: HiddenGroup): void {
  const key = groupKey(more);
  const group = groups.get(key);
  if (group === undefined) groups.set(key, { ...more });
  else {
    group.bytes += more.bytes;
    group.files += more.files;
  }
}

/** The final groups: the largest kept, all counted, the largest of the image's own kept apart. */
export class HiddenTotals {
  imageHiddenBytes = 0;
  containerHiddenBytes = 0;
  /** Final groups, however many were not kept. */
  groupCount = 0;
  /** The image's own largest group (the verdict names it, whatever --top keeps). */
  largestImage: HiddenGroup | null = null;
  readonly top: TopItems<HiddenGroup>;

  constructor(top: number) {
    this.top = new TopItems(top, (group) => group.bytes, groupOrder);
  }

  /** Another walk's final groups and bytes (a worker's), counted in. */
  merge(more: {
    imageHiddenBytes: number;
    containerHiddenBytes: number;
    hidden: readonly HiddenGroup[];
    hiddenGroups: number;
    largestImageHidden: HiddenGroup | null;
  }): void {
    this.imageHiddenBytes += more.imageHiddenBytes;
    this.containerHiddenBytes += more.containerHiddenBytes;
    for (const group of more.hidden) this.top.add(group);
    this.groupCount += more.hiddenGroups;
    const largest = more.largestImageHidden;
    if (largest !== null && isLarger(largest, this.largestImage)) this.largestImage = largest;
  }

  /** A group is final: counted, and kept if large enough. */
  final(group: HiddenGroup): void {
    this.groupCount++;
    if (group.scope === "image" && isLarger(group, this.largestImage)) this.largestImage = group;
    this.top.add(group);
  }
}
