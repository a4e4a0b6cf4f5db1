// Where an image's layers are and which step made each: the runtime's own image inspect (its
// GraphDriver: UpperDir is the image's top layer, LowerDir the rest, top first) and its history.
// No daemon API, no tarball export: the layers are read where the runtime keeps them.
// Every refusal is one line and exit 2 (DESIGN.md, Exit codes): no runtime, a runtime that does
// not answer, a store that is not overlay, an image no runtime knows.
import type { Messages } from "../../i18n/index.js";
import {
  type HistoryEntry,
  imageHistory,
  inspectImage,
  probeRuntime,
  RUNTIMES,
  RuntimeError,
  type RuntimeName,
  type RuntimeProbe,
} from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import type { InspectWords } from "../words/index.js";

const OVERLAY_DRIVERS = new Set(["overlay", "overlay2"]);

export interface ImageSource {
  runtime: RuntimeName;
  /** As the user named it. */
  name: string;
  id: string;
  /** The image's layer directories, top first. */
  dirs: string[];
  /** Every build step, oldest first. */
  history: HistoryEntry[];
}

export function isRuntime(value: string): value is RuntimeName {
  return (RUNTIMES as readonly string[]).includes(value);
}

function refusal(t: Messages, probe: RuntimeProbe): string {
  switch (probe.state) {
    case "absent":
      return `${t.doctor.runtimeAbsent(probe.runtime)}: ${t.doctor.runtimeInstall}`;
    case "no-daemon":
      return `${t.doctor.runtimeNoDaemon(probe.runtime)}: ${t.doctor.dockerStart}`;
    case "permission-denied":
      return `${t.doctor.runtimePermission(probe.runtime)}: ${t.doctor.dockerPermission}`;
    default:
      return t.doctor.runtimeError(probe.runtime, probe.detail);
  }
}

/** The runtimes to ask: `wanted` alone, or every one that answers with an overlay store, docker first. */
async function runtimesToAsk(t: Messages, words: InspectWords, wanted: RuntimeName | undefined): Promise<RuntimeName[]> {
  const probes = await Promise.all((wanted === undefined ? RUNTIMES : [wanted]).map(probeRuntime));
  const usable = probes.filter((probe) => probe.state === "ok");
  if (wanted !== undefined) {
    const [probe] = probes;
    if (probe === undefined || probe.state !== "ok")
      throw new ExitError(EXIT_USAGE, probe === undefined ? t.doctor.runtimeNone : refusal(t, probe));
    if (!OVERLAY_DRIVERS.has(probe.driver ?? ""))
      throw new ExitError(EXIT_USAGE, words.image.notOverlay(probe.runtime, probe.driver ?? ""));
    return [probe.runtime];
  }
  if (usable.length === 0) {
    const present = probes.find((probe) => probe.state !== "absent");
    throw new ExitError(EXIT_USAGE, present === undefined ? `${t.doctor.runtimeNone}: ${t.doctor.runtimeInstall}` : refusal(t, present));
  }
  // A runtime with another driver (vfs, containerd's snapshotter) has no overlay layers to read.
  return usable.filter((probe) => OVERLAY_DRIVERS.has(probe.driver ?? "")).map((probe) => probe.runtime);
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

export async function findImage(t: Messages, words: InspectWords, image: string, wanted: RuntimeName | undefined): Promise<ImageSource> {
  const runtimes = await runtimesToAsk(t, words, wanted);
  for (const runtime of runtimes) {
    const info = await asking(words, () => inspectImage(runtime, image));
    if (info === undefined) continue;
    const history = await asking(words, () => imageHistory(runtime, info.id));
    return { runtime, name: image, id: info.id, dirs: [info.graphDriver.upper, ...info.graphDriver.lower], history };
  }
  throw new ExitError(EXIT_USAGE, words.image.notFound(image, runtimes.join(", ") || RUNTIMES.join(", ")));
}
