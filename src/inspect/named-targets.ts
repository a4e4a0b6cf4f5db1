// Targets a runtime or its store's files name: an overlay named by the runtime that owns it (or,
// where none answers, by its store's files: a containerd whose daemon is down still has its tasks
// mounted), a Kubernetes pod's containers (TARGET NAMESPACE/POD), and a container no runtime that
// answers knows, found in its store's files by id, name or the one id TARGET begins.
import { existsSync } from "node:fs";
import type { DiscoveredOverlay } from "../overlay/discover.js";
import {
  adapters,
  adaptersOfStores,
  answering,
  type ContainerInfo,
  classifyStore,
  containersByUpper,
  containersInStoreFiles,
  isInPod,
  parsePodTarget,
  podOf,
  type RuntimeAdapter,
} from "../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import { toTarget, trimSlashes, unmountedTarget, withProblems } from "./target-parts.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

/** The container's overlay where it is mounted, else (stopped, or created and never started) its layers on disk. */
export function containerTargets(
  info: ContainerInfo,
  overlays: readonly DiscoveredOverlay[],
  answered: readonly RuntimeAdapter[],
  words: InspectWords,
): InspectTarget[] {
  const upper = trimSlashes(info.graphDriver.upper);
  const problems = answered.some((runtime) => runtime.name === info.runtime) ? [] : [words.namedFromFiles(info.runtime)];
  const mounts = overlays.filter((overlay) => trimSlashes(overlay.upper ?? "") === upper);
  if (mounts.length > 0) return mounts.map((overlay) => withProblems(toTarget(overlay, info), problems));
  return [unmountedTarget(info, problems)];
}

/**
 * Each overlay with the container that owns it: asked of the runtimes whose stores the overlays
 * are in (by upperdir), then, for those none of them named, read from their store's own files
 * (a containerd whose daemon is down still has its tasks mounted), said so in a note.
 */
export async function namedMounts(overlays: readonly DiscoveredOverlay[], words: InspectWords): Promise<InspectTarget[]> {
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
export function podTarget(target: string): { namespace: string; name: string } | undefined {
  const pod = parsePodTarget(target);
  return pod === undefined || existsSync(target) ? undefined : pod;
}

/** Every container of the pod, as the runtimes that answer know them, else as their stores' files do; exit 2 when none. */
export async function podTargets(
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
  if (all.length === 0)
    throw new ExitError(EXIT_USAGE, words.podNotFound(target, runtimes.map((runtime) => runtime.name).join(words.listSeparator)));
  return all.flatMap((info) => containerTargets(info, overlays, runtimes, words));
}

/** A container named in its store's own files (no runtime that answers knows it): by id, by name, or by the one id `target` begins. */
export async function filedContainer(target: string, overlays: readonly DiscoveredOverlay[]): Promise<ContainerInfo | undefined> {
  const filed = await containersInStoreFiles(overlays);
  for (const matches of [(info: ContainerInfo) => info.id === target, (info: ContainerInfo) => info.name === target]) {
    const found = filed.filter(matches);
    if (found.length > 0) return found.length === 1 ? found[0] : undefined;
  }
  const byPrefix = filed.filter((info) => info.id.startsWith(target));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
