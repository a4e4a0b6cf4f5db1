// Every store on this host (or beneath --root), read from its own files by its runtime's adapter:
// a daemon that is down, another user's rootless store and a disk mounted from elsewhere are read
// alike. A store no adapter can read yet is left out.
import type { StoreContents } from "../../runtime/index.js";
import { adapters } from "../../runtime/index.js";

export async function readStores(root = "/"): Promise<StoreContents[]> {
  const stores: StoreContents[] = [];
  for (const adapter of adapters()) {
    if (adapter.readStore === undefined) continue;
    for (const store of adapter.layout.storesUnder(root)) stores.push(await adapter.readStore(store));
  }
  return stores;
}
