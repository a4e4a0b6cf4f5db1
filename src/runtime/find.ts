// Finding a container across runtimes: by the name or id a user typed, or by its upperdir (the
// one directory no two containers share: how `inspect` tells a learner "this mount is container
// web-1"). Each runtime is asked through its adapter's source.
import type { RuntimeAdapter } from "./adapter.js";
import { answering } from "./registry.js";
import type { ContainerInfo } from "./types.js";

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** Every container the adapter's runtime has, running or not, with its layers. */
async function containersWithLayers(adapter: RuntimeAdapter): Promise<ContainerInfo[]> {
  const ids = (await adapter.cli.listContainers()).map((container) => container.id);
  return adapter.cli.inspectContainers(ids);
}

/** Every container of `among`, by its upperdir (no trailing slash). A runtime that fails is skipped: naming is a courtesy. */
export async function containersByUpper(among: readonly RuntimeAdapter[]): Promise<Map<string, ContainerInfo>> {
  const byUpper = new Map<string, ContainerInfo>();
  for (const adapter of among) {
    try {
      for (const info of await containersWithLayers(adapter)) byUpper.set(withoutTrailingSlash(info.graphDriver.upper), info);
    } catch {
      // The runtime stopped answering between the probe and here: the mounts stay unnamed.
    }
  }
  return byUpper;
}

/**
 * The container whose writable layer is `upperDir` (an overlay mount's upperdir), looking in
 * every runtime that answers (or in `among`); undefined when none has it.
 */
export async function findContainerByUpper(upperDir: string, among?: readonly RuntimeAdapter[]): Promise<ContainerInfo | undefined> {
  const wanted = withoutTrailingSlash(upperDir);
  for (const adapter of among ?? (await answering())) {
    const match = (await containersWithLayers(adapter)).find((info) => withoutTrailingSlash(info.graphDriver.upper) === wanted);
    if (match !== undefined) return match;
  }
  return undefined;
}

/** The container `target` names in the first of `among` that knows it; a runtime that fails is passed over. */
export async function findContainerNamed(target: string, among: readonly RuntimeAdapter[]): Promise<ContainerInfo | undefined> {
  for (const adapter of among) {
    try {
      const info = await adapter.cli.findContainer(target);
      if (info !== undefined) return info;
    } catch {
      // it answered a moment ago; another runtime may know the name
    }
  }
  return undefined;
}
