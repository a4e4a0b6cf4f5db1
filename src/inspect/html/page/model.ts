// The treemap's hierarchy: store → image (or container) → layers in build order (#1, the base,
// first; a container's writable layer last) → directories → files, decoded from the compact tree
// (../tree-data.ts), with each node's bytes per fate summed once.
import { type HierarchyNode, hierarchy } from "d3-hierarchy";
import type { HideReason } from "../../../layers/walk.js";
import { type Fate, HOW_ORDER, type TreeNode } from "../tree-data.js";
import type { PageLayer, SectionView } from "./view.js";

export interface Datum {
  name: string;
  kind: "store" | "image" | "layer" | "dir" | "file" | "fold";
  /** A leaf's own bytes (0 for inner nodes: the hierarchy sums them). */
  bytes: number;
  fate: Fate | null;
  /** A fold's files. */
  files: number;
  layer: PageLayer | null;
  /** A hidden file: the hiding image layer's number (null: the container), how, and where ("" = here). */
  hider?: number | null;
  how?: HideReason;
  at?: string;
  /** Bytes per fate beneath (and at) this node. */
  sums: number[];
  children?: Datum[];
}

function decode(node: TreeNode): Datum {
  const base = { layer: null, sums: [0, 0, 0, 0], files: 0 };
  if (Array.isArray(node[1])) {
    return { ...base, name: node[0] as string, kind: "dir", bytes: 0, fate: null, children: node[1].map(decode) };
  }
  const [first, bytes, fate] = node as [string | number, number, Fate];
  if (typeof first === "number") return { ...base, name: "", kind: "fold", bytes, fate, files: first };
  const file: Datum = { ...base, name: first, kind: "file", bytes, fate, files: 1 };
  if (node.length === 6) {
    file.hider = node[3];
    file.how = HOW_ORDER[node[4]] ?? "whiteout";
    file.at = node[5];
  }
  return file;
}

function sumFates(datum: Datum): number[] {
  if (datum.children === undefined) {
    if (datum.fate !== null) datum.sums[datum.fate] = datum.bytes;
    return datum.sums;
  }
  for (const child of datum.children) {
    sumFates(child).forEach((bytes, fate) => {
      datum.sums[fate] = (datum.sums[fate] ?? 0) + bytes;
    });
  }
  return datum.sums;
}

/** The section's tree as a d3 hierarchy, summed by bytes, larger siblings first (layers keep build order). */
export function sectionHierarchy(view: SectionView, imageName: string): HierarchyNode<Datum> {
  const layers: Datum[] = view.layers.map((layer) => ({
    name: layer.name,
    kind: "layer",
    bytes: 0,
    fate: null,
    files: 0,
    layer,
    sums: [0, 0, 0, 0],
    children: (view.tree.layers[layer.treeIndex]?.children ?? []).map(decode),
  }));
  const image: Datum = {
    name: imageName,
    kind: "image",
    bytes: 0,
    fate: null,
    files: 0,
    layer: null,
    sums: [0, 0, 0, 0],
    children: layers,
  };
  const store: Datum = {
    name: view.storeName,
    kind: "store",
    bytes: 0,
    fate: null,
    files: 0,
    layer: null,
    sums: [0, 0, 0, 0],
    children: [image],
  };
  sumFates(store);
  const order = new Map(layers.map((layer, index) => [layer, index]));
  return hierarchy(store)
    .sum((datum) => (datum.children === undefined ? datum.bytes : 0))
    .sort((a, b) =>
      a.data.kind === "layer" && b.data.kind === "layer"
        ? (order.get(a.data) ?? 0) - (order.get(b.data) ?? 0)
        : (b.value ?? 0) - (a.value ?? 0),
    );
}

/** The path of a node below its layer ("/usr/lib/libc.so"); "" for the layer and above. */
export function nodePath(node: HierarchyNode<Datum>): string {
  const names: string[] = [];
  for (let at: HierarchyNode<Datum> | null = node; at !== null && at.data.kind !== "layer"; at = at.parent) {
    if (at.data.kind === "store" || at.data.kind === "image") return "";
    if (at.data.kind !== "fold") names.push(at.data.name);
  }
  return names.length === 0 ? "" : `/${names.reverse().join("/")}`;
}

/** The layer a node is in (itself, when it is one). */
export function layerOf(node: HierarchyNode<Datum>): PageLayer | null {
  for (let at: HierarchyNode<Datum> | null = node; at !== null; at = at.parent) if (at.data.layer !== null) return at.data.layer;
  return null;
}
