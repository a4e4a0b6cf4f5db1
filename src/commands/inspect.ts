// `overlay-lesson inspect [TARGET]`: being built (issue 9); this placeholder keeps the build whole.
import type { InspectFlags } from "../cli.js";
import type { Lang } from "../i18n/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";

export async function inspectCommand(_target: string | undefined, _flags: InspectFlags, _lang: Lang): Promise<number> {
  throw new ExitError(EXIT_USAGE, "inspect is not built yet");
}
