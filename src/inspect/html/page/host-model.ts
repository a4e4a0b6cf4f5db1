// The host's treemap as a hierarchy: this host → stores → images → each image's layers in build
// order (#1, the base, first), then its containers' own layers; the containers whose image the
// store does not name, and a group of the layers nothing uses, under their store. Area is disk
// bytes, from the summary's own per-layer figures (summary/layer-map.ts): every layer of a store
// is drawn once, so a store's box is its row's disk bytes. A layer several images share is drawn
// under the largest of them (by disk bytes; as large, a named image before an untagged one, such
// as the intermediate image `podman build --layers` keeps for each step), and marked shared.
import { type HierarchyNode, hierarchy } from "d3-hierarchy";
import type { HostLayer, HostStoreMap } from "../../summary/layer-map.js";
import type { HostPage } from "../page-data.js";
import type { MapDatum } from "./treemap.js";
import type { PageWords } from "./view.js";

/** What a leaf is, which is its colour: an image's own layer, a shared one, a container's own, one nothing uses. */
export const ROLE = { own: 0, shared: 1, container: 2, unused: 3 } as const;
export type Role = (typeof ROLE)[keyof typeof ROLE];
export const ROLES: readonly Role[] = [ROLE.own, ROLE.shared, ROLE.container, ROLE.unused];

export interface HostDatum extends MapDatum {
  kind: "host" | "store" | "image" | "layer" | "container-layer" | "unused" | "unused-layer";
  /** A leaf's disk bytes (0 for inner nodes: the hierarchy sums them). */
  bytes: number;
  role: Role | null;
  /** Indices into the summary's stores, images and containers, where the node is one of them or in one. */
  store: number;
  image: number | null;
  container: number | null;
  layer: HostLayer | null;
  /** A layer's number in the build order of the image it is drawn under. */
  number: number | null;
  children?: HostDatum[];
}

/** A layer's id as its store names its directory: <id>/diff (overlay), <N>/fs (containerd), dir/<id> (vfs). */
export function layerId(dir: string): string {
  const parts = dir.split("/").filter((part) => part !== "");
  const last = parts.at(-1) ?? dir;
  return last === "diff" || last === "fs" ? (parts.at(-2) ?? last) : last;
}

export const shortId = (id: string): string => id.replace(/^sha256:/, "").slice(0, 12);

/** An image as the page names it: its first name, or <untagged>, and its short id. */
export function imageName(data: HostPage, index: number, words: PageWords): string {
  const image = data.json.images[index];
  if (image === undefined) return "";
  return `${image.name ?? words.inspect.summary.untagged} ${shortId(image.id)}`;
}

/**
 * The images holding a layer, the one it is drawn under first: the largest on disk, and as large,
 * a named one before an untagged one (a build's intermediate image holds the very layers of the
 * image it became); else in the summary's order.
 */
export function holdersOf(layer: HostLayer, data: HostPage): HostLayer["images"] {
  const image = (index: number) => data.json.images[index];
  const named = (index: number) => (image(index)?.name === null ? 0 : 1);
  return [...layer.images].sort(
    (a, b) => (image(b[0])?.diskBytes ?? 0) - (image(a[0])?.diskBytes ?? 0) || named(b[0]) - named(a[0]) || a[0] - b[0],
  );
}

type Base = Pick<HostDatum, "store" | "image" | "container" | "layer" | "number">;

function node(kind: HostDatum["kind"], name: string, base: Base, children?: HostDatum[]): HostDatum {
  const datum: HostDatum = { kind, name, bytes: 0, role: null, sums: [0, 0, 0, 0], ...base };
  if (children !== undefined) datum.children = children;
  return datum;
}

function leaf(kind: HostDatum["kind"], name: string, role: Role, layer: HostLayer, base: Omit<Base, "layer">): HostDatum {
  const sums = [0, 0, 0, 0];
  sums[role] = layer.diskBytes;
  return { kind, name, bytes: layer.diskBytes, role, sums, ...base, layer };
}

function containerLeaf(data: HostPage, store: number, layer: HostLayer, words: PageWords): HostDatum {
  const h = words.page.host.names;
  const index = layer.container?.index ?? -1;
  const name = data.json.containers[index]?.name ?? "";
  const label = layer.container?.writable === true ? h.writable(name) : h.beneath(name);
  return leaf("container-layer", label, ROLE.container, layer, { store, image: null, container: index, number: null });
}

/** One store's box: its images (each with its layers and its containers' layers), containers of no image, what nothing uses. */
function storeNode(data: HostPage, store: number, map: HostStoreMap, words: PageWords): HostDatum {
  const h = words.page.host.names;
  const row = data.json.stores[store];
  const images = new Map<number, HostDatum[]>(map.images.map((index) => [index, []]));
  const ofContainer = new Map(map.containers.map((entry) => [entry.index, entry.image]));
  const loose: HostDatum[] = [];
  const unused: HostDatum[] = [];
  for (const layer of map.layers) {
    const [first, ...others] = holdersOf(layer, data);
    if (first !== undefined) {
      const [image, number] = first;
      const role = others.length > 0 ? ROLE.shared : ROLE.own;
      const drawn = leaf("layer", h.layer(number, shortId(layerId(layer.dir))), role, layer, { store, image, container: null, number });
      (images.get(image) ?? loose).push(drawn);
    } else if (layer.container !== null) {
      const image = ofContainer.get(layer.container.index) ?? null;
      (image === null ? loose : (images.get(image) ?? loose)).push(containerLeaf(data, store, layer, words));
    } else {
      const id = shortId(layerId(layer.dir));
      unused.push(leaf("unused-layer", id, ROLE.unused, layer, { store, image: null, container: null, number: null }));
    }
  }
  const children = [...images]
    .filter(([, layers]) => layers.length > 0)
    .map(([image, layers]) =>
      node("image", imageName(data, image, words), { store, image, container: null, layer: null, number: null }, layers),
    );
  children.push(...loose);
  const base = { store, image: null, container: null, layer: null, number: null };
  if (unused.length > 0) children.push(node("unused", h.unused, base, unused));
  const name = row === undefined ? "" : h.store(row.runtime, row.root, row.owner);
  return node("store", name, base, children);
}

function sumRoles(datum: HostDatum): number[] {
  for (const child of datum.children ?? []) {
    sumRoles(child).forEach((bytes, role) => {
      datum.sums[role] = (datum.sums[role] ?? 0) + bytes;
    });
  }
  return datum.sums;
}

/** Siblings: an image's layers in build order, then its containers' layers; everything else the largest first. */
function siblingOrder(a: HierarchyNode<HostDatum>, b: HierarchyNode<HostDatum>): number {
  const rank = (datum: HostDatum) => (datum.kind === "layer" ? 0 : datum.kind === "unused" ? 2 : 1);
  if (a.data.kind === "layer" && b.data.kind === "layer") return (a.data.number ?? 0) - (b.data.number ?? 0);
  return rank(a.data) - rank(b.data) || (b.value ?? 0) - (a.value ?? 0);
}

/** The host's hierarchy, summed by disk bytes. */
export function hostHierarchy(data: HostPage, where: string, words: PageWords): HierarchyNode<HostDatum> {
  const stores = data.layerMap.stores.map((map, index) => storeNode(data, index, map, words));
  const root = node("host", where, { store: -1, image: null, container: null, layer: null, number: null }, stores);
  sumRoles(root);
  return hierarchy(root)
    .sum((datum) => (datum.children === undefined ? datum.bytes : 0))
    .sort(siblingOrder);
}
