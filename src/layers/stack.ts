// A stack of layer directories on disk, as the walk reads it: listed with listing.ts, opaque
// directories known from their xattr (`<namespace>.overlay.opaque` = "y"). For the small stacks of
// the lessons and the layer map, read on this thread; inspect reads big ones with read-ahead.ts.
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis } from "./analysis.js";
import { isOpaque } from "./entry.js";
import { diskLister } from "./listing.js";
import { type StackPath, type StackVisitor, type WalkOptions, walkStack } from "./walk.js";

export interface DiskStack {
  /** Top first (the upper first when `hasUpper`). */
  dirs: readonly string[];
  namespace: XattrNamespace;
  hasUpper?: boolean;
}

export function diskWalkOptions(stack: DiskStack, extra: Pick<WalkOptions, "limit" | "onUnreadable"> = {}): WalkOptions {
  return {
    layers: stack.dirs.length,
    hasUpper: stack.hasUpper === true,
    lister: diskLister(stack.dirs, stack.namespace),
    opaque: (layer, path) => isOpaque(`${stack.dirs[layer]}/${path}`, stack.namespace),
    ...extra,
  };
}

/** Walk a stack on disk with `visitor`. */
export function walkDisk(stack: DiskStack, visitor: StackVisitor, extra: Pick<WalkOptions, "limit" | "onUnreadable"> = {}): void {
  walkStack(diskWalkOptions(stack, extra), visitor);
}

/** Every path of a (small) stack on disk, resolved, in walk order. */
export function stackPaths(stack: DiskStack, limit?: number): StackPath[] {
  const found: StackPath[] = [];
  walkDisk(stack, { path: (path) => found.push(path) }, limit === undefined ? {} : { limit });
  return found;
}

/** A small stack on disk, counted on this thread (a lesson's image): the analysis inspect makes. */
export function analyzeDisk(stack: DiskStack, top = 10): AnalysisTotals {
  const hasUpper = stack.hasUpper === true;
  const analysis = new StackAnalysis({ hasUpper, lowerCount: stack.dirs.length - (hasUpper ? 1 : 0), top });
  walkDisk(stack, analysis);
  return analysis.result();
}
