// Where containerd keeps things, as its own sources lay them out. Every path is read from its
// shape, whatever the root: a node's /var/lib/containerd, a test instance's --root, a disk mounted
// under --root DIR.
//
// - The overlayfs snapshotter (plugins/snapshots/overlay/overlay.go, upperPath and workPath):
//   <root>/io.containerd.snapshotter.v1.overlayfs/snapshots/<n>/fs and …/<n>/work, n a decimal
//   id the snapshotter gives out; which key (an image layer's chain id, a container's snapshot
//   key) has which n is in its own bolt database beside them (metadata.db).
// - A task's bundle (core/runtime/v2/bundle.go, NewBundle): <state>/io.containerd.runtime.v2.task/
//   <namespace>/<id>, holding config.json (the OCI spec, with the CRI plugin's annotations),
//   init.pid, and rootfs/, where the container's snapshot is mounted while the task lives. Its
//   work directory is <root>/io.containerd.runtime.v2.task/<namespace>/<id>.
// - Metadata (images, containers, which snapshots are whose): <root>/io.containerd.metadata.v1.bolt/meta.db.
import { readdirSync } from "node:fs";
import { join, posix } from "node:path";
import type { StoreLayout, StoreOnDisk } from "./adapter.js";
import { isDirectory } from "./layer-paths.js";
import { closedDirectory } from "./user-stores.js";

export const SNAPSHOTTER_DIR = "io.containerd.snapshotter.v1.overlayfs";
export const TASKS_DIR = "io.containerd.runtime.v2.task";
export const METADATA_DB = "io.containerd.metadata.v1.bolt/meta.db";
/** containerd's default root (its config's `root`), relative to the host's root. */
const DEFAULT_ROOT = "var/lib/containerd";

const SNAPSHOT_LAYER = /^(.+\/io\.containerd\.snapshotter\.v1\.overlayfs)\/snapshots\/(\d+)\/fs$/;
const TASK_ROOTFS = /^(.+)\/io\.containerd\.runtime\.v2\.task\/([^/]+)\/([^/]+)\/rootfs$/;

/** A task's bundle, read from the path of its rootfs. */
export interface TaskBundle {
  /** containerd's state dir (its config's `state`). */
  state: string;
  namespace: string;
  id: string;
  /** <state>/io.containerd.runtime.v2.task/<namespace>/<id> */
  dir: string;
}

/** The bundle whose rootfs `mountPoint` is, or undefined for any other path. */
export function taskOfMountPoint(mountPoint: string): TaskBundle | undefined {
  const [, state, namespace, id] = TASK_ROOTFS.exec(mountPoint) ?? [];
  if (state === undefined || namespace === undefined || id === undefined) return undefined;
  return { state, namespace, id, dir: posix.dirname(mountPoint) };
}

/** The snapshot a layer directory is (`…/snapshots/<n>/fs`): the snapshotter's root and n. */
export function snapshotOf(path: string): { snapshotter: string; id: string } | undefined {
  const [, snapshotter, id] = SNAPSHOT_LAYER.exec(path) ?? [];
  return snapshotter === undefined || id === undefined ? undefined : { snapshotter, id };
}

export function snapshotDir(snapshotter: string, id: string): string {
  return posix.join(snapshotter, "snapshots", id, "fs");
}

/** Every snapshot id on disk, in numeric order (what the snapshotter gave out, active or committed). */
export function snapshotIds(snapshotter: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(snapshotter, "snapshots"));
  } catch {
    return [];
  }
  return names.filter((name) => /^\d+$/.test(name) && isDirectory(snapshotDir(snapshotter, name))).sort((a, b) => Number(a) - Number(b));
}

export const containerdSnapshots = {
  kind: "containerd" as const,
  matchLayer(path) {
    const snapshot = snapshotOf(path);
    return snapshot === undefined ? undefined : { kind: "containerd", storeRoot: snapshot.snapshotter, id: snapshot.id };
  },
  storesUnder(root) {
    const containerdRoot = join(root, DEFAULT_ROOT);
    const snapshotter = join(containerdRoot, SNAPSHOTTER_DIR);
    return isDirectory(join(snapshotter, "snapshots")) ? [{ kind: "containerd", root: containerdRoot, layers: snapshotter }] : [];
  },
  closedUnder(root) {
    const containerdRoot = join(root, DEFAULT_ROOT);
    // containerd's root is 0711, its snapshotter's directory 0700: only root may list the snapshots.
    const code = closedDirectory(join(containerdRoot, SNAPSHOTTER_DIR, "snapshots"));
    return code === undefined ? [] : [{ runtime: "containerd", root: containerdRoot, code }];
  },
  // The snapshotter's root is a plugin directory in containerd's root, whatever --root says.
  storeOf: (snapshotter): StoreOnDisk => ({ kind: "containerd", root: posix.dirname(snapshotter), layers: snapshotter }),
} satisfies StoreLayout;
