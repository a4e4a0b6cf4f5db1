// Before anything is started: a runtime that answers, an image that is here (pulled if need
// be, with the runtime's own progress on a terminal), and files in it to change and delete.
// Every refusal is one line and exit 2, naming the fix (DESIGN.md, Exit codes).
import type { Messages } from "../../i18n/index.js";
import {
  adapterFor,
  drivesOverlays,
  firstAnswering,
  type ImageInfo,
  lessonRuntimes,
  lifecycleOf,
  noneAnswersLine,
  type RuntimeName,
} from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import { errorLine, runCommand } from "../../sys/exec.js";
import type { ContainerDemoWords } from "./en.js";
import { type FilePlan, planFiles } from "./plan.js";

/** Without --image: an image of these the learner already has (any tag), else this one, pulled. */
const SHELL_IMAGES = /(?:^|\/)(?:alpine|busybox)(?::|$)|:[^/]*alpine[^/]*$/;
export const DEFAULT_IMAGE = "alpine";

export interface LessonRuntime {
  runtime: RuntimeName;
  /** A runtime that was preferred but does not answer (docker without its daemon), when we fell back. */
  skipped?: RuntimeName;
}

/** --runtime, or the first runtime that answers in the registry's order (docker first); exit 2 with the fix when none will do. */
export async function chooseRuntime(t: Messages, w: ContainerDemoWords, wanted: RuntimeName | undefined): Promise<LessonRuntime> {
  const { probes, chosen, skipped } = await firstAnswering(wanted, lessonRuntimes());
  if (chosen === undefined) throw new ExitError(EXIT_USAGE, noneAnswersLine(t, probes, wanted));
  if (!drivesOverlays(chosen)) throw new ExitError(EXIT_USAGE, w.refuse.notOverlay(chosen.runtime, chosen.driver ?? ""));
  return skipped === undefined ? { runtime: chosen.runtime } : { runtime: chosen.runtime, skipped: skipped.runtime };
}

export interface ImageChoice {
  image: string;
  info: ImageInfo;
  /** The image's layers, top first: its LowerDir's top is its UpperDir. */
  layers: string[];
  plan: FilePlan;
}

/** --image, or a shell image already here, or alpine pulled; exit 2 naming --image when it cannot be had. */
export async function chooseImage(
  w: ContainerDemoWords,
  runtime: RuntimeName,
  wanted: string | undefined,
  output: PullOutput,
): Promise<ImageChoice> {
  const { cli } = adapterFor(runtime);
  const local = await cli.listImages();
  const image =
    wanted ??
    local
      .filter((summary) => summary.names.some((name) => SHELL_IMAGES.test(name)))
      .sort((a, b) => (a.size ?? 0) - (b.size ?? 0))[0]
      ?.names.find((name) => SHELL_IMAGES.test(name)) ??
    DEFAULT_IMAGE;
  let info = await cli.findImage(image);
  if (info === undefined) {
    const pulled = await pull(w, runtime, image, output);
    if (pulled !== "") {
      const names = local.flatMap((summary) => summary.names.slice(0, 1)).slice(0, 8);
      throw new ExitError(EXIT_USAGE, w.refuse.image(image, runtime, pulled, names.join(w.refuse.listSeparator) || w.refuse.noLocal));
    }
    info = await cli.findImage(image);
    if (info === undefined) throw new ExitError(EXIT_USAGE, w.refuse.image(image, runtime, "not found after the pull", w.refuse.noLocal));
  }
  const layers = [info.graphDriver.upper, ...info.graphDriver.lower];
  const plan = planFiles(layers);
  if (plan === undefined) throw new ExitError(EXIT_USAGE, w.refuse.noFiles(image));
  return { image, info, layers, plan };
}

/** Where a pull may speak: with --json nowhere (stdout carries only events), else a line before the runtime's own progress. */
interface PullOutput {
  json: boolean;
  print(line: string): void;
}

/**
 * The runtime's pull of IMAGE: on a terminal with its own progress bars (stdout and stderr are the
 * learner's); with --json quietly, since stdout carries only events. "" when it worked, else the
 * first line of the runtime's complaint.
 */
async function pull(w: ContainerDemoWords, runtime: RuntimeName, image: string, output: PullOutput): Promise<string> {
  const { commands } = lifecycleOf(runtime);
  if (output.json) {
    const result = await runCommand(commands.pull(image, true), { timeoutMs: 30 * 60 * 1000 });
    return result.exitCode === 0 ? "" : errorLine(result.stderr) || `exit ${result.exitCode}`;
  }
  output.print(w.pulling(image, runtime));
  // A pull's progress is only worth showing live; its complaint is still kept for the refusal.
  const result = await runCommand(commands.pull(image, false), { timeoutMs: 30 * 60 * 1000, live: true });
  return result.exitCode === 0 ? "" : errorLine(result.stderr) || `exit ${result.exitCode}`;
}
