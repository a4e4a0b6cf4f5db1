// What to inspect: every overlay on the host, or the one TARGET names (a mount point, or a
// container asked of every runtime adapter and of every store's own files), each with the
// container that owns it when a runtime or its store can say (matched by upperdir, the one
// directory no two containers share); and the containers that are not mounted (stopped), read
// from their layer directories (stored-targets.ts), or under --root DIR only those. A Kubernetes
// pod's containers (TARGET NAMESPACE/POD) and the naming of mounts by their runtimes are in
// named-targets.ts.
import { lstatSync, realpathSync } from "node:fs";
import { posix, resolve } from "node:path";
import { type DiscoveredOverlay, discoverOverlays, type MountNamespace, type ProcessName } from "../overlay/discover.js";
import {
  adapters,
  answering,
  type ContainerInfo,
  readStoresUnder,
  type StoreContents,
  type StoreKind,
  type StoreOwner,
  type StoreProblem,
  uppersOf,
} from "../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import type { TargetNote } from "./layer-problems.js";
import { containerTargets, filedContainer, namedMounts, podTarget, podTargets } from "./named-targets.js";
import {
  findNamed,
  notMountedTarget,
  notMountedTargets,
  storedByUpper,
  storeProblems,
  targetsUnderRoot,
  theOne,
  withStoreNames,
} from "./stored-targets.js";
import { toTarget, trimSlashes, unmountedTarget } from "./target-parts.js";
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
  /**
   * Mounted with metacopy=on, or with data-only layers: a small file may hold its metadata only.
   * Unknown for a stopped container (no mount says): its upper is read as data where it takes room.
   */
  metacopyOn?: boolean;
  store: StoreKind;
  container: ContainerInfo | null;
  /** What discovery could not resolve, in its words. */
  problems: TargetNote[];
  /** A rootless user's store holds it: whose (absent for the system's stores, and for a plain overlay). */
  owner?: StoreOwner;
  /** Read from a disk's stores with --root DIR: that DIR (nothing there is mounted here). */
  underRoot?: string;
}

export interface TargetSelection {
  targets: InspectTarget[];
  /** Processes whose mount namespace could not be read (not root), by pid; never a kernel thread. */
  unreadableNamespaces: ProcessName[];
  /** What the stores' own files could not tell: containers they name may be missing. */
  storeProblems?: StoreProblem[];
  /** The stores read for it (every one, with no TARGET): the host summary counts them without reading them again. */
  stores?: StoreContents[];
}

export interface SelectOptions {
  /** --root DIR: the stores beneath DIR alone, nothing of this host's. */
  root?: string;
}

/**
 * A TARGET written as a path (`/…`, `./…`, `../…`) that no overlay is mounted at is no container
 * name: say what it is, without asking any runtime.
 */
function refuseNonOverlayPath(target: string, words: InspectWords): void {
  if (!/^\.{0,2}\//.test(target)) return;
  let exists = true;
  try {
    lstatSync(target);
  } catch {
    exists = false;
  }
  throw new ExitError(EXIT_USAGE, exists ? words.notMountPoint(target) : words.noSuchPath(target));
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

export async function selectTargets(
  target: string | undefined,
  words: InspectWords,
  options: SelectOptions = {},
): Promise<TargetSelection> {
  if (options.root !== undefined) return targetsUnderRoot(options.root, target, words);
  const discovery = discoverOverlays();
  const unreadableNamespaces = discovery.unreadable;
  const mountedUppers = uppersOf(discovery.overlays);
  const storeContents = await readStoresUnder("/", mountedUppers);
  const byStoredUpper = storedByUpper(storeContents);
  if (target === undefined) {
    const targets = await namedMounts(discovery.overlays, words);
    const all = [...withStoreNames(targets, byStoredUpper), ...notMountedTargets(storeContents, mountedUppers)];
    return { targets: all, unreadableNamespaces, storeProblems: storeProblems(storeContents), stores: storeContents };
  }
  const mounted = overlaysAt(target, discovery.overlays);
  if (mounted.length > 0) return { targets: withStoreNames(await namedMounts(mounted, words), byStoredUpper), unreadableNamespaces };
  refuseNonOverlayPath(target, words);
  const pod = podTarget(target);
  if (pod !== undefined) return { targets: await podTargets(target, pod, discovery.overlays, words), unreadableNamespaces };
  return { targets: await containerNamed(target, discovery.overlays, storeContents, words), unreadableNamespaces };
}

/**
 * The container TARGET names, in any store or any runtime that answers: its overlays where it is
 * mounted (in any namespace), else its layers as its store names them (stopped, or never started).
 */
async function containerNamed(
  target: string,
  overlays: readonly DiscoveredOverlay[],
  stores: readonly StoreContents[],
  words: InspectWords,
): Promise<InspectTarget[]> {
  const runtimes = await answering(adapters());
  const searched = [...new Set([...runtimes.map((runtime) => runtime.name), ...stores.map((contents) => contents.runtime)])];
  if (searched.length === 0) throw new ExitError(EXIT_USAGE, words.notFoundNoRuntime(target));
  const found = theOne(target, await findNamed(target, stores, runtimes), words);
  if (found === undefined) {
    // A store no usual place holds (a containerd of its own root), known from an overlay mounted from it.
    const filed = await filedContainer(target, overlays);
    if (filed === undefined) throw new ExitError(EXIT_USAGE, words.notFound(target, searched.join(words.listSeparator)));
    return containerTargets(filed, overlays, runtimes, words);
  }
  const owner = found.owner === null ? {} : { owner: found.owner };
  const upper = trimSlashes(found.info.graphDriver.upper);
  const onIt = overlays.filter((overlay) => trimSlashes(overlay.upper ?? "") === upper);
  if (onIt.length > 0) return onIt.map((overlay) => ({ ...toTarget(overlay, found.info), ...owner }));
  // Not mounted (stopped, or created and never started): its layers are still on disk.
  if (found.match !== undefined) return [notMountedTarget(found.match, found.info)];
  return [unmountedTarget(found.info)];
}
