// Which layer store a discovered overlay belongs to, and each layer's id in that store, read from
// the paths' shapes as each runtime lays them out (each adapter's StoreLayout, tried in the
// registry's order), with a read-only existence check where two stores share a shape.
import type { DiscoveredOverlay } from "../overlay/discover.js";
import type { MountNamespace } from "../overlay/namespaces.js";
import type { ClosedPlace, ClosedStore, LayerMatch, StoreContents, StoreOnDisk } from "./adapter.js";
import { adapters, LAYOUTS, type StoreKind } from "./registry.js";

export interface LayerStore {
  kind: StoreKind;
  /** The driver's home (…/overlay2, …/storage/overlay) or the snapshotter's root. */
  storeRoot?: string;
  /** Each layer's id in the store, or null for a layer from elsewhere (or when kind is plain). */
  layerIds: { lower: Array<string | null>; upper: string | null };
}

interface KindMatch extends LayerMatch {
  kind: Exclude<StoreKind, "plain">;
}

/** The store a single layer directory belongs to, if any. */
export function matchLayer(path: string, namespace: MountNamespace): KindMatch | undefined {
  for (const layout of LAYOUTS) {
    const match = layout.matchLayer(path, namespace);
    if (match !== undefined) return { ...match, kind: layout.kind };
  }
  return undefined;
}

/**
 * The store of the whole overlay: the upper's if it has one, else the first lower's that does.
 * Layers from another store or from nowhere get a null id (a hand-made lower on a container).
 */
export function classifyStore(overlay: Pick<DiscoveredOverlay, "lower" | "upper" | "namespace">): LayerStore {
  const { namespace } = overlay;
  const upperMatch = overlay.upper === undefined ? undefined : matchLayer(overlay.upper, namespace);
  const lowerMatches = overlay.lower.map((path) => matchLayer(path, namespace));
  const store = upperMatch ?? lowerMatches.find((match) => match !== undefined);
  if (store === undefined) {
    return { kind: "plain", layerIds: { lower: overlay.lower.map(() => null), upper: null } };
  }
  const idIn = (match: KindMatch | undefined) =>
    match !== undefined && match.kind === store.kind && match.storeRoot === store.storeRoot ? match.id : null;
  return {
    kind: store.kind,
    storeRoot: store.storeRoot,
    layerIds: { lower: lowerMatches.map(idIn), upper: idIn(upperMatch) },
  };
}

/** Every store of every layout beneath `root` ("/": this host), found on disk. */
export function storesUnder(root: string): StoreOnDisk[] {
  return LAYOUTS.flatMap((layout) => layout.storesUnder(root));
}

/** The system stores beneath `root` that exist and that we may not look into (none, as root). */
export function closedStoresUnder(root: string): ClosedStore[] {
  const needsRoot = process.getuid?.() !== 0;
  const places: ClosedPlace[] = LAYOUTS.flatMap((layout) => layout.closedUnder?.(root) ?? []);
  return places.map((closed) => ({ ...closed, needsRoot }));
}

/**
 * What the files of each of `stores` say, read by the adapter whose layout found it (a store no
 * adapter can read yet is left out). `mounted`: the upper dirs mounted now, when the caller has
 * them (see RuntimeAdapter.readStore).
 */
export async function readStores(stores: readonly StoreOnDisk[], mounted?: ReadonlySet<string>): Promise<StoreContents[]> {
  const readers = adapters();
  const contents: StoreContents[] = [];
  for (const store of stores) {
    const adapter = readers.find((candidate) => candidate.layout.kind === store.kind);
    if (adapter?.readStore !== undefined) contents.push(await adapter.readStore(store, mounted));
  }
  return contents;
}

/** What the files of every store beneath `root` say ("/": this host's). */
export function readStoresUnder(root: string, mounted?: ReadonlySet<string>): Promise<StoreContents[]> {
  return readStores(storesUnder(root), mounted);
}
