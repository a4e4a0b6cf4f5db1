// Reading images through a docker-compatible CLI: their layer directories, their build history,
// and the list of them. This is what `inspect --image` stands on: the history says which
// instruction made which layer, the GraphDriver says where each layer lives on disk.
import { problemOf, RuntimeError, runRuntime, runtimeOutput } from "./command.js";
import type { CliDialect } from "./docker-compatible.js";
import { layerStackOf } from "./graph-driver.js";
import { bareId, isRecord, numberField, parseJsonRecords, stringField, stringListField } from "./json.js";
import type { HistoryEntry, ImageInfo, ImageSummary } from "./types.js";

/** One image by name or id; undefined when there is no such image. */
export async function inspectImage(cli: CliDialect, image: string): Promise<ImageInfo | undefined> {
  const result = await runRuntime(cli, ["image", "inspect", "--", image]);
  if (result.exitCode !== 0) {
    if (problemOf(result) === "no-such-image") return undefined;
    throw new RuntimeError(cli.runtime, problemOf(result), result);
  }
  const [record] = parseJsonRecords(result.stdout);
  const id = stringField(record, "Id", "ID");
  const layers = record === undefined ? undefined : layerStackOf(record);
  if (id === undefined || layers === undefined) return undefined;
  return {
    runtime: cli.runtime,
    id: bareId(id),
    names: stringListField(record, "RepoTags"),
    driver: layers.driver,
    graphDriver: layers.stack,
  };
}

/**
 * The steps that built `image`, oldest first (the order of its Containerfile; both CLIs print
 * newest first). Steps that made no layer (CMD, ENV, LABEL, EXPOSE, …) show up in
 * `podman history` as size 0 with CreatedBy "/bin/sh -c #(nop) ENV …" and, unless the step is
 * the image's last, id "<missing>" (so do some steps that did make a layer, such as a COPY
 * committed with the steps after it): neither size nor id tells them apart. The image's own
 * config does, with "empty_layer": true in `image inspect`'s History, which podman prints in
 * the same order (CliDialect.emptyLayerFlags); we take emptyLayer from there. Docker's
 * `image inspect` has no History: there a step with bytes is a layer, and a step of 0 bytes is
 * left undefined (a RUN that changed nothing also shows 0 B).
 */
export async function imageHistory(cli: CliDialect, image: string): Promise<HistoryEntry[]> {
  const stdout = await runtimeOutput(cli, ["history", "--no-trunc", ...cli.historyFlags, "--format", "json", "--", image]);
  const steps = parseJsonRecords(stdout)
    .map((record): HistoryEntry => {
      const id = stringField(record, "id", "ID", "Id");
      const size = numberField(record, "size", "Size") ?? 0;
      return {
        id: id === undefined || id === "<missing>" ? undefined : bareId(id),
        createdBy: stringField(record, "CreatedBy", "createdBy", "created_by") ?? "",
        size,
        emptyLayer: size > 0 ? false : undefined,
      };
    })
    .reverse();
  if (!cli.emptyLayerFlags) return steps;
  const empty = await emptyLayerFlags(cli, image);
  if (empty.length !== steps.length) return steps;
  return steps.map((step, index) => ({ ...step, emptyLayer: empty[index] ?? step.emptyLayer }));
}

/** The image config's history flags, oldest first; [] when the runtime does not report them. */
async function emptyLayerFlags(cli: CliDialect, image: string): Promise<boolean[]> {
  const [record] = parseJsonRecords(await runtimeOutput(cli, ["image", "inspect", "--", image]));
  const history = record?.History;
  if (!Array.isArray(history)) return [];
  return history.map((step) => isRecord(step) && step.empty_layer === true);
}

/** The tagged images (intermediate build images are left out, as `images` does without -a). */
export async function listImages(cli: CliDialect): Promise<ImageSummary[]> {
  const stdout = await runtimeOutput(cli, ["images", "--no-trunc", "--format", "json"]);
  return parseJsonRecords(stdout).flatMap((record): ImageSummary[] => {
    const id = stringField(record, "Id", "ID");
    if (id === undefined) return [];
    // podman: Names ["localhost/x:latest"]; docker: Repository "x" and Tag "latest".
    const repository = stringField(record, "Repository");
    const tag = stringField(record, "Tag");
    const repositoryName = repository !== undefined && repository !== "<none>" ? [`${repository}:${tag ?? "latest"}`] : [];
    const names = stringListField(record, "Names");
    return [{ runtime: cli.runtime, id: bareId(id), names: names.length > 0 ? names : repositoryName, size: numberField(record, "Size") }];
  });
}
