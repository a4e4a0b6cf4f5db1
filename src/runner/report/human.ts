// The terminal reporter: a heading per step, the commands as a learner would type them with
// their output, ✓/✗ per check, one ora spinner per step while it runs (only on a terminal).
// Every line is fitted to the terminal by Screen (screen.ts), in every language.

import { Chalk, type ChalkInstance } from "chalk";
import { formatBytes, formatMs, formatRate } from "../../i18n/format.js";
import { gap, joinWords, type Lang, type Messages } from "../../i18n/index.js";
import { mountsBeneath } from "../../overlay/mountinfo.js";
import { shellQuote } from "../../sys/exec.js";
import { cleanupCommandLine } from "../preflight.js";
import type { CheckRecord, StepRecord } from "../types.js";
import { renderLayerTable } from "./layer-table.js";
import type { Reporter, Summary, WorkspaceJson } from "./reporter.js";
import { Screen, type Style, terminalColumns } from "./screen.js";
import { displayWidth, expandTabs, padEnd, truncate } from "./text.js";

export interface HumanReporterOptions {
  t: Messages;
  lang: Lang;
  color: boolean;
  /** Animate spinners and progress (a terminal, not CI). */
  live: boolean;
  write?: (text: string) => void;
  /** The columns to lay lines out in; the terminal's (screen.ts terminalColumns) unless given. */
  columns?: number;
}

const MAX_OUTPUT_LINES = 40;
const plain: Style = (text) => text;

/**
 * ora costs about 25 ms to load (its width and emoji tables), more than the rest of the lesson's
 * code: it is loaded only when a spinner will really be drawn.
 */
export async function createHumanReporter(options: HumanReporterOptions): Promise<Reporter> {
  const ora = options.live ? (await import("ora")).default : undefined;
  const { t, lang } = options;
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const screen = await Screen.open(options.columns ?? terminalColumns(), options.write ?? ((text: string) => process.stdout.write(text)));
  let stepLabel = "";
  // Out of all the lesson's steps, not only those that ran before an interruption.
  let stepsTotal = 0;
  // ora draws its text on one row: cut it to the terminal, the full title is printed above.
  const spinnerText = (text: string): string => truncate(text, screen.columns - 3);
  const stopSpinner = (): void => {
    screen.spinner?.stop();
    screen.spinner = undefined;
  };

  const block = (text: string, indent: string, style: Style): void => outputBlock(screen, t, text, indent, style, c);

  return {
    lessonStart(lesson, title, workspace, staleRemoved, mode) {
      const name = `overlay-lesson · ${lesson}`;
      screen.lead(c.bold(name) + c.dim(" — "), displayWidth(`${name} — `), title, "  ", c.dim);
      screen.prose(t.report.mode[mode], "", c.dim);
      for (const found of staleRemoved) screen.prose(t.report.staleRemoved(found.path, found.marker?.pid ?? 0), "", c.yellow);
      workspaceLine(screen, t, workspace.root, c);
    },
    stepStart(index, total, _id, title, explain) {
      stepsTotal = total;
      stepLabel = `${t.report.step(index + 1, total)} · ${title}`;
      screen.line();
      screen.prose(`● ${stepLabel}`, "", c.bold.blue);
      screen.prose(explain, "  ", c.italic);
      if (ora) {
        // live was decided once (create.ts); ora's own test (CI set at all, even empty) would
        // otherwise print its frame as a stray "- Step 3/8 · …" line that stop() cannot clear.
        screen.spinner = ora({
          text: spinnerText(stepLabel),
          stream: process.stdout,
          discardStdin: false,
          color: "blue",
          isEnabled: true,
        }).start();
      }
    },
    command(_step, result) {
      screen.command(`  ${c.green("$")} `, shortenHashes(shellQuote(result.argv)), `(${formatMs(result.ms)})`, c.bold, c.dim);
      block(result.stdout, "    ", plain);
      block(result.stderr, "    ", c.red);
      if (result.exitCode !== 0) screen.line(`    ${c.red(t.report.exitCode(result.exitCode))}`);
    },
    action(_step, shell, body) {
      screen.command(`  ${c.green("$")} `, shell, "", c.bold);
      if (body !== undefined) {
        block(body.replace(/\n$/, ""), "    ", c.dim);
        screen.line(`    ${c.bold("EOF")}`);
      }
    },
    say(_step, text) {
      screen.prose(shortenHashes(text), "  ");
    },
    facts(_step, rows) {
      const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
      for (const [label, value] of rows) {
        screen.labelled("    ", `${padEnd(label, labelWidth)}  `, shortenHashes(value), c.bold, plain);
      }
    },
    check(_step, record) {
      checkLines(screen, t, record, c);
    },
    progress(_step, progress) {
      if (progress === undefined) return;
      const text = `${progress.label} ${formatBytes(progress.doneBytes)} / ${formatBytes(progress.totalBytes)} · ${formatRate(progress.bytesPerSecond)}`;
      if (screen.spinner) screen.spinner.text = spinnerText(`${stepLabel} · ${text}`);
    },
    stepEnd(record, keyPoint) {
      if (record.error !== undefined) screen.prose(record.error, "  ", c.red);
      // A skipped step says why, instead of its key point.
      if (record.reason !== undefined) screen.prose(`↷ ${t.report.skipped(record.reason)}`, "  ", c.yellow);
      layerMap(screen, record, t, lang, c);
      if (keyPoint !== undefined && record.status === "passed") screen.prose(`→ ${keyPoint}`, "  ", c.bold);
      stopSpinner();
      const symbol = record.status === "passed" ? c.green("✔") : record.status === "skipped" ? c.yellow("↷") : c.red("✖");
      screen.withTail(stepLabel, `(${formatMs(record.ms)})`, `${symbol} `, plain, c.dim);
    },
    task(_step, task, hint) {
      stopSpinner();
      screen.prose(`✎ ${task}`, "  ", c.bold.yellow);
      screen.prose(joinWords(t.practice.hintLabel, hint), "    ", c.dim);
    },
    pausePrompt() {
      screen.write(c.dim(`${t.report.pressEnter} `));
    },
    teardownStart() {
      stopSpinner();
      screen.line();
      screen.prose(t.report.cleaningUp, "", c.dim);
    },
    teardown(entry) {
      if (entry.ok) screen.prose(`✓ ${entry.label}`, "  ", c.dim, c.green);
      else screen.prose(`✗ ${entry.label}: ${entry.error ?? ""}`, "  ", plain, c.red);
    },
    kept(workspace: WorkspaceJson, mode) {
      keptBlock(screen, t, workspace, mode === "rootless", c);
    },
    summary(summary: Summary) {
      stopSpinner();
      summaryLines(screen, t, summary, stepsTotal, c);
    },
  };
}

/** A command's output as it came, never reflowed: a line too wide is cut under a mark. */
function outputBlock(screen: Screen, t: Messages, text: string, indent: string, style: Style, c: ChalkInstance): void {
  if (text === "") return;
  // Tabs (du's "4.0K<TAB>upper") would jump to the terminal's tab stops, not ours: expand them.
  const rows = shortenHashes(expandTabs(text)).split("\n");
  const shown = rows.slice(0, MAX_OUTPUT_LINES);
  for (const row of shown) screen.raw(row, indent, style, c.dim);
  if (rows.length > shown.length) screen.line(indent + c.dim(t.report.moreLines(rows.length - shown.length)));
}

/** ✓ label, or ✗ label with what was expected and what the kernel showed, each under its label. */
function checkLines(screen: Screen, t: Messages, record: CheckRecord, c: ChalkInstance): void {
  if (record.ok) {
    screen.prose(`✓ ${record.label}`, "  ", plain, c.green);
    return;
  }
  screen.prose(`✗ ${record.label}`, "  ", c.red);
  screen.labelled("      ", labelHead(t.report.expected, record.expected), record.expected, c.dim, plain);
  screen.labelled("      ", labelHead(t.report.observed, record.observed), record.observed, c.dim, plain);
}

/** The run in one line (steps ok, checks held), then one line per check that did not hold. */
function summaryLines(screen: Screen, t: Messages, summary: Summary, stepsTotal: number, c: ChalkInstance): void {
  const checks = summary.steps.flatMap((step) => step.checks);
  const held = checks.filter((check) => check.ok).length;
  const stepsOk = summary.steps.filter((step) => step.status === "passed").length;
  const skipped = summary.steps.filter((step) => step.status === "skipped");
  screen.line();
  if (summary.interrupted !== undefined) screen.prose(t.report.interrupted(summary.interrupted), "", c.yellow.bold);
  const text =
    t.report.summary(stepsOk, Math.max(stepsTotal, summary.steps.length), held, checks.length) +
    (skipped.length > 0 ? t.report.summarySkipped(skipped.length) : "");
  screen.prose(summary.ok ? `✔ ${text}` : `✖ ${text}`, "", summary.ok ? c.green.bold : c.red.bold);
  for (const step of skipped) screen.prose(`↷ ${step.id}: ${step.reason ?? ""}`, "  ", c.yellow);
  for (const step of summary.steps) {
    for (const check of step.checks.filter((item) => !item.ok)) {
      screen.prose(`✗ ${t.report.failedCheck(`${step.id} / ${check.id}`, check.expected, check.observed)}`, "  ", c.red);
    }
  }
}

/** "expected: " or, after full-width punctuation, "预期：" with no space. */
function labelHead(label: string, value: string): string {
  return `${label}${gap(label, value)}`;
}

/** `Workspace: /tmp/…/overlay-lesson-XXXX  (the commands below run from here)`, fitted. */
function workspaceLine(screen: Screen, t: Messages, root: string, c: ChalkInstance): void {
  const head = labelHead(t.report.workspace, root);
  const note = t.report.commandsRunHere;
  // Two spaces set the note apart; a full-width "（" carries its own.
  const apart = gap(root, note) === "" ? "" : "  ";
  if (displayWidth(`${head}${root}${apart}${note}`) <= screen.width) {
    screen.line(`${head}${c.cyan(root)}${apart}${c.dim(note)}`);
    return;
  }
  screen.labelled("", head, root, plain, c.cyan, "raw");
  screen.prose(note, " ".repeat(Math.min(displayWidth(head), 12)), c.dim);
}

/** The map is shown when this step changed a layer: it is the picture of the step. */
function layerMap(screen: Screen, record: StepRecord, t: Messages, lang: Lang, c: ChalkInstance): void {
  if (record.layers === undefined || record.layers.length === 0) return;
  if (record.newStack !== true && !record.layers.some((row) => row.changed)) return;
  const head = labelHead(t.report.layersTitle, t.report.layersLegend);
  screen.lead(
    `  ${c.bold(t.report.layersTitle)}${head.slice(t.report.layersTitle.length)}`,
    2 + displayWidth(head),
    t.report.layersLegend,
    "    ",
    c.dim,
  );
  const style = { changed: c.yellow.bold, dim: c.dim, whiteout: c.magenta, header: c.underline };
  for (const row of renderLayerTable(record.layers, t, lang, screen.columns, style, record.layerNames, record.upperName)) screen.line(row);
}

/** --keep: where the layers are, how to look at them, how to remove them. */
function keptBlock(screen: Screen, t: Messages, workspace: WorkspaceJson, rootless: boolean, c: ChalkInstance): void {
  screen.line();
  screen.prose(rootless ? t.report.keptRootlessTitle : t.report.keptTitle, "", c.bold.yellow);
  if (rootless) screen.prose(t.report.keptRootlessWhy, "  ");
  const rows: Array<[string, string]> = [
    ["root", workspace.root],
    ["lower", workspace.lower.join(":")],
    ["upper", workspace.upper],
    ["work", workspace.work],
    ["merged", workspace.merged],
  ];
  for (const [name, path] of rows) screen.labelled("  ", `${padEnd(name, 7)} `, path, plain, c.cyan, "raw");
  const command = (text: string, style: Style): void => screen.command("  ", text, "", style);
  screen.prose(t.report.keptLook, "");
  command(`ls -la ${shellQuote([workspace.upper])}`, c.bold);
  if (!rootless) command(`findmnt ${shellQuote([workspace.merged])}`, c.bold);
  screen.prose(t.report.keptRemove, "");
  command(cleanupCommandLine(parentOf(workspace.root), process.argv, !rootless), c.bold);
  screen.prose(t.report.keptManual, "", c.dim);
  if (rootless) command(`chmod -R u+rwx ${shellQuote([workspace.root])} && rm -rf ${shellQuote([workspace.root])}`, c.dim);
  else command(`sudo umount ${shellQuote(keptMounts(workspace))} && sudo rm -rf ${shellQuote([workspace.root])}`, c.dim);
}

/** What --keep left mounted beneath the workspace, deepest first (features-demo keeps a dozen); merged when nothing is. */
function keptMounts(workspace: WorkspaceJson): string[] {
  const mounts = mountsBeneath(workspace.root).map((mount) => mount.mountPoint);
  return mounts.length > 0 ? mounts : [workspace.merged];
}

/**
 * Container and layer ids are 64 hex digits: on screen the first 12 say as much (docker does the
 * same); --json and the transcript keep them whole.
 */
export function shortenHashes(text: string): string {
  return text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…");
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}
