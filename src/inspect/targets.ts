// What to inspect: every overlay on the host, or the one TARGET names (a mount point, or a
// container asked of every runtime adapter), each with the container that owns it when a runtime
// can say (matched by upperdir, the one directory no two containers share).
import { existsSync, realpathSync } from "node:fs";
import { posix, resolve } from "node:path";
import { type DiscoveredOverlay, discoverOverlays, type MountNamespace, type ProcessName } from "../overlay/discover.js";
import {
  adapters,
  adaptersOfStores,
  answering,
  type ContainerInfo,
  classifyStore,
  containersByUpper,
  containersInStoreFiles,
  findContainerNamed,
  isInPod,
  parsePodTarget,
  podOf,
  type RuntimeAdapter,
  type StoreKind,
} from "../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import type { InspectWords } from "./words/index.js";

export interface InspectTarget {
  /** Where it is mounted (as its namespace sees it); for a stopped container, where it would be. */
  mountPoint: string | null;
  mounted: boolean;
  namespace: MountNamespace;
  /** Real layer dirs, top first, as the namespace sees them. */
  lower: string[];
  upper: string | undefined;
  /** xattrs under `user.` (userxattr mounts) or `trusted.`. */
  userXattr: boolean;
  store: StoreKind;
  container: ContainerInfo | null;
  /** What discovery could not resolve, in its words. */
  problems: string[];
}

export interface TargetSelection {
  targets: InspectTarget[];
  /** Processes whose mount namespace could not be read (not root), by pid; never a kernel thread. */
  unreadableNamespaces: ProcessName[];
}

const OWN_NAMESPACE: MountNamespace = { inode: 0, pid: process.pid, own: true };

function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

function toTarget(overlay: DiscoveredOverlay, container: ContainerInfo | null): InspectTarget {
  return {
    mountPoint: overlay.mountPoint,
    mounted: true,
    namespace: overlay.namespace,
    lower: overlay.lower,
    upper: overlay.upper,
    userXattr: "userxattr" in overlay.options,
    store: classifyStore(overlay).kind,
    container,
    problems: overlay.problems,
  };
}

/** The overlays mounted at `target` (a path), in our namespace or, by name, in any. */
function overlaysAt(target: string, overlays: readonly DiscoveredOverlay[]): DiscoveredOverlay[] {
  const candidates = new Set([trimSlashes(resolve(target)), trimSlashes(posix.normalize(target))]);
  try {
    candidates.add(realpathSync(target));
  } catch {
    // not a path here: perhaps a container name, or a path in another namespace
  }
  const own = overlays.filter((overlay) => overlay.namespace.own && candidates.has(overlay.mountPoint));
  return own.length > 0 ? own : overlays.filter((overlay) => candidates.has(overlay.mountPoint));
}

export async function selectTargets(target: string | undefined, words: InspectWords): Promise<TargetSelection> {
  const discovery = discoverOverlays();
  const unreadableNamespaces = discovery.unreadable;
  if (target === undefined) return { targets: await namedMounts(discovery.overlays, words), unreadableNamespaces };
  const mounted = overlaysAt(target, discovery.overlays);
  if (mounted.length > 0) return { targets: await namedMounts(mounted, words), unreadableNamespaces };
  const pod = podTarget(target);
  if (pod !== undefined) return { targets: await podTargets(target, pod, discovery.overlays, words), unreadableNamespaces };
  const runtimes = await answering(adapters());
  const info =
    (runtimes.length === 0 ? undefined : await findContainerNamed(target, runtimes)) ?? (await filedContainer(target, discovery.overlays));
  if (info === undefined && runtimes.length === 0) throw new ExitError(EXIT_USAGE, words.notFoundNoRuntime(target));
  if (info === undefined) throw new ExitError(EXIT_USAGE, words.notFound(target, runtimes.map((runtime) => runtime.name).join(", ")));
  return { targets: containerTargets(info, discovery.overlays, runtimes, words), unreadableNamespaces };
}

/** The container's overlay where it is mounted, else (stopped, or created and never started) its layers on disk. */
function containerTargets(
  info: ContainerInfo,
  overlays: readonly DiscoveredOverlay[],
  answered: readonly RuntimeAdapter[],
  words: InspectWords,
): InspectTarget[] {
  const upper = trimSlashes(info.graphDriver.upper);
  const problems = answered.some((runtime) => runtime.name === info.runtime) ? [] : [words.namedFromFiles(info.runtime)];
  const mounts = overlays.filter((overlay) => trimSlashes(overlay.upper ?? "") === upper);
  if (mounts.length > 0) return mounts.map((overlay) => withProblems(toTarget(overlay, info), problems));
  const stopped = { lower: info.graphDriver.lower, upper: info.graphDriver.upper, namespace: OWN_NAMESPACE };
  return [
    {
      mountPoint: info.graphDriver.merged ?? null,
      mounted: false,
      namespace: OWN_NAMESPACE,
      lower: info.graphDriver.lower,
      upper: info.graphDriver.upper,
      userXattr: false,
      store: classifyStore(stopped).kind,
      container: info,
      problems,
    },
  ];
}

function withProblems(target: InspectTarget, problems: readonly string[]): InspectTarget {
  return problems.length === 0 ? target : { ...target, problems: [...target.problems, ...problems] };
}

/**
 * Each overlay with the container that owns it: asked of the runtimes whose stores the overlays
 * are in (by upperdir), then, for those none of them named, read from their store's own files
 * (a containerd whose daemon is down still has its tasks mounted), said so in a note.
 */
async function namedMounts(overlays: readonly DiscoveredOverlay[], words: InspectWords): Promise<InspectTarget[]> {
  const stores = overlays.map((overlay) => classifyStore(overlay).kind);
  const byUpper = await containersByUpper(await answering(adaptersOfStores(stores)));
  const ownerOf = (overlay: DiscoveredOverlay) => (overlay.upper === undefined ? undefined : byUpper.get(trimSlashes(overlay.upper)));
  const unnamed = overlays.filter((overlay) => overlay.upper !== undefined && ownerOf(overlay) === undefined);
  const filed = new Map((await containersInStoreFiles(unnamed)).map((info) => [trimSlashes(info.graphDriver.upper), info]));
  return overlays.map((overlay) => {
    const owner = ownerOf(overlay);
    if (owner !== undefined || overlay.upper === undefined) return toTarget(overlay, owner ?? null);
    const fromFiles = filed.get(trimSlashes(overlay.upper));
    return fromFiles === undefined
      ? toTarget(overlay, null)
      : withProblems(toTarget(overlay, fromFiles), [words.namedFromFiles(fromFiles.runtime)]);
  });
}

/**
 * TARGET as NAMESPACE/POD: one "/", not leading, and no such path here (a path that exists is a
 * path: it wins). Kubernetes names never hold a "/", so no pod is lost to this rule.
 */
function podTarget(target: string): { namespace: string; name: string } | undefined {
  const pod = parsePodTarget(target);
  return pod === undefined || existsSync(target) ? undefined : pod;
}

/** Every container of the pod, as the runtimes that answer know them, else as their stores' files do; exit 2 when none. */
async function podTargets(
  target: string,
  pod: { namespace: string; name: string },
  overlays: readonly DiscoveredOverlay[],
  words: InspectWords,
): Promise<InspectTarget[]> {
  const runtimes = await answering(adapters());
  const members: ContainerInfo[] = [];
  for (const runtime of runtimes) {
    try {
      const ids = (await runtime.cli.listContainers()).filter((summary) => isInPod(podOf(summary), pod)).map((summary) => summary.id);
      members.push(...(await runtime.cli.inspectContainers(ids)));
    } catch {
      // it answered a moment ago; the other runtimes may still know the pod
    }
  }
  const known = new Set(members.map((info) => trimSlashes(info.graphDriver.upper)));
  const filed = (await containersInStoreFiles(overlays)).filter(
    (info) => isInPod(podOf(info), pod) && !known.has(trimSlashes(info.graphDriver.upper)),
  );
  const all = [...members, ...filed];
  if (all.length === 0) throw new ExitError(EXIT_USAGE, words.podNotFound(target, runtimes.map((runtime) => runtime.name).join(", ")));
  return all.flatMap((info) => containerTargets(info, overlays, runtimes, words));
}

/** A container named in its store's own files (no runtime that answers knows it): by id, by name, or by the one id `target` begins. */
async function filedContainer(target: string, overlays: readonly DiscoveredOverlay[]): Promise<ContainerInfo | undefined> {
  const filed = await containersInStoreFiles(overlays);
  for (const matches of [(info: ContainerInfo) => info.id === target, (info: ContainerInfo) => info.name === target]) {
    const found = filed.filter(matches);
    if (found.length > 0) return found.length === 1 ? found[0] : undefined;
  }
  const byPrefix = filed.filter((info) => info.id.startsWith(target));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
