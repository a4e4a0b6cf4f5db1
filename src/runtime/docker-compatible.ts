// The CLI docker and podman share: the same verbs (info, ps, container inspect, image inspect,
// history, images, run, exec, rm, diff, pull), Go templates for --format, and JSON that differs
// only in small ways (json.ts absorbs those). An adapter for such a CLI is this dialect's few
// differences, named below, and its own store layout; nothing here branches on a runtime's name.
import type { LessonCommands, RuntimeLifecycle, RuntimeSource } from "./adapter.js";
import type { CliProgram } from "./command.js";
import { inspectContainer, inspectContainers, listContainers } from "./containers.js";
import { probeCli, type RuntimeProbe } from "./detect.js";
import { imageHistory, inspectImage, listImages } from "./images.js";
import { execInContainer, removeContainer, removeContainerSync, runContainer } from "./lifecycle.js";

/** Where two docker-compatible CLIs differ. */
export interface CliDialect extends CliProgram {
  /** `info --format`: the engine's version, a tab, its storage driver. */
  infoFormat: string;
  /** What `rm -f` needs to kill at once rather than wait for a SIGTERM that a `sleep` as PID 1 ignores. */
  removeFlags: readonly string[];
  /** What `history --format json` needs to print sizes in bytes. */
  historyFlags: readonly string[];
  /** `image inspect`'s History says `empty_layer` for each step, in `history`'s order. */
  emptyLayerFlags: boolean;
}

/** Go's template for GraphDriver.Data, one directory a line: what `… | jq .[0].GraphDriver` shows, readably. */
const GRAPH_FORMAT = "{{range $key, $value := .GraphDriver.Data}}{{$key}}={{$value}}{{println}}{{end}}";

function lessonCommands(program: string): LessonCommands {
  return {
    runSleeping: (name, labels, image) => [
      program,
      "run",
      "-d",
      "--name",
      name,
      ...Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]),
      "--network",
      "none",
      // sleep as PID 1 ignores SIGTERM: --stop-signal KILL lets `rm -f` end it at once.
      "--stop-signal",
      "KILL",
      "--entrypoint",
      "sleep",
      image,
      "infinity",
    ],
    list: (name) => [program, "ps", "--filter", `name=${name}`],
    listAll: (name) => [program, "ps", "--all", "--filter", `name=${name}`],
    graphDriver: (name) => [program, "container", "inspect", "--format", GRAPH_FORMAT, name],
    exec: (name, script) => [program, "exec", name, "sh", "-c", script],
    remove: (name) => [program, "rm", "-f", name],
    pull: (image, quiet) => (quiet ? [program, "pull", "--quiet", image] : [program, "pull", image]),
    history: (image) => [program, "history", image],
    sizes: (name) => [program, "ps", "--all", "--size", "--filter", `name=${name}`, "--format", "{{.Names}} {{.Size}}"],
    diff: (name) => [program, "diff", name],
  };
}

/** What an adapter of a docker-compatible CLI offers: its probe, its answers, its lifecycle. */
export function dockerCompatible(cli: CliDialect): { probe(): Promise<RuntimeProbe>; cli: RuntimeSource; lifecycle: RuntimeLifecycle } {
  return {
    probe: () => probeCli(cli),
    cli: {
      listContainers: (options) => listContainers(cli, options),
      inspectContainers: (namesOrIds) => inspectContainers(cli, namesOrIds),
      findContainer: (target) => inspectContainer(cli, target),
      findImage: (reference) => inspectImage(cli, reference),
      imageHistory: (reference) => imageHistory(cli, reference),
      listImages: () => listImages(cli),
    },
    lifecycle: {
      run: (options, runOptions) => runContainer(cli, options, runOptions),
      exec: (nameOrId, shArgs, runOptions) => execInContainer(cli, nameOrId, shArgs, runOptions),
      remove: (nameOrId) => removeContainer(cli, nameOrId),
      removeSync: (nameOrId) => removeContainerSync(cli, nameOrId),
      commands: lessonCommands(cli.program),
    },
  };
}
