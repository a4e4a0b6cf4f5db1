// A running containerd container, read from its task's bundle with no daemon asked: the task's
// rootfs mount (mountinfo: <state>/io.containerd.runtime.v2.task/<namespace>/<id>/rootfs, which
// names the namespace and id), the OCI spec beside it (config.json: the CRI plugin's annotations
// carry the pod, the container's name and its image) and init.pid. containerd's shims keep the
// tasks, and their mounts, when the daemon stops; only containerd's own database knows the rest
// (labels, stopped containers, images).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DiscoveredOverlay } from "../overlay/discover.js";
import type { StoredContainer } from "./adapter.js";
import { taskMounts } from "./containerd-containers.js";
import { snapshotOf, type TaskBundle, taskOfMountPoint } from "./containerd-layout.js";
import { containerName } from "./containerd-names.js";
import { isRecord, labelsField } from "./json.js";
import { imageFromAnnotations, podFromAnnotations } from "./pods.js";

export interface BundleSpec {
  annotations: Record<string, string>;
  /** The container's init process, while the task has one. */
  pid: number | undefined;
}

/** config.json's annotations and init.pid; undefined when the bundle cannot be read (not root: it is 0700). */
export function readBundle(dir: string): BundleSpec | undefined {
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  } catch {
    return undefined;
  }
  let pid: number | undefined;
  try {
    const text = readFileSync(join(dir, "init.pid"), "utf8").trim();
    pid = /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    pid = undefined;
  }
  return { annotations: labelsField(isRecord(spec) ? spec : undefined, "annotations"), pid };
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, and is not ours to signal.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** The container a task's mount and bundle describe. */
export function bundleContainer(task: TaskBundle, overlay: DiscoveredOverlay, spec: BundleSpec): StoredContainer | undefined {
  if (overlay.upper === undefined) return undefined;
  const { annotations } = spec;
  return {
    id: task.id,
    name: containerName(task.id, {}, annotations),
    image: imageFromAnnotations(annotations) ?? "",
    imageId: undefined,
    state: isAlive(spec.pid) ? "running" : "stopped",
    pod: podFromAnnotations(annotations),
    // The labels are in containerd's database: the spec holds only what was copied into its annotations.
    labels: {},
    upper: overlay.upper,
    lower: overlay.lower,
    mergedDir: overlay.mountPoint,
  };
}

export interface BundleReading {
  containers: Array<StoredContainer & { namespace: string }>;
  /** Task mounts whose bundle could not be read, by mount point. */
  unreadable: string[];
}

/** The running containers of the snapshotter at `snapshotter`, from the task mounts in our mount namespace and their bundles. */
export function containersFromBundles(snapshotter: string): BundleReading {
  const reading: BundleReading = { containers: [], unreadable: [] };
  for (const overlay of taskMounts().values()) {
    const task = taskOfMountPoint(overlay.mountPoint);
    if (task === undefined || overlay.upper === undefined || snapshotOf(overlay.upper)?.snapshotter !== snapshotter) continue;
    const spec = readBundle(task.dir);
    const container = spec === undefined ? undefined : bundleContainer(task, overlay, spec);
    if (spec === undefined || container === undefined) reading.unreadable.push(overlay.mountPoint);
    else reading.containers.push({ ...container, namespace: task.namespace });
  }
  return reading;
}
