// What to inspect: every overlay on the host, or the one TARGET names (a mount point, or a
// container asked of every runtime adapter), each with the container that owns it when a runtime
// can say (matched by upperdir, the one directory no two containers share).
import { realpathSync } from "node:fs";
import { posix, resolve } from "node:path";
import { type DiscoveredOverlay, discoverOverlays, type MountNamespace, type ProcessName } from "../overlay/discover.js";
import {
  adapters,
  adaptersOfStores,
  answering,
  type ContainerInfo,
  classifyStore,
  containersByUpper,
  findContainerNamed,
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
  if (target === undefined) {
    const stores = discovery.overlays.map((overlay) => classifyStore(overlay).kind);
    const byUpper = await containersByUpper(await answering(adaptersOfStores(stores)));
    const targets = discovery.overlays.map((overlay) =>
      toTarget(overlay, overlay.upper === undefined ? null : (byUpper.get(trimSlashes(overlay.upper)) ?? null)),
    );
    return { targets, unreadableNamespaces };
  }
  const mounted = overlaysAt(target, discovery.overlays);
  if (mounted.length > 0) {
    const stores = mounted.map((overlay) => classifyStore(overlay).kind);
    const byUpper = await containersByUpper(await answering(adaptersOfStores(stores)));
    const targets = mounted.map((overlay) => toTarget(overlay, byUpper.get(trimSlashes(overlay.upper ?? "")) ?? null));
    return { targets, unreadableNamespaces };
  }
  const runtimes = await answering(adapters());
  if (runtimes.length === 0) throw new ExitError(EXIT_USAGE, words.notFoundNoRuntime(target));
  const info = await findContainerNamed(target, runtimes);
  if (info === undefined) throw new ExitError(EXIT_USAGE, words.notFound(target, runtimes.map((runtime) => runtime.name).join(", ")));
  const upper = trimSlashes(info.graphDriver.upper);
  const overlays = discovery.overlays.filter((overlay) => trimSlashes(overlay.upper ?? "") === upper);
  if (overlays.length > 0) return { targets: overlays.map((overlay) => toTarget(overlay, info)), unreadableNamespaces };
  // Not mounted (stopped, or created and never started): its layers are still on disk.
  const stopped = { lower: info.graphDriver.lower, upper: info.graphDriver.upper, namespace: OWN_NAMESPACE };
  return {
    targets: [
      {
        mountPoint: info.graphDriver.merged ?? null,
        mounted: false,
        namespace: OWN_NAMESPACE,
        lower: info.graphDriver.lower,
        upper: info.graphDriver.upper,
        userXattr: false,
        store: classifyStore(stopped).kind,
        container: info,
        problems: [],
      },
    ],
    unreadableNamespaces,
  };
}
