// `overlay-lesson inspect [TARGET]`: any overlay on this host, read from its layers on disk. It
// only reads (DESIGN.md principle 4). Exit 0 when every layer of every mount was read; 1 when a
// mount could only be read in part (each such mount is reported with notes, and one line on
// stderr names them); 2 when TARGET names nothing. For a person, every mount is read before any is
// printed: the largest come first, under the host's totals when no TARGET was given.
// With --image IMAGE it reads an image's layers instead (src/inspect/image/: each layer named by
// the build step that made it, hidden bytes traced to the steps that added and hid them, and a
// --ci gate that exits 1 when a --max-hidden rule is crossed). With --summary, only the host
// summary (src/inspect/summary/: every store, image and container from the stores' own files),
// which also heads `inspect` with no TARGET.
import { Chalk } from "chalk";
import type { InspectFlags } from "../cli.js";
import { bySize, hostTotalLine, hostTotals, namespacesNote } from "../inspect/host.js";
import { renderMount } from "../inspect/human.js";
import { inspectImageCommand } from "../inspect/image/command.js";
import { imageOptions } from "../inspect/image/options.js";
import { drained, Output, readMounts } from "../inspect/read-mounts.js";
import { storeProblemsNote } from "../inspect/stored-targets.js";
import { checkSummaryFlags, readHostSummary, storesToSummarize } from "../inspect/summary/command.js";
import { renderSummary } from "../inspect/summary/human.js";
import { selectTargets } from "../inspect/targets.js";
import { type InspectWords, inspectWords } from "../inspect/words/index.js";
import { SharedImages } from "../layers/shared-image.js";
import { terminalColumns } from "../sys/columns.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, ExitError } from "../sys/errors.js";
import { integerOption } from "./options.js";
import type { SharedOptions } from "./shared.js";

const DEFAULT_TOP = 10;

/** The terminal's columns, which inspect's lines fit; none in a pipe, where each row stays one line for grep. */
/** The width to fit to, as for the lessons (sys/columns.ts); none in a pipe without COLUMNS: lines whole. */
function terminalWidth(): number | undefined {
  const columns = terminalColumns();
  return Number.isFinite(columns) ? columns : undefined;
}

export async function inspectCommand(target: string | undefined, flags: InspectFlags, shared: SharedOptions): Promise<number> {
  const { lang, t, json } = shared;
  const words = inspectWords(lang);
  if (flags.summary === true) checkSummaryFlags(target, flags.image, words);
  const top = flags.top === undefined ? DEFAULT_TOP : integerOption(t, "--top", flags.top, 0, 10_000);
  if (flags.root !== undefined && flags.image !== undefined) throw new ExitError(EXIT_USAGE, words.rootWithImage);
  const image = imageOptions(target, flags, t, words);
  const chalk = new Chalk({ level: shared.color ? 1 : 0 });
  const width = terminalWidth();
  const style = { words, lang, chalk, width };
  // Loaded only with --html: --help and --json never load the report's writer.
  const html =
    flags.html === undefined
      ? undefined
      : (await import("../inspect/html/command.js")).openHtmlReport(
          flags.html,
          lang,
          target !== undefined || image !== undefined || flags.summary === true,
        );
  if (image !== undefined) {
    const write = async (text: string) => {
      if (!process.stdout.write(text)) await drained();
    };
    return inspectImageCommand(image, { t, words, lang, chalk, width, json, top, write, html });
  }
  const output = new Output();
  const images = new SharedImages(top);
  if (flags.summary === true) {
    const stores = await storesToSummarize(flags.root, words);
    const { summary, layerMap, unreadable, missing } = await readHostSummary({ root: flags.root ?? "/", images, top, stores });
    output.write(json ? `${JSON.stringify(summary)}\n` : renderSummary(summary, style, top));
    // Written before a partial read's exit 1, as the mounts' pages are: what was read is shown.
    html?.writeHost(summary, layerMap);
    if (html !== undefined && !json) output.write(html.writtenLine(width));
    await output.flushed();
    failIfPartial(words, missing, unreadable);
    return EXIT_OK;
  }
  const selection = await selectTargets(target, words, flags.root === undefined ? {} : { root: flags.root });
  const { targets, unreadableNamespaces } = selection;
  const { read, partial } = await readMounts(targets, { top, words, json, html, images, output });
  const missing: string[] = [];
  if (!json) {
    let closed = false;
    if (target === undefined) {
      // The whole host: its summary first, from the stores' own files and the reports just read.
      const host = await readHostSummary({ root: flags.root ?? "/", images, top, read, stores: selection.stores ?? [] });
      const { totals, closedStores } = host.summary;
      if (totals.stores > 0 || closedStores.length > 0) output.write(renderSummary(host.summary, style, top));
      partial.push(...host.unreadable);
      missing.push(...host.missing);
      closed = closedStores.length > 0;
    }
    if (targets.length === 0) output.write(`${nothingFound(words, flags.root, closed)}\n`);
    else if (target === undefined) output.write(hostTotalLine(hostTotals(read), words, chalk, width));
    for (const { target: mount, report } of bySize(read)) output.write(renderMount(mount, report, style));
    // Only a search of every overlay can have missed one in a namespace it could not read.
    if (unreadableNamespaces.length > 0 && target === undefined) {
      output.write(namespacesNote(unreadableNamespaces, process.getuid?.() === 0, words, chalk, width));
    }
    output.write(storeProblemsNote(selection.storeProblems ?? [], words, chalk, width));
  }
  if (html !== undefined) {
    html.writeMounts();
    if (!json) output.write(html.writtenLine(width));
  }
  await output.flushed();
  failIfPartial(words, missing, partial);
  return EXIT_OK;
}

/** Nothing to report: no overlay, no container; only in the stores it could look into, where some are closed to it. */
function nothingFound(words: InspectWords, root: string | undefined, closed: boolean): string {
  if (root !== undefined) return closed ? words.noContainersUnderRootReadable(root) : words.noContainersUnderRoot(root);
  return closed ? words.noOverlaysReadable : words.noOverlays;
}

/** Exit 1 with one line naming what was not counted: layers a store lists that are not on disk (under --root), and what could not be read. */
function failIfPartial(words: InspectWords, missing: readonly string[], unreadable: readonly string[]): void {
  const failed = [
    missing.length > 0 ? words.missingLayers([...new Set(missing)].join(", ")) : "",
    unreadable.length > 0 ? words.partial([...new Set(unreadable)].join(", "), process.getuid?.() === 0) : "",
  ].filter((line) => line !== "");
  if (failed.length > 0) throw new ExitError(EXIT_FAILED, failed.join("; "));
}
