// A second visitor that rides the one walk, on the main thread and in the read-ahead workers: the
// HTML report's tree builder, which must see every path the analysis sees without a second walk.
// A worker cannot be handed a visitor object, so it is handed a module (by URL, loaded there) that
// makes one per subtree; what that visitor gathered comes back with the subtree and is merged
// where the main thread's walk deferred it, as the analysis's partial is.
import type { StackVisitor } from "./walk.js";

/** What a companion's module exports (loaded by URL in each worker). */
export interface CompanionModule {
  /** A visitor for the subtree at `relative` (its own, fresh), made from `options`. */
  createCompanion(options: unknown, relative: string): Companion;
}

export interface Companion {
  visitor: StackVisitor;
  /** What it gathered of its subtree, structured-clonable: posted back with the subtree. */
  take(): unknown;
}

/** How the caller rides a companion along: its module for the workers, its own visitor on this thread. */
export interface CompanionSpec {
  /** The module's URL (a file of the bundle, beside the worker). */
  url: string;
  /** Passed to createCompanion in each worker: structured-clonable. */
  options: unknown;
  /** The main thread's visitor: the top of the tree, and the whole of a stack too small for workers. */
  local: StackVisitor;
  /** A worker's subtree's gathering, where the main walk deferred that subtree. */
  merge(taken: unknown): void;
}

/** Both visitors, path by path (the fast path too, where both offer it; `deferred` goes to the first). */
export function tee(first: StackVisitor, second: StackVisitor): StackVisitor {
  const visitor: StackVisitor = {
    path(found) {
      first.path(found);
      second.path(found);
    },
  };
  if (first.single !== undefined && second.single !== undefined) {
    const [one, two] = [first.single.bind(first), second.single.bind(second)];
    visitor.single = (parent, name, layer, listing, slot) => {
      one(parent, name, layer, listing, slot);
      two(parent, name, layer, listing, slot);
    };
  }
  if (first.deferred !== undefined) visitor.deferred = first.deferred.bind(first);
  return visitor;
}
