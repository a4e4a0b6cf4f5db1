// The treemap's data as the page reads it: per layer, its directories and files, each file with
// what became of its bytes. Written by the tree builder (tree.ts) in the CLI, read by the page's
// script (page/) in the browser; kept in compact arrays because a 200,000-file image must fit in a
// few MiB of HTML.
//
// A node is one of:
//   [name, children]                 a directory (children: nodes)
//   [name, bytes, fate]              a file a container sees, or one the container wrote
//   [name, bytes, fate, hiderNumber, how, hiddenAt]
//                                    a hidden file: hiderNumber the image layer (build order) whose
//                                    entry hides it, null for the container; how an index into
//                                    HOW_ORDER; hiddenAt the hiding entry's path, "" when it is
//                                    the file's own path
//   [files, bytes, fate]             small files of one fate folded in their directory ("+N files")
import type { HideReason } from "../../layers/walk.js";

/** What became of a file's bytes. */
export const FATE = { seen: 0, imageHidden: 1, containerHidden: 2, written: 3 } as const;
export type Fate = (typeof FATE)[keyof typeof FATE];
export const FATES: readonly Fate[] = [FATE.seen, FATE.imageHidden, FATE.containerHidden, FATE.written];

/** The order of `how` codes in a hidden file's node. */
export const HOW_ORDER: readonly HideReason[] = ["whiteout", "opaque", "newer-copy"];

export type TreeDirNode = [name: string, children: TreeNode[]];
export type TreeFileNode = [name: string, bytes: number, fate: Fate];
export type TreeHiddenNode = [name: string, bytes: number, fate: Fate, hiderNumber: number | null, how: number, hiddenAt: string];
export type TreeFoldNode = [files: number, bytes: number, fate: Fate];
export type TreeNode = TreeDirNode | TreeFileNode | TreeHiddenNode | TreeFoldNode;

/** One layer's tree, and its exact bytes per fate (folded files included). */
export interface TreeLayer {
  /** Build order (1 is the base); null for a container's writable layer. */
  number: number | null;
  children: TreeNode[];
  /** Bytes per fate, indexed by Fate. */
  fateBytes: number[];
}

export interface TreeData {
  /** The walk's layers, top first (the upper first when the stack has one). */
  layers: TreeLayer[];
  /** Files drawn one by one; files folded per directory, and the size under which a file is folded. */
  drawnFiles: number;
  foldedFiles: number;
  foldedUnder: number;
}
