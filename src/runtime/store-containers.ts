// Containers read from their store's own files (an adapter's readStore), for the overlays no
// runtime named: a daemon that is down (containerd's tasks, and their mounts, outlive it), or
// one that answers for another store. Read-only, as readStore is; each store read once.
import type { DiscoveredOverlay } from "../overlay/discover.js";
import type { RuntimeAdapter, StoreContents, StoredContainer } from "./adapter.js";
import { adaptersOfStores } from "./registry.js";
import { classifyStore } from "./stores.js";
import type { ContainerInfo } from "./types.js";

type Overlay = Pick<DiscoveredOverlay, "lower" | "upper" | "namespace">;

/** A container of a store's files, as the rest of the program knows containers (the shape a runtime's CLI gives). */
export function storedContainerInfo(contents: StoreContents, container: StoredContainer): ContainerInfo {
  return {
    runtime: contents.runtime,
    id: container.id,
    name: container.name,
    image: container.image,
    labels: container.labels,
    driver: contents.driver,
    graphDriver: { lower: container.lower, upper: container.upper, merged: container.mergedDir, work: undefined },
    pid: undefined,
    pod: container.pod,
  };
}

/** The stores `overlays` are in whose adapter can read them from their files, each once. */
function readableStores(overlays: readonly Overlay[]): Array<{ adapter: RuntimeAdapter; storeRoot: string }> {
  const found = new Map<string, { adapter: RuntimeAdapter; storeRoot: string }>();
  for (const overlay of overlays) {
    const { kind, storeRoot } = classifyStore(overlay);
    if (storeRoot === undefined) continue;
    for (const adapter of adaptersOfStores([kind])) {
      if (adapter.readStore !== undefined && adapter.layout.storeOf !== undefined)
        found.set(`${kind}\0${storeRoot}`, { adapter, storeRoot });
    }
  }
  return [...found.values()];
}

/**
 * Every container the files of `overlays`' stores name, running or stopped. A store that cannot
 * be read gives none: naming is a courtesy, the overlays are inspected all the same.
 */
export async function containersInStoreFiles(overlays: readonly Overlay[]): Promise<ContainerInfo[]> {
  const containers: ContainerInfo[] = [];
  for (const { adapter, storeRoot } of readableStores(overlays)) {
    const store = adapter.layout.storeOf?.(storeRoot);
    if (store === undefined || adapter.readStore === undefined) continue;
    try {
      const contents = await adapter.readStore(store);
      containers.push(...contents.containers.map((container) => storedContainerInfo(contents, container)));
    } catch {
      // unreadable: the overlays stay unnamed
    }
  }
  return containers;
}
