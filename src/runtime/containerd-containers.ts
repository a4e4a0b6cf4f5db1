// containerd's containers as the running daemon tells them, through ctr: every namespace
// (`namespaces ls`; Kubernetes' are in k8s.io, nerdctl's in default, docker's own in moby), each
// container's record (`containers info`: Image, Labels, Snapshotter, SnapshotKey, Spec), its task
// (`tasks ls`), and its layers: the task's rootfs mount in mountinfo while it runs, else its
// snapshot's mount as the snapshotter would make it (`snapshots mounts`; a stopped container's
// writable layer is still on disk). Only containers on the overlayfs snapshotter have overlays
// to read; docker's own (namespace moby, no snapshot) are docker's, and left out.
import { readFileSync } from "node:fs";
import { type DiscoveredOverlay, overlaysInMountInfo } from "../overlay/discover.js";
import type { ListContainersOptions } from "./adapter.js";
import { containerIds, containerInfoText, eachLimited, namespaces, snapshotMount, type TaskState, tasks } from "./containerd-ctr.js";
import { snapshotOf, taskOfMountPoint } from "./containerd-layout.js";
import { containerName, NERDCTL_NAME_LABEL, OVERLAY_SNAPSHOTTER } from "./containerd-names.js";
import { isRecord, type JsonRecord, labelsField, parseJsonRecords, stringField } from "./json.js";
import { podFromAnnotations, podFromLabels } from "./pods.js";
import type { ContainerInfo, ContainerSummary, GraphDriverDirs } from "./types.js";

/** A container's place: containerd's namespaces each hold their own ids. */
export interface Located {
  namespace: string;
  id: string;
}

/** Every container of every namespace. */
export async function locateAll(): Promise<Located[]> {
  const all = await namespaces();
  const perNamespace = await eachLimited(all, async (namespace) => (await containerIds(namespace)).map((id) => ({ namespace, id })));
  return perNamespace.flat();
}

/** The task rootfs mounts in our mount namespace (containerd mounts them in its own, the host's), by "namespace/id". */
export function taskMounts(): Map<string, DiscoveredOverlay> {
  const own = { inode: 0, pid: process.pid, own: true };
  const mounts = new Map<string, DiscoveredOverlay>();
  for (const overlay of overlaysInMountInfo(readFileSync("/proc/self/mountinfo", "utf8"), own)) {
    const task = taskOfMountPoint(overlay.mountPoint);
    if (task !== undefined && overlay.upper !== undefined && snapshotOf(overlay.upper) !== undefined) {
      mounts.set(`${task.namespace}/${task.id}`, overlay);
    }
  }
  return mounts;
}

interface Described {
  located: Located;
  record: JsonRecord;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

async function recordOf(located: Located): Promise<Described | undefined> {
  const text = await containerInfoText(located.namespace, located.id);
  const [record] = text === undefined ? [] : parseJsonRecords(text);
  if (record === undefined) return undefined;
  const spec = record.Spec;
  return {
    located,
    record,
    labels: labelsField(record, "Labels"),
    annotations: labelsField(isRecord(spec) ? spec : undefined, "annotations"),
  };
}

function podOfRecord(found: Described) {
  return podFromLabels(found.labels) ?? podFromAnnotations(found.annotations);
}

/** The layers of a container: its task's mount while it runs, else its snapshot's mount as the snapshotter gives it. */
async function layersOf(found: Described, mounted: Map<string, DiscoveredOverlay>): Promise<GraphDriverDirs | undefined> {
  const { namespace, id } = found.located;
  const overlay = mounted.get(`${namespace}/${id}`);
  if (overlay?.upper !== undefined) return { lower: overlay.lower, upper: overlay.upper, merged: overlay.mountPoint, work: overlay.work };
  const key = stringField(found.record, "SnapshotKey");
  if (key === undefined || key === "") return undefined;
  const mount = await snapshotMount(namespace, OVERLAY_SNAPSHOTTER, key);
  if (mount === undefined) return undefined;
  if (mount.type === "bind") return { lower: [], upper: mount.source, merged: undefined, work: undefined };
  const upper = mount.options.get("upperdir");
  if (mount.type !== "overlay" || upper === undefined) return undefined;
  const lower = (mount.options.get("lowerdir") ?? "").split(":").filter((dir) => dir !== "");
  return { lower, upper, merged: undefined, work: mount.options.get("workdir") };
}

function summaryOf(found: Described, task: TaskState | undefined): ContainerSummary {
  return {
    runtime: "containerd",
    id: found.located.id,
    names: [containerName(found.located.id, found.labels, found.annotations)],
    image: stringField(found.record, "Image") ?? "",
    labels: found.labels,
    // A container without a task was created (or its task deleted): nothing runs, its snapshot stays.
    state: task?.status ?? "created",
  };
}

/** `key` or `key=value` (labels.ts OWNER_SELECTOR's form). */
function hasLabel(labels: Readonly<Record<string, string>>, selector: string): boolean {
  const equals = selector.indexOf("=");
  if (equals === -1) return labels[selector] !== undefined;
  return labels[selector.slice(0, equals)] === selector.slice(equals + 1);
}

async function tasksOf(located: readonly Located[]): Promise<Map<string, TaskState>> {
  const wanted = [...new Set(located.map((item) => item.namespace))];
  const perNamespace = await eachLimited(wanted, async (namespace) => [namespace, await tasks(namespace)] as const);
  const byContainer = new Map<string, TaskState>();
  for (const [namespace, found] of perNamespace) for (const [id, task] of found) byContainer.set(`${namespace}/${id}`, task);
  return byContainer;
}

async function recordsOf(located: readonly Located[]): Promise<Described[]> {
  return (await eachLimited(located, recordOf)).filter((found) => found !== undefined);
}

/** Every container of every namespace, running or not, on the overlayfs snapshotter or not. */
export async function listContainers(options: ListContainersOptions = {}): Promise<ContainerSummary[]> {
  const located = await locateAll();
  const [records, running] = await Promise.all([recordsOf(located), tasksOf(located)]);
  const summaries = records.map((found) => summaryOf(found, running.get(`${found.located.namespace}/${found.located.id}`)));
  const { label } = options;
  return label === undefined ? summaries : summaries.filter((summary) => hasLabel(summary.labels, label));
}

/** The containers of `located` with their layers and namespaces; those gone, or not on overlay, are left out. */
export async function describeLocated(located: readonly Located[]): Promise<Array<{ namespace: string; info: ContainerInfo }>> {
  const mounted = taskMounts();
  const [records, running] = await Promise.all([recordsOf(located), tasksOf(located)]);
  const infos = await eachLimited(records, async (found): Promise<{ namespace: string; info: ContainerInfo } | undefined> => {
    if (stringField(found.record, "Snapshotter") !== OVERLAY_SNAPSHOTTER) return undefined;
    const graphDriver = await layersOf(found, mounted);
    if (graphDriver === undefined) return undefined;
    const { namespace, id } = found.located;
    const task = running.get(`${namespace}/${id}`);
    const info: ContainerInfo = {
      runtime: "containerd",
      id,
      name: containerName(id, found.labels, found.annotations),
      image: stringField(found.record, "Image") ?? "",
      labels: found.labels,
      driver: OVERLAY_SNAPSHOTTER,
      graphDriver,
      pid: task !== undefined && task.status === "running" && task.pid > 0 ? task.pid : undefined,
      pod: podOfRecord(found),
    };
    return { namespace, info };
  });
  return infos.filter((described) => described !== undefined);
}

/** The containers of `located` with their layers; those gone, or not on overlay, are left out. */
export async function inspectLocated(located: readonly Located[]): Promise<ContainerInfo[]> {
  return (await describeLocated(located)).map((described) => described.info);
}

/** Several containers by id, in whichever namespace holds them. */
export async function inspectContainers(ids: readonly string[]): Promise<ContainerInfo[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return inspectLocated((await locateAll()).filter((item) => wanted.has(item.id)));
}

/**
 * The container a user names: its id in any namespace, else its nerdctl name, else the one id
 * that starts with `target` (as docker takes an id's prefix). Undefined when none, or when a
 * prefix or a name fits more than one.
 */
export async function findContainer(target: string): Promise<ContainerInfo | undefined> {
  if (target === "") return undefined;
  const located = await locateAll();
  const exact = located.filter((item) => item.id === target);
  if (exact.length === 1) return (await inspectLocated(exact))[0];
  if (exact.length > 1) return undefined;
  const named = (await recordsOf(located)).filter((found) => found.labels[NERDCTL_NAME_LABEL] === target).map((found) => found.located);
  const candidates = named.length > 0 ? named : located.filter((item) => item.id.startsWith(target));
  const [only] = candidates;
  return only !== undefined && candidates.length === 1 ? (await inspectLocated([only]))[0] : undefined;
}
