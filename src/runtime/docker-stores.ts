// Where docker keeps stores beneath a root: /var/lib/docker unless /etc/docker/daemon.json's
// "data-root" (formerly "graph") moves it (the default is kept too when it still holds a store: a
// moved data root leaves the old one on disk); a rootless dockerd's is ~/.local/share/docker (or
// its ~/.config/docker/daemon.json's data-root), for every user with a home (user-stores.ts).
import { join, posix } from "node:path";
import type { ClosedPlace, StoreOnDisk, StoreOwner } from "./adapter.js";
import { isRecord } from "./json.js";
import { beneath, closedDirectory, isDirectoryHere, readConfigFile, storeUsers } from "./user-stores.js";

export const DOCKER_OVERLAY2 = "docker-overlay2";

const DATA_ROOT = "/var/lib/docker";
const ROOTLESS_DATA_ROOT = ".local/share/docker";

/** daemon.json's data root; undefined when it does not say (or is not there). */
function configuredDataRoot(file: string): string | undefined {
  try {
    const config: unknown = JSON.parse(readConfigFile(file) ?? "null");
    const value = isRecord(config) ? (config["data-root"] ?? config.graph) : undefined;
    // "/var/lib/docker/" is the default itself: one store, not two.
    return typeof value === "string" && value.startsWith("/") ? posix.normalize(value).replace(/(.)\/+$/, "$1") : undefined;
  } catch {
    return undefined;
  }
}

interface DataRoot {
  dataRoot: string;
  owner?: StoreOwner;
}

function dataRoots(root: string): DataRoot[] {
  const system = configuredDataRoot(beneath(root, "/etc/docker/daemon.json"));
  const roots: DataRoot[] = [{ dataRoot: system ?? DATA_ROOT }];
  if (system !== undefined && system !== DATA_ROOT) roots.push({ dataRoot: DATA_ROOT });
  for (const user of storeUsers(root)) {
    const owner = { uid: user.uid, user: user.user };
    const fallback = posix.join(user.home, ROOTLESS_DATA_ROOT);
    const configured = configuredDataRoot(beneath(root, posix.join(user.home, ".config/docker/daemon.json")));
    roots.push({ dataRoot: configured ?? fallback, owner });
    if (configured !== undefined && configured !== fallback) roots.push({ dataRoot: fallback, owner });
  }
  return roots;
}

/** Every docker overlay2 store beneath `root`: the system daemon's first, then each user's rootless one. */
export function dockerStores(root: string): StoreOnDisk[] {
  const seen = new Set<string>();
  const stores: StoreOnDisk[] = [];
  for (const { dataRoot, owner } of dataRoots(root)) {
    const here = beneath(root, dataRoot);
    const home = join(here, "overlay2");
    if (seen.has(here) || !isDirectoryHere(home)) continue;
    seen.add(here);
    stores.push({ kind: DOCKER_OVERLAY2, root: here, layers: home, under: root, ...(owner === undefined ? {} : { owner }) });
  }
  return stores;
}

/** The system daemon's data roots beneath `root` that we may not look into (/var/lib/docker is root's, 0710). */
export function closedDockerStores(root: string): ClosedPlace[] {
  const system = new Set(dataRoots(root).flatMap((dataRoot) => (dataRoot.owner === undefined ? [beneath(root, dataRoot.dataRoot)] : [])));
  return [...system].flatMap((here) => {
    const code = closedDirectory(join(here, "overlay2"));
    return code === undefined ? [] : [{ runtime: "docker" as const, root: here, code }];
  });
}
