// `inspect --image IMAGE`: find the image's layers and history, read the layers, print the
// report (human or one JSON line), then the CI gate. Exit 0; 1 when a --ci rule is crossed (the
// report is printed first, and one line on stderr names the rule and the figure) or a layer could
// not be read in full; 2 for bad flags or an image no runtime knows (options.ts, source.ts).
import type { ChalkInstance } from "chalk";
import type { Lang, Messages } from "../../i18n/index.js";
import { EXIT_FAILED, EXIT_OK, ExitError } from "../../sys/errors.js";
import type { HtmlReport } from "../html/command.js";
import type { InspectWords } from "../words/index.js";
import { ciFailure, renderImage } from "./human.js";
import { imageJsonLine } from "./json.js";
import type { ImageOptions } from "./options.js";
import { readImage } from "./report.js";
import { findImage } from "./source.js";
import { checkThresholds } from "./thresholds.js";

export interface ImageOutput {
  t: Messages;
  words: InspectWords;
  lang: Lang;
  chalk: ChalkInstance;
  /** The terminal's columns; undefined in a pipe. */
  width: number | undefined;
  json: boolean;
  top: number;
  /** Writes the report; resolves once it has left (bin.ts exits right after the command). */
  write: (text: string) => Promise<void>;
  /** --html FILE: the report's page, written before the gate decides the exit code. */
  html?: HtmlReport | undefined;
}

export async function inspectImageCommand(options: ImageOptions, output: ImageOutput): Promise<number> {
  const { words } = output;
  const source = await findImage(output.t, words, options.image, options.runtime);
  const reading = output.html?.imageReading();
  const report = await readImage(source, { top: output.top, words, ...(reading === undefined ? {} : { analyze: reading.analyze }) });
  const rules =
    options.thresholds === undefined
      ? undefined
      : checkThresholds(options.thresholds, { hiddenBytes: report.imageHiddenBytes, bytes: report.bytes });
  await output.write(output.json ? imageJsonLine(report, rules) : renderImage(report, rules, output));
  if (output.html !== undefined && reading !== undefined) {
    output.html.writeImage(report, rules, reading);
    if (!output.json) await output.write(output.html.writtenLine(output.width));
  }
  const failure = ciFailure(rules ?? [], words);
  if (failure !== undefined) throw new ExitError(EXIT_FAILED, failure);
  if (report.partial) throw new ExitError(EXIT_FAILED, words.partial(options.image, process.getuid?.() === 0));
  return EXIT_OK;
}
