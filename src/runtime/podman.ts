// podman, through its CLI (no daemon: `podman info` opens its store). Its store is
// containers-storage, which buildah and CRI-O share.
//
// containers-storage (containers/storage drivers/overlay/overlay.go): home is <graphroot>/overlay
// (graphroot /var/lib/containers/storage, rootless ~/.local/share/containers/storage), the same
// <id>/diff and l/ links as docker's overlay2, extra diffs of a layer as <id>/diff1, diff2 …, and
// lowers seen through an idmapped mount as <home>/<container-id>/mapped/<n>/<rest of the path
// below home>. store.go keeps the layer list in <graphroot>/overlay-layers, which tells this store
// from docker's when graphroot is moved (or the driver is named by its alias overlay2).
//
// Each store's own files are read (containers-storage-files.ts: overlay-containers/containers.json,
// overlay-images/images.json, overlay-layers/layers.json), root's and every user's rootless store
// (containers-storage-stores.ts), without asking podman as that user (which would set up a store
// in their home).
import { posix } from "node:path";
import type { MountNamespace } from "../overlay/namespaces.js";
import type { RuntimeAdapter, StoreLayout } from "./adapter.js";
import { readContainersStorage } from "./containers-storage-files.js";
import { closedContainersStorageStores, containersStorageStores } from "./containers-storage-stores.js";
import { dockerCompatible } from "./docker-compatible.js";
import { driverLayer, isDirectoryIn } from "./layer-paths.js";
import { mountedFor } from "./live-mounts.js";

const IDMAPPED_LAYER = /^(.+)\/[^/]+\/mapped\/\d+\/([^/]+)\/diff\d*$/;

function isContainersStorage(home: string, namespace: MountNamespace): boolean {
  return home.endsWith("/containers/storage/overlay") || isDirectoryIn(namespace, `${posix.dirname(home)}/overlay-layers`);
}

export const containersStorage = {
  kind: "containers-storage" as const,
  matchLayer(path, namespace) {
    const [, mappedHome, mappedId] = IDMAPPED_LAYER.exec(path) ?? [];
    if (mappedHome !== undefined && mappedId !== undefined && isContainersStorage(mappedHome, namespace)) {
      return { kind: "containers-storage", storeRoot: mappedHome, id: mappedId };
    }
    const layer = driverLayer(path);
    // The driver makes <home>/l at start-up; a plain …/x/diff path without it is no store.
    if (layer === undefined || !isDirectoryIn(namespace, posix.join(layer.home, "l"))) return undefined;
    return isContainersStorage(layer.home, namespace) ? { kind: "containers-storage", storeRoot: layer.home, id: layer.id } : undefined;
  },
  storesUnder: (root) => containersStorageStores(root),
  closedUnder: (root) => closedContainersStorageStores(root),
} satisfies StoreLayout;

const cli = dockerCompatible({
  runtime: "podman",
  program: "podman",
  infoFormat: "{{.Version.Version}}\t{{.Store.GraphDriverName}}",
  // podman's `rm -f` first sends SIGTERM and waits 10 s, which a `sleep` as PID 1 ignores.
  removeFlags: ["-t", "0"],
  historyFlags: [],
  emptyLayerFlags: true,
});

export const podman: RuntimeAdapter = {
  name: "podman",
  program: "podman",
  layout: containersStorage,
  environment: ["CONTAINER_HOST", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF"],
  ownFiles: [".containerenv"],
  reclaim: ["podman system prune --all"],
  // containers-storage also answers to the alias overlay2 for its overlay driver.
  overlayDrivers: new Set(["overlay", "overlay2"]),
  ...cli,
  makesStateWhenAsked: () => process.getuid?.() !== 0 && process.env.CONTAINER_HOST === undefined && !hasOwnStore(),
  readStore: (store, mounted) => readContainersStorage(store, mountedFor(store, mounted)),
  // podman has no daemon; "Cannot connect to Podman" is podman-remote (or CONTAINER_HOST) missing its service.
  fixes: (t) => ({ noDaemon: t.doctor.podmanStart }),
};

/** The user running us has a containers-storage store of their own (rootless podman has run for them). */
function hasOwnStore(): boolean {
  const uid = process.getuid?.();
  return containersStorageStores("/").some((store) => store.owner?.uid === uid);
}
