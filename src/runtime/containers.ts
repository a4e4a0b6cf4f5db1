// Reading containers: inspect one, list them all, and name the container behind an overlay
// mount by its upperdir (how `inspect` tells a learner "this mount is container web-1").
import { problemOf, RuntimeError, runRuntime, runtimeOutput } from "./command.js";
import { usableRuntimes } from "./detect.js";
import { graphDriverOf } from "./graph-driver.js";
import { type JsonRecord, labelsField, numberField, parseJsonRecords, recordField, stringField, stringListField } from "./json.js";
import type { ContainerInfo, ContainerSummary, RuntimeName } from "./types.js";

/** One container by name or id; undefined when there is no such container (or it is not on overlay). */
export async function inspectContainer(runtime: RuntimeName, nameOrId: string): Promise<ContainerInfo | undefined> {
  const [found] = await inspectContainers(runtime, [nameOrId]);
  return found;
}

/**
 * Several containers in one call. Containers that have gone (removed between `ps` and here) are
 * left out: both CLIs still print the others and exit non-zero, naming the missing ones.
 */
export async function inspectContainers(runtime: RuntimeName, namesOrIds: readonly string[]): Promise<ContainerInfo[]> {
  if (namesOrIds.length === 0) return [];
  // `container inspect`, not `inspect`: the plain form would also answer for an image of that name.
  const result = await runRuntime(runtime, ["container", "inspect", "--", ...namesOrIds]);
  if (result.exitCode !== 0 && problemOf(result) !== "no-such-container") throw new RuntimeError(runtime, problemOf(result), result);
  return parseJsonRecords(result.stdout).flatMap((record) => {
    const info = containerInfoOf(runtime, record);
    return info === undefined ? [] : [info];
  });
}

export function containerInfoOf(runtime: RuntimeName, record: JsonRecord): ContainerInfo | undefined {
  const id = stringField(record, "Id", "ID");
  const graphDriver = graphDriverOf(record);
  if (id === undefined || graphDriver === undefined) return undefined;
  const config = recordField(record, "Config");
  const pid = numberField(recordField(record, "State"), "Pid");
  return {
    runtime,
    id,
    // docker writes "/name", podman "name".
    name: (stringField(record, "Name") ?? "").replace(/^\//, ""),
    // podman: ImageName is the name it was run from, Image the id; docker: Config.Image is the name.
    image: stringField(record, "ImageName") ?? stringField(config, "Image") ?? stringField(record, "Image") ?? "",
    labels: labelsField(config, "Labels"),
    driver: graphDriver.driver,
    graphDriver: graphDriver.dirs,
    pid: pid !== undefined && pid > 0 ? pid : undefined,
  };
}

export interface ListContainersOptions {
  /** Only containers with this label, "key" or "key=value" (labels.ts OWNER_SELECTOR). */
  label?: string;
}

/** Every container, running or not (`ps -a`), with full ids. */
export async function listContainers(runtime: RuntimeName, options: ListContainersOptions = {}): Promise<ContainerSummary[]> {
  const filter = options.label === undefined ? [] : ["--filter", `label=${options.label}`];
  const stdout = await runtimeOutput(runtime, ["ps", "-a", "--no-trunc", ...filter, "--format", "json"]);
  return parseJsonRecords(stdout).flatMap((record): ContainerSummary[] => {
    const id = stringField(record, "Id", "ID");
    if (id === undefined) return [];
    return [
      {
        runtime,
        id,
        names: stringListField(record, "Names"),
        image: stringField(record, "Image") ?? "",
        labels: labelsField(record, "Labels"),
        state: stringField(record, "State") ?? "",
      },
    ];
  });
}

/**
 * The container whose writable layer is `upperDir` (an overlay mount's upperdir), looking in
 * every runtime that answers (or in `runtimes`); undefined when none has it.
 */
export async function findContainerByUpper(upperDir: string, runtimes?: readonly RuntimeName[]): Promise<ContainerInfo | undefined> {
  const wanted = withoutTrailingSlash(upperDir);
  for (const runtime of runtimes ?? (await usableRuntimes())) {
    const ids = (await listContainers(runtime)).map((container) => container.id);
    const match = (await inspectContainers(runtime, ids)).find((info) => withoutTrailingSlash(info.graphDriver.upper) === wanted);
    if (match !== undefined) return match;
  }
  return undefined;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}
