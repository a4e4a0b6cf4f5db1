// `overlay-lesson inspect [TARGET]`: any overlay on this host, read from its layers on disk. It
// only reads (DESIGN.md principle 4). Exit 0 when every layer of every mount was read; 1 when a
// mount could only be read in part (each such mount is reported with notes, and one line on
// stderr names them); 2 when TARGET names nothing. For a person, every mount is read before any is
// printed: the largest come first, under the host's totals when no TARGET was given.
// With --image IMAGE it reads an image's layers instead (src/inspect/image/: each layer named by
// the build step that made it, hidden bytes traced to the steps that added and hid them, and a
// --ci gate that exits 1 when a --max-hidden rule is crossed).
import { Chalk } from "chalk";
import type { InspectFlags } from "../cli.js";
import { bySize, hostTotalLine, hostTotals, namespacesNote, type ReadMount } from "../inspect/host.js";
import { renderMount } from "../inspect/human.js";
import { inspectImageCommand } from "../inspect/image/command.js";
import { imageOptions } from "../inspect/image/options.js";
import { JsonMountWriter } from "../inspect/json.js";
import { type MountReport, readMount } from "../inspect/report.js";
import { storeProblemsNote } from "../inspect/stored-targets.js";
import { selectTargets } from "../inspect/targets.js";
import { inspectWords } from "../inspect/words/index.js";
import type { Change } from "../layers/changes.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, ExitError } from "../sys/errors.js";
import { integerOption } from "./options.js";
import type { SharedOptions } from "./shared.js";

const DEFAULT_TOP = 10;

/**
 * Resolves on "drain". Not events.once: it listens for "error" too and would turn the reader
 * going away (EPIPE) into a rejection here; left unhandled, bin.ts exits 141 as for SIGPIPE.
 */
function drained(): Promise<void> {
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}

/** The terminal's columns, which inspect's lines fit; none in a pipe, where each row stays one line for grep. */
function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}

export async function inspectCommand(target: string | undefined, flags: InspectFlags, shared: SharedOptions): Promise<number> {
  const { lang, t, json } = shared;
  const words = inspectWords(lang);
  const top = flags.top === undefined ? DEFAULT_TOP : integerOption(t, "--top", flags.top, 0, 10_000);
  if (flags.root !== undefined && flags.image !== undefined) throw new ExitError(EXIT_USAGE, words.rootWithImage);
  const image = imageOptions(target, flags, t, words);
  const chalk = new Chalk({ level: shared.color ? 1 : 0 });
  const width = terminalWidth();
  // Loaded only with --html: --help and --json never load the report's writer.
  const html =
    flags.html === undefined
      ? undefined
      : (await import("../inspect/html/command.js")).openHtmlReport(flags.html, lang, target !== undefined || image !== undefined);
  if (image !== undefined) {
    const write = async (text: string) => {
      if (!process.stdout.write(text)) await drained();
    };
    return inspectImageCommand(image, { t, words, lang, chalk, width, json, top, write, html });
  }
  const selection = await selectTargets(target, words, flags.root === undefined ? {} : { root: flags.root });
  const { targets, unreadableNamespaces } = selection;
  // process.stdout on a pipe is asynchronous: a 7 MB line is mostly still queued when the
  // walk ends, and bin.ts's process.exit would drop it. So the walk waits for "drain".
  let full = false;
  const write = (text: string) => {
    if (!process.stdout.write(text)) full = true;
  };
  const backpressure = (): Promise<void> | undefined => {
    if (!full) return undefined;
    full = false;
    return drained();
  };
  const partial: string[] = [];
  const read: ReadMount[] = [];
  for (const mount of targets) {
    let report: MountReport;
    // With --html, one walk gives the figures and the page's tree, and the page keeps the changes.
    const page = html?.mount(mount);
    const paged = page === undefined ? {} : { analyze: page.analyze, onChange: (change: Change) => page.change(change) };
    if (json) {
      // Streamed as the walk finds the changes, so in the order the mounts were found.
      const writer = new JsonMountWriter(write);
      writer.start(mount);
      const onChange = (change: Change) => {
        writer.change(change);
        page?.change(change);
      };
      report = await readMount(mount, { top, words, backpressure, ...paged, onChange });
      writer.end(report);
    } else {
      report = await readMount(mount, { top, words, ...paged });
      read.push({ target: mount, report });
    }
    page?.end(report);
    if (report.partial) partial.push(report.mountPoint ?? mount.upper ?? "?");
  }
  if (!json) {
    const style = { words, lang, chalk, width };
    if (targets.length === 0) write(`${flags.root === undefined ? words.noOverlays : words.noContainersUnderRoot(flags.root)}\n`);
    else if (target === undefined) write(hostTotalLine(hostTotals(read), words, chalk, width));
    for (const { target: mount, report } of bySize(read)) write(renderMount(mount, report, style));
    // Only a search of every overlay can have missed one in a namespace it could not read.
    if (unreadableNamespaces.length > 0 && target === undefined) {
      write(namespacesNote(unreadableNamespaces, process.getuid?.() === 0, words, chalk, width));
    }
    write(storeProblemsNote(selection.storeProblems ?? [], words, chalk, width));
  }
  if (html !== undefined) {
    html.writeMounts();
    if (!json) write(html.writtenLine(width));
  }
  if (process.stdout.writableLength > 0) await drained();
  if (partial.length > 0) throw new ExitError(EXIT_FAILED, words.partial(partial.join(", ")));
  return EXIT_OK;
}
