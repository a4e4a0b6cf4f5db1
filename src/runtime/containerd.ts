// containerd. Part 13 makes this module its adapter (probe through `ctr`, containers from
// `ctr -n NS containers info`, task mounts at /run/containerd/io.containerd.runtime.v2.task/
// <namespace>/<id>/rootfs, CRI labels for NAMESPACE/POD) and registers it in registry.ts's
// RUNTIMES; today it brings only its store layout, so that inspect names the store of a
// containerd overlay it finds mounted.
//
// The overlayfs snapshotter (containerd plugins/snapshots/overlay/overlay.go, upperPath and
// workPath): <root>/snapshots/<n>/fs and <root>/snapshots/<n>/work, root by default
// /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs; n is a decimal snapshot id.
import { join } from "node:path";
import type { StoreLayout } from "./adapter.js";
import { isDirectory } from "./layer-paths.js";

const SNAPSHOT_LAYER = /^(.+\/io\.containerd\.snapshotter\.v1\.overlayfs)\/snapshots\/(\d+)\/fs$/;
const DEFAULT_ROOT = "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs";

export const containerdSnapshots = {
  kind: "containerd" as const,
  matchLayer(path) {
    const [, storeRoot, id] = SNAPSHOT_LAYER.exec(path) ?? [];
    return storeRoot === undefined || id === undefined ? undefined : { kind: "containerd", storeRoot, id };
  },
  storesUnder(root) {
    const snapshotter = join(root, DEFAULT_ROOT);
    return isDirectory(join(snapshotter, "snapshots")) ? [{ kind: "containerd", root: snapshotter, layers: snapshotter }] : [];
  },
} satisfies StoreLayout;
