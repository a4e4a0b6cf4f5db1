// Reading containers through a docker-compatible CLI: inspect some, list them all. The adapters'
// `cli.findContainer` / `inspectContainers` / `listContainers` are these, for their own dialect.
import type { ListContainersOptions } from "./adapter.js";
import { problemOf, RuntimeError, runRuntime, runtimeOutput } from "./command.js";
import type { CliDialect } from "./docker-compatible.js";
import { graphDriverOf } from "./graph-driver.js";
import { type JsonRecord, labelsField, numberField, parseJsonRecords, recordField, stringField, stringListField } from "./json.js";
import type { RuntimeName } from "./registry.js";
import type { ContainerInfo, ContainerSummary } from "./types.js";

/** One container by name or id; undefined when there is no such container (or it is not on overlay). */
export async function inspectContainer(cli: CliDialect, nameOrId: string): Promise<ContainerInfo | undefined> {
  const [found] = await inspectContainers(cli, [nameOrId]);
  return found;
}

/**
 * Several containers in one call. Containers that have gone (removed between `ps` and here) are
 * left out: both CLIs still print the others and exit non-zero, naming the missing ones.
 */
export async function inspectContainers(cli: CliDialect, namesOrIds: readonly string[]): Promise<ContainerInfo[]> {
  if (namesOrIds.length === 0) return [];
  // `container inspect`, not `inspect`: the plain form would also answer for an image of that name.
  const result = await runRuntime(cli, ["container", "inspect", "--", ...namesOrIds]);
  if (result.exitCode !== 0 && problemOf(result) !== "no-such-container") throw new RuntimeError(cli.runtime, problemOf(result), result);
  return parseJsonRecords(result.stdout).flatMap((record) => {
    const info = containerInfoOf(cli.runtime, record);
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

/** Every container, running or not (`ps -a`), with full ids. */
export async function listContainers(cli: CliDialect, options: ListContainersOptions = {}): Promise<ContainerSummary[]> {
  const filter = options.label === undefined ? [] : ["--filter", `label=${options.label}`];
  const stdout = await runtimeOutput(cli, ["ps", "-a", "--no-trunc", ...filter, "--format", "json"]);
  return parseJsonRecords(stdout).flatMap((record): ContainerSummary[] => {
    const id = stringField(record, "Id", "ID");
    if (id === undefined) return [];
    return [
      {
        runtime: cli.runtime,
        id,
        names: stringListField(record, "Names"),
        image: stringField(record, "Image") ?? "",
        labels: labelsField(record, "Labels"),
        state: stringField(record, "State") ?? "",
      },
    ];
  });
}
