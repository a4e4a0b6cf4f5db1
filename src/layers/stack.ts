// A stack of layer directories on disk, as the walk reads it: listed with listing.ts, opaque
// directories known from their xattr (`<namespace>.overlay.opaque` = "y"). For the small stacks of
// the lessons and the layer map, read on this thread; inspect reads big ones with read-ahead.ts.
import type { XattrNamespace } from "../overlay/xattr.js";
import { type AnalysisTotals, StackAnalysis } from "./analysis.js";
import { isOpaque } from "./entry.js";
import { diskLister } from "./listing.js";
import { findRedirects, lowerPath, NO_REDIRECTS, type Redirects } from "./redirects.js";
import { type StackPath, type StackVisitor, type WalkOptions, walkStack } from "./walk.js";

export interface DiskStack {
  /** Top first (the upper first when `hasUpper`). */
  dirs: readonly string[];
  namespace: XattrNamespace;
  hasUpper?: boolean;
  /** The upper's renamed directories (redirects.ts), when read already; else read here. */
  redirects?: Redirects;
  /** Mounted with metacopy=on, or with data-only layers: any small file may be metadata only (listing.ts). */
  metacopyOn?: boolean;
}

export function diskWalkOptions(stack: DiskStack, extra: Pick<WalkOptions, "limit" | "onUnreadable"> = {}): WalkOptions {
  const redirects = stack.redirects ?? stackRedirects(stack);
  // The layers below the upper hold a path under a renamed directory at its source.
  const inLayer = (layer: number, path: string): string => (layer === 0 ? path : lowerPath(redirects, path));
  return {
    layers: stack.dirs.length,
    hasUpper: stack.hasUpper === true,
    lister: diskLister(stack.dirs, stack.namespace, redirects, stack.metacopyOn === true),
    opaque: (layer, path) => isOpaque(`${stack.dirs[layer]}/${inLayer(layer, path)}`, stack.namespace),
    ...(redirects.sourceOf.size > 0 ? { redirects } : {}),
    ...extra,
  };
}

/** The renamed directories of a stack's upper, if it has one (that can be read). */
export function stackRedirects(stack: DiskStack): Redirects {
  const upper = stack.dirs[0];
  return stack.hasUpper === true && upper !== undefined && upper !== "" ? findRedirects(upper, stack.namespace) : NO_REDIRECTS;
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
