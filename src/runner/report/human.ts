// The terminal reporter: a heading per step, the commands as a learner would type them with
// their output, ✓/✗ per check, one ora spinner per step while it runs (only on a terminal).
// Every line is fitted to the terminal by Screen (screen.ts), in every language. One small
// handler per event; the larger blocks (the run's head and summary, --keep, the layer map) are
// in human-blocks.ts.

import { Chalk } from "chalk";
import { formatBytes, formatMs, formatRate } from "../../i18n/format.js";
import { joinWords, type Lang, type Messages } from "../../i18n/index.js";
import type { TeardownEntry } from "../../sys/cleanup.js";
import type { CommandResult } from "../../sys/exec.js";
import { shellQuote } from "../../sys/exec.js";
import type { StepRecord } from "../types.js";
import {
  checkLines,
  type HumanView,
  keptBlock,
  layerMap,
  lessonHead,
  outputBlock,
  plain,
  shortenHashes,
  summaryLines,
} from "./human-blocks.js";
import type { Reporter, WriteProgress } from "./reporter.js";
import { Screen, terminalColumns } from "./screen.js";
import { displayWidth, padEnd, truncate } from "./text.js";

export { shortenHashes };

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

/**
 * ora costs about 25 ms to load (its width and emoji tables), more than the rest of the lesson's
 * code: it is loaded only when a spinner will really be drawn.
 */
export async function createHumanReporter(options: HumanReporterOptions): Promise<Reporter> {
  const ora = options.live ? (await import("ora")).default : undefined;
  const screen = await Screen.open(options.columns ?? terminalColumns(), options.write ?? ((text: string) => process.stdout.write(text)));
  const view: HumanView = {
    screen,
    t: options.t,
    lang: options.lang,
    c: new Chalk({ level: options.color ? 1 : 0 }),
    stepLabel: "",
    stepsTotal: 0,
  };
  return {
    lessonStart: (lesson, title, workspace, staleRemoved, mode) => lessonHead(view, lesson, title, workspace, staleRemoved, mode),
    stepStart: (index, total, _id, title, explain) => stepStart(view, ora, index, total, title, explain),
    command: (_step, result) => command(view, result),
    action: (_step, shell, body) => action(view, shell, body),
    say: (_step, text) => screen.prose(shortenHashes(text), "  "),
    facts: (_step, rows) => facts(view, rows),
    check: (_step, record) => checkLines(view, record),
    progress: (_step, progress) => progressText(view, progress),
    stepEnd: (record, keyPoint) => stepEnd(view, record, keyPoint),
    task: (_step, task, hint) => taskLines(view, task, hint),
    pausePrompt: () => screen.write(view.c.dim(`${view.t.report.pressEnter} `)),
    teardownStart: () => teardownStart(view),
    teardown: (entry) => teardownLine(view, entry),
    kept: (workspace, mode) => keptBlock(view, workspace, mode === "rootless"),
    summary(summary) {
      stopSpinner(view);
      summaryLines(view, summary);
    },
  };
}

// ora draws its text on one row: cut it to the terminal, the full title is printed above.
const spinnerText = (view: HumanView, text: string): string => truncate(text, view.screen.columns - 3);

function stopSpinner({ screen }: HumanView): void {
  screen.spinner?.stop();
  screen.spinner = undefined;
}

type Ora = typeof import("ora").default;

function stepStart(view: HumanView, ora: Ora | undefined, index: number, total: number, title: string, explain: string): void {
  const { screen, t, c } = view;
  view.stepsTotal = total;
  view.stepLabel = `${t.report.step(index + 1, total)} · ${title}`;
  screen.line();
  screen.prose(`● ${view.stepLabel}`, "", c.bold.blue);
  screen.prose(explain, "  ", c.italic);
  if (ora) {
    // live was decided once (create.ts); ora's own test (CI set at all, even empty) would
    // otherwise print its frame as a stray "- Step 3/8 · …" line that stop() cannot clear.
    screen.spinner = ora({
      text: spinnerText(view, view.stepLabel),
      stream: process.stdout,
      discardStdin: false,
      color: "blue",
      isEnabled: true,
    }).start();
  }
}

function command(view: HumanView, result: CommandResult): void {
  const { screen, c } = view;
  screen.command(`  ${c.green("$")} `, shortenHashes(shellQuote(result.argv)), `(${formatMs(result.ms)})`, c.bold, c.dim);
  outputBlock(view, result.stdout, "    ", plain);
  outputBlock(view, result.stderr, "    ", c.red);
  if (result.exitCode !== 0) screen.line(`    ${c.red(view.t.report.exitCode(result.exitCode))}`);
}

function action(view: HumanView, shell: string, body: string | undefined): void {
  const { screen, c } = view;
  screen.command(`  ${c.green("$")} `, shell, "", c.bold);
  if (body !== undefined) {
    outputBlock(view, body.replace(/\n$/, ""), "    ", c.dim);
    screen.line(`    ${c.bold("EOF")}`);
  }
}

function facts(view: HumanView, rows: ReadonlyArray<readonly [string, string]>): void {
  const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
  for (const [label, value] of rows) {
    view.screen.labelled("    ", `${padEnd(label, labelWidth)}  `, shortenHashes(value), view.c.bold, plain);
  }
}

function progressText(view: HumanView, progress: WriteProgress | undefined): void {
  if (progress === undefined) return;
  const text = `${progress.label} ${formatBytes(progress.doneBytes)} / ${formatBytes(progress.totalBytes)} · ${formatRate(progress.bytesPerSecond)}`;
  if (view.screen.spinner) view.screen.spinner.text = spinnerText(view, `${view.stepLabel} · ${text}`);
}

function stepEnd(view: HumanView, record: StepRecord, keyPoint: string | undefined): void {
  const { screen, t, c } = view;
  if (record.error !== undefined) screen.prose(record.error, "  ", c.red);
  // A skipped step says why, instead of its key point.
  if (record.reason !== undefined) screen.prose(`↷ ${t.report.skipped(record.reason)}`, "  ", c.yellow);
  layerMap(view, record);
  if (keyPoint !== undefined && record.status === "passed") screen.prose(`→ ${keyPoint}`, "  ", c.bold);
  stopSpinner(view);
  const symbol = record.status === "passed" ? c.green("✔") : record.status === "skipped" ? c.yellow("↷") : c.red("✖");
  screen.withTail(view.stepLabel, `(${formatMs(record.ms)})`, `${symbol} `, plain, c.dim);
}

function taskLines(view: HumanView, task: string, hint: string): void {
  stopSpinner(view);
  view.screen.prose(`✎ ${task}`, "  ", view.c.bold.yellow);
  view.screen.prose(joinWords(view.t.practice.hintLabel, hint), "    ", view.c.dim);
}

function teardownStart(view: HumanView): void {
  stopSpinner(view);
  view.screen.line();
  view.screen.prose(view.t.report.cleaningUp, "", view.c.dim);
}

function teardownLine({ screen, c }: HumanView, entry: TeardownEntry): void {
  if (entry.ok) screen.prose(`✓ ${entry.label}`, "  ", c.dim, c.green);
  else screen.prose(`✗ ${entry.label}: ${entry.error ?? ""}`, "  ", plain, c.red);
}
