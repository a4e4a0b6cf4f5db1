// Which layer store a discovered overlay belongs to, and each layer's id in that store, read from
// the paths' shapes as the runtimes themselves lay them out (sources cited below), with a
// read-only existence check where two stores share a shape.
//
// docker overlay2 (moby daemon/graphdriver/overlay2/overlay.go): home is <data-root>/overlay2;
// Init makes <home>/l; each layer is <home>/<id>/diff, with a "link" file naming its short link
// <home>/l/<SHORTID> -> ../<id>/diff; a container's layer is <id>, its init layer <id>-init
// (/etc/hosts, /etc/resolv.conf, .dockerenv) sits above the image's layers.
//
// containers-storage, used by podman, buildah and CRI-O (containers/storage
// drivers/overlay/overlay.go): home is <graphroot>/overlay (graphroot /var/lib/containers/storage,
// rootless ~/.local/share/containers/storage), the same <id>/diff and l/ links, extra diffs of a
// layer as <id>/diff1, diff2 …, and lowers seen through an idmapped mount as
// <home>/<container-id>/mapped/<n>/<rest of the path below home>. store.go keeps the layer list
// in <graphroot>/overlay-layers, which tells this store from docker's when graphroot is moved.
//
// containerd's overlayfs snapshotter (containerd plugins/snapshots/overlay/overlay.go, upperPath
// and workPath): <root>/snapshots/<n>/fs and <root>/snapshots/<n>/work, root by default
// /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs; n is a decimal snapshot id.
import { lstatSync } from "node:fs";
import { posix } from "node:path";
import type { DiscoveredOverlay } from "../overlay/discover.js";
import { hostPath, type MountNamespace } from "../overlay/namespaces.js";

export type StoreKind = "docker-overlay2" | "containers-storage" | "containerd" | "plain";

export interface LayerStore {
  kind: StoreKind;
  /** The driver's home (…/overlay2, …/storage/overlay) or the snapshotter's root. */
  storeRoot?: string;
  /** Each layer's id in the store, or null for a layer from elsewhere (or when kind is plain). */
  layerIds: { lower: Array<string | null>; upper: string | null };
}

interface LayerMatch {
  kind: Exclude<StoreKind, "plain">;
  storeRoot: string;
  id: string;
}

const CONTAINERD_LAYER = /^(.+\/io\.containerd\.snapshotter\.v1\.overlayfs)\/snapshots\/(\d+)\/fs$/;
const IDMAPPED_LAYER = /^(.+)\/[^/]+\/mapped\/\d+\/([^/]+)\/diff\d*$/;
const DRIVER_LAYER = /^(.+)\/([^/]+)\/diff(\d*)$/;

function isDirectory(namespace: MountNamespace, path: string): boolean {
  try {
    return lstatSync(hostPath(namespace, path)).isDirectory();
  } catch {
    return false;
  }
}

/** The store a single layer directory belongs to, if any. */
export function matchLayer(path: string, namespace: MountNamespace): LayerMatch | undefined {
  const containerd = CONTAINERD_LAYER.exec(path);
  if (containerd?.[1] !== undefined && containerd[2] !== undefined) {
    return { kind: "containerd", storeRoot: containerd[1], id: containerd[2] };
  }
  const idmapped = IDMAPPED_LAYER.exec(path);
  if (idmapped?.[1] !== undefined && idmapped[2] !== undefined && isContainersStorage(idmapped[1], namespace)) {
    return { kind: "containers-storage", storeRoot: idmapped[1], id: idmapped[2] };
  }
  const driver = DRIVER_LAYER.exec(path);
  const [, storeRoot, id, diffNumber] = driver ?? [];
  if (storeRoot === undefined || id === undefined || id === "l") return undefined;
  // Both drivers make <home>/l at start-up; a plain …/x/diff path without it is no store.
  if (!isDirectory(namespace, posix.join(storeRoot, "l"))) return undefined;
  if (isContainersStorage(storeRoot, namespace)) return { kind: "containers-storage", storeRoot, id };
  if (posix.basename(storeRoot) === "overlay2" && diffNumber === "") return { kind: "docker-overlay2", storeRoot, id };
  return undefined;
}

function isContainersStorage(storeRoot: string, namespace: MountNamespace): boolean {
  return storeRoot.endsWith("/containers/storage/overlay") || isDirectory(namespace, `${posix.dirname(storeRoot)}/overlay-layers`);
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
  const idIn = (match: LayerMatch | undefined) =>
    match !== undefined && match.kind === store.kind && match.storeRoot === store.storeRoot ? match.id : null;
  return {
    kind: store.kind,
    storeRoot: store.storeRoot,
    layerIds: { lower: lowerMatches.map(idIn), upper: idIn(upperMatch) },
  };
}
