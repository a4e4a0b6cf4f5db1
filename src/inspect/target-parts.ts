// What every way of finding a target shares: an overlay as a target, a path without its trailing
// slashes (an upperdir is matched as the runtime and mountinfo write it), our own namespace.
import type { DiscoveredOverlay, MountNamespace } from "../overlay/discover.js";
import { metacopyInEffect } from "../overlay/features.js";
import { type ContainerInfo, classifyStore } from "../runtime/index.js";
import type { InspectTarget } from "./targets.js";

export const OWN_NAMESPACE: MountNamespace = { inode: 0, pid: process.pid, own: true };

export function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

export function toTarget(overlay: DiscoveredOverlay, container: ContainerInfo | null): InspectTarget {
  return {
    mountPoint: overlay.mountPoint,
    mounted: true,
    namespace: overlay.namespace,
    lower: overlay.lower,
    upper: overlay.upper,
    userXattr: "userxattr" in overlay.options,
    metacopyOn: metacopyInEffect(overlay),
    store: classifyStore(overlay).kind,
    container,
    problems: overlay.problems,
  };
}

export function withProblems(target: InspectTarget, problems: readonly string[]): InspectTarget {
  return problems.length === 0 ? target : { ...target, problems: [...target.problems, ...problems] };
}

/** A container that is not mounted (stopped, or created and never started), from the layers its runtime names. */
export function unmountedTarget(info: ContainerInfo, problems: readonly string[] = []): InspectTarget {
  const { lower, upper, merged } = info.graphDriver;
  return {
    mountPoint: merged ?? null,
    mounted: false,
    namespace: OWN_NAMESPACE,
    lower,
    upper,
    userXattr: false,
    store: classifyStore({ lower, upper, namespace: OWN_NAMESPACE }).kind,
    container: info,
    problems: [...problems],
  };
}
