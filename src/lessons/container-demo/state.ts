import { type LayerEntry, readEntry } from "../../layers/entry.js";
import type { DiscoveredOverlay } from "../../overlay/discover.js";
import type { LessonContext } from "../../runner/types.js";
import { adapterFor, type ContainerInfo, type LessonCommands, lifecycleOf, type RuntimeName } from "../../runtime/index.js";
import type { ContainerDemoWords } from "./en.js";
import type { FilePlan } from "./plan.js";

export interface ContainerOptions {
  runtime: RuntimeName;
  /** A runtime preferred before it that is there but did not answer (docker without its daemon). */
  skipped?: RuntimeName;
  image: string;
  /** The image's layer directories, top first. */
  imageLayers: string[];
  plan: FilePlan;
  /** The container's name: ours, and unguessable enough not to meet another's. */
  name: string;
  keep: boolean;
}

/** What one run learns as it goes; each step reads what the steps before it found. */
export interface RunState {
  container?: ContainerInfo | undefined;
  registration?: { release(): void; forget(): void };
  overlay?: DiscoveredOverlay | undefined;
  /** MergedDir as this process reaches it (through /proc/PID/root when in another namespace). */
  mergedHere?: string;
  /** md5 of the image's copy of the file to change, before any exec. */
  md5Before?: string | undefined;
  /** du -sb of the image layer holding the file to delete, before the rm. */
  duLayerBefore?: number | undefined;
}

export type Ctx = LessonContext<ContainerOptions, ContainerDemoWords>;

/** An entry as the kernel has it (lstat, never followed); undefined when absent. Layers of a rootful runtime: root's xattrs. */
export const entryAt = (path: string): LayerEntry | undefined => readEntry(path, "trusted");

export function upperOf(state: RunState): string {
  const upper = state.container?.graphDriver.upper;
  if (upper === undefined) throw new Error("container-demo: no container yet (its first step did not run)");
  return upper;
}

export function lowersOf(state: RunState): string[] {
  return state.container?.graphDriver.lower ?? [];
}

/**
 * An image layer's number in build order, as a Dockerfile reads (1 = the base, `total` = the top),
 * from its index in a list of layers top first (lowerdir's order, GraphDriver's LowerDir).
 */
export const buildNumber = (topFirstIndex: number, total: number): number => total - topFirstIndex;

/** The commands the lesson shows and runs, as the chosen runtime's CLI spells them (preflight chose one that has them). */
export const commandsOf = (options: ContainerOptions): LessonCommands => lifecycleOf(options.runtime).commands;

/** The program a learner types for the chosen runtime (in hints: "podman exec NAME …"). */
export const programOf = (options: ContainerOptions): string => adapterFor(options.runtime).program;

/** `exec NAME sh -c SCRIPT`: POSIX sh only, so any image with a shell will do. */
export function execArgv(options: ContainerOptions, script: string): string[] {
  return commandsOf(options).exec(options.name, script);
}

/** du -sb's figure for `path` in its output ("bytes<TAB>path" per line). */
export function duBytes(stdout: string, path: string): number | undefined {
  for (const line of stdout.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0 && line.slice(tab + 1) === path) return Number(line.slice(0, tab));
  }
  return undefined;
}

export const describeEntry = (entry: LayerEntry | undefined): string =>
  entry === undefined ? "absent" : entry.kind === "file" ? `file of ${entry.size} bytes` : entry.kind;
