// The HTML report's tree builder as a companion of the walk (src/layers/companion.ts): an entry
// of the bundle of its own (dist/tree-companion.js), which each read-ahead worker loads to build
// the tree of every subtree it walks; the main thread merges the fragments (TreeBuilder.merge).
import type { Companion } from "../../layers/companion.js";
import { TreeBuilder, type TreeOptions } from "./tree.js";

export type TreeCompanionOptions = Omit<TreeOptions, "root">;

export function createCompanion(options: unknown, relative: string): Companion {
  const builder = new TreeBuilder({ ...(options as TreeCompanionOptions), root: relative });
  return { visitor: builder, take: () => builder.fragment() };
}

/** Where the bundle put this entry: beside the program, whether the caller is a chunk of it or not. */
export function treeCompanionUrl(from: string): string {
  return new URL(from.includes("/chunks/") ? "../tree-companion.js" : "./tree-companion.js", from).href;
}
