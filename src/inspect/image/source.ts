// Where an image's layers are and which step made each: the runtime's own image inspect (its
// GraphDriver: UpperDir is the image's top layer, LowerDir the rest, top first) and its history.
// No daemon API, no tarball export: the layers are read where the runtime keeps them.
// Every refusal is one line and exit 2 (DESIGN.md, Exit codes): no runtime, a runtime that does
// not answer, a store that is not overlay, an image no runtime knows. The way there asks as
// little as it can (`image inspect`, then `history` while the layers are walked): a whole
// `inspect --image` of a 200,000-file image is measured against `du -s` of its layers.
import type { Messages } from "../../i18n/index.js";
import {
  adapters,
  drivesOverlays,
  type HistoryEntry,
  type ImageInfo,
  imageRuntimes,
  noneAnswersLine,
  probeRuntimes,
  type RuntimeAdapter,
  RuntimeError,
  type RuntimeName,
} from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import { findProgram } from "../../sys/host.js";
import type { InspectWords } from "../words/index.js";

export interface ImageSource {
  runtime: RuntimeName;
  /** As the user named it. */
  name: string;
  id: string;
  /** The image's layer directories, top first. */
  dirs: string[];
  /** Every build step, oldest first (asked while the layers are read). */
  history: Promise<HistoryEntry[]>;
}

/**
 * Why no runtime could answer for the image: `wanted`'s refusal, or the first present runtime's,
 * or a store that is not overlay (image inspect shows no UpperDir there, as for a missing image).
 * Asked only once the image was not found: a probe (`podman info`) costs half a second.
 */
async function whyNotFound(
  t: Messages,
  words: InspectWords,
  image: string,
  asked: readonly RuntimeName[],
  wanted: RuntimeName | undefined,
): Promise<string> {
  const probes = await probeRuntimes(wanted === undefined ? imageRuntimes() : [wanted]);
  const usable = probes.filter((probe) => probe.state === "ok");
  if (usable.length === 0) return noneAnswersLine(t, probes, wanted);
  const overlay = usable.filter(drivesOverlays);
  const [other] = usable;
  if (overlay.length === 0 && other !== undefined) return words.image.notOverlay(other.runtime, other.driver ?? "");
  return words.image.notFound(image, (asked.length > 0 ? asked : overlay.map((probe) => probe.runtime)).join(words.listSeparator));
}

/** A runtime that fails mid-way (not "no such image"): its own first line, exit 2. */
async function asking<T>(words: InspectWords, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RuntimeError) throw new ExitError(EXIT_USAGE, words.image.runtimeFailed(error.message), { cause: error });
    throw error;
  }
}

type Answer = { runtime: RuntimeAdapter; info: ImageInfo | undefined } | { runtime: RuntimeAdapter; error: RuntimeError };

/** `image inspect` in one runtime: the image, undefined when it has none, or the runtime's failure. */
async function ask(runtime: RuntimeAdapter, image: string): Promise<Answer> {
  try {
    return { runtime, info: await runtime.cli.findImage(image) };
  } catch (error) {
    if (error instanceof RuntimeError) return { runtime, error };
    throw error;
  }
}

/**
 * The image in `wanted`, or in the first runtime that has it (in the registry's order of
 * preference; all are asked at once). Its history is asked at once and not awaited here: the runtime answers while the layers
 * are walked.
 */
export async function findImage(t: Messages, words: InspectWords, image: string, wanted: RuntimeName | undefined): Promise<ImageSource> {
  const runtimes = adapters(wanted === undefined ? imageRuntimes() : [wanted]).filter(
    (runtime) => findProgram(runtime.program) !== undefined,
  );
  const answers = await Promise.all(runtimes.map((runtime) => ask(runtime, image)));
  const asked = answers.filter((answer) => !("error" in answer)).map((answer) => answer.runtime.name);
  for (const answer of answers) {
    if ("error" in answer) {
      // A daemon that does not answer, or not to us: another runtime may have the image.
      if (wanted === undefined) continue;
      const problem = answer.error.problem;
      const unreachable = problem === "absent" || problem === "no-daemon" || problem === "permission-denied";
      const message = unreachable ? await whyNotFound(t, words, image, asked, wanted) : words.image.runtimeFailed(answer.error.message);
      throw new ExitError(EXIT_USAGE, message, { cause: answer.error });
    }
    const { runtime, info } = answer;
    if (info === undefined) continue;
    const history = asking(words, () => runtime.cli.imageHistory(info.id));
    // Awaited after the walk; a failure before then must not count as unhandled.
    history.catch(() => undefined);
    return { runtime: runtime.name, name: image, id: info.id, dirs: [info.graphDriver.upper, ...info.graphDriver.lower], history };
  }
  throw new ExitError(EXIT_USAGE, await whyNotFound(t, words, image, asked, wanted));
}
