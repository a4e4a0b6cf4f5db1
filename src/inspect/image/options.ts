// `inspect --image`'s flags, checked before any runtime is asked: every refusal is one line in
// the learner's language and exit 2 (a bad threshold, --runtime with no image, --ci with no rule).
import type { Messages } from "../../i18n/index.js";
import { imageRuntimes, isRuntime, type RuntimeName } from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import type { InspectWords } from "../words/index.js";
import { parseBudget, parsePercent, type Thresholds } from "./thresholds.js";

export interface ImageFlags {
  image?: string;
  runtime?: string;
  ci?: boolean;
  maxHidden?: string;
  maxHiddenPercent?: string;
}

export interface ImageOptions {
  image: string;
  runtime: RuntimeName | undefined;
  /** Undefined without --ci: the report alone, exit 0. */
  thresholds: Thresholds | undefined;
}

/** The image flags, or undefined when none is given (inspect a mount or a container, as before). */
export function imageOptions(target: string | undefined, flags: ImageFlags, t: Messages, words: InspectWords): ImageOptions | undefined {
  const w = words.image;
  const given: Array<[string, unknown]> = [
    ["--runtime", flags.runtime],
    ["--ci", flags.ci],
    ["--max-hidden", flags.maxHidden],
    ["--max-hidden-percent", flags.maxHiddenPercent],
  ];
  if (flags.image === undefined) {
    const stray = given.find(([, value]) => value !== undefined && value !== false);
    if (stray !== undefined) throw new ExitError(EXIT_USAGE, w.onlyWithImage(stray[0]));
    return undefined;
  }
  if (target !== undefined) throw new ExitError(EXIT_USAGE, w.imageAndTarget(target));
  // Among the runtimes whose images' layers can be found (imageRuntimes): not containerd's.
  const runtime = imageRuntimes().find((name) => name === flags.runtime);
  if (flags.runtime !== undefined && runtime === undefined) {
    throw new ExitError(EXIT_USAGE, isRuntime(flags.runtime) ? w.runtimeNoImages(flags.runtime) : w.runtimeValue(flags.runtime));
  }
  const thresholds: Thresholds = {};
  if (flags.maxHidden !== undefined) {
    const bytes = parseBudget(flags.maxHidden);
    if (bytes === undefined) throw new ExitError(EXIT_USAGE, t.usage.invalidValue("--max-hidden", w.budget(flags.maxHidden)));
    thresholds.maxHidden = bytes;
  }
  if (flags.maxHiddenPercent !== undefined) {
    const percent = parsePercent(flags.maxHiddenPercent);
    if (percent === undefined) {
      throw new ExitError(EXIT_USAGE, t.usage.invalidValue("--max-hidden-percent", w.percentValue(flags.maxHiddenPercent)));
    }
    thresholds.maxHiddenPercent = percent;
  }
  const hasRule = thresholds.maxHidden !== undefined || thresholds.maxHiddenPercent !== undefined;
  if (flags.ci === true && !hasRule) throw new ExitError(EXIT_USAGE, w.ciNeedsRule);
  if (flags.ci !== true && hasRule)
    throw new ExitError(EXIT_USAGE, w.ruleNeedsCi(flags.maxHidden !== undefined ? "--max-hidden" : "--max-hidden-percent"));
  return { image: flags.image, runtime, thresholds: flags.ci === true ? thresholds : undefined };
}
