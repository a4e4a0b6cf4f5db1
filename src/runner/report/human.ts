// The terminal reporter: a heading per step, the commands as a learner would type them with
// their output, ✓/✗ per check, one ora spinner per step while it runs (only on a terminal).

import { Chalk, type ChalkInstance } from "chalk";
import type { Ora } from "ora";
import { formatBytes, formatRate } from "../../i18n/format.js";
import type { Lang, Messages } from "../../i18n/index.js";
import { mountsBeneath } from "../../overlay/mountinfo.js";
import { shellQuote } from "../../sys/exec.js";
import { cleanupCommand } from "../preflight.js";
import { renderLayerTable } from "./layer-table.js";
import type { Reporter, Summary, WorkspaceJson } from "./reporter.js";
import { displayWidth, expandTabs, formatMs, padEnd, wrap } from "./text.js";

export interface HumanReporterOptions {
  t: Messages;
  lang: Lang;
  color: boolean;
  /** Animate spinners and progress (a terminal, not CI). */
  live: boolean;
  write?: (text: string) => void;
}

const MAX_OUTPUT_LINES = 40;

/**
 * ora costs about 25 ms to load (its width and emoji tables), more than the rest of the lesson's
 * code: it is loaded only when a spinner will really be drawn.
 */
export async function createHumanReporter(options: HumanReporterOptions): Promise<Reporter> {
  const ora = options.live ? (await import("ora")).default : undefined;
  const { t, lang } = options;
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  // Prose reads best within 100 columns; the layer map may use the whole terminal.
  const width = Math.min(process.stdout.columns || 80, 100);
  const tableWidth = process.stdout.columns || 80;
  const out = options.write ?? ((text: string) => process.stdout.write(text));
  let spinner: Ora | undefined;
  let stepLabel = "";
  // Out of all the lesson's steps, not only those that ran before an interruption.
  let stepsTotal = 0;

  function line(text = ""): void {
    spinner?.clear();
    out(`${text}\n`);
    spinner?.render();
  }

  function prose(text: string, indent = "  ", style: (s: string) => string = (s) => s): void {
    // A bullet or arrow hangs: its continuation lines start under the text, not under the mark.
    const mark = /^[•→↷] /.exec(text)?.[0] ?? "";
    const rows = wrap(text.slice(mark.length), width - indent.length - mark.length);
    rows.forEach((row, index) => {
      if (row === "") line("");
      else line(indent + style((index === 0 ? mark : " ".repeat(mark.length)) + row));
    });
  }

  function block(text: string, indent: string, style: (s: string) => string): void {
    if (text === "") return;
    // Tabs (du's "4.0K<TAB>upper") would jump to the terminal's tab stops, not ours: expand them.
    const rows = shortenHashes(expandTabs(text)).split("\n");
    const shown = rows.slice(0, MAX_OUTPUT_LINES);
    for (const row of shown) line(indent + style(row));
    if (rows.length > shown.length) line(indent + c.dim(t.report.moreLines(rows.length - shown.length)));
  }

  return {
    lessonStart(lesson, title, workspace, staleRemoved, mode) {
      line(c.bold(`overlay-lesson · ${lesson}`) + c.dim(` — ${title}`));
      prose(t.report.mode[mode], "", c.dim);
      for (const found of staleRemoved) line(c.yellow(t.report.staleRemoved(found.path, found.marker?.pid ?? 0)));
      line(`${t.report.workspace} ${c.cyan(workspace.root)}  ${c.dim(t.report.commandsRunHere)}`);
    },
    stepStart(index, total, _id, title, explain) {
      stepsTotal = total;
      stepLabel = `${t.report.step(index + 1, total)} · ${title}`;
      line();
      line(c.bold.blue(`● ${stepLabel}`));
      prose(explain, "  ", c.italic);
      if (ora) {
        spinner = ora({ text: stepLabel, stream: process.stdout, discardStdin: false, color: "blue" }).start();
      }
    },
    command(_step, result) {
      line(`  ${c.green("$")} ${c.bold(shortenHashes(shellQuote(result.argv)))}${c.dim(` (${formatMs(result.ms)})`)}`);
      block(result.stdout, "    ", (s) => s);
      block(result.stderr, "    ", c.red);
      if (result.exitCode !== 0) line(`    ${c.red(t.report.exitCode(result.exitCode))}`);
    },
    action(_step, shell, body) {
      line(`  ${c.green("$")} ${c.bold(shell)}`);
      if (body !== undefined) {
        block(body.replace(/\n$/, ""), "    ", c.dim);
        line(`    ${c.bold("EOF")}`);
      }
    },
    say(_step, text) {
      prose(shortenHashes(text), "  ");
    },
    facts(_step, rows) {
      const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
      // Values wrap under themselves, not under the label.
      const valueWidth = Math.max(20, width - 6 - labelWidth);
      for (const [label, value] of rows) {
        wrap(shortenHashes(value), valueWidth).forEach((part, index) => {
          line(`    ${index === 0 ? c.bold(padEnd(label, labelWidth)) : " ".repeat(labelWidth)}  ${part}`);
        });
      }
    },
    check(_step, record) {
      if (record.ok) {
        line(`  ${c.green("✓")} ${record.label}`);
      } else {
        line(`  ${c.red("✗")} ${c.red(record.label)}`);
        line(`      ${c.dim(t.report.expected)} ${record.expected}`);
        line(`      ${c.dim(t.report.observed)} ${record.observed}`);
      }
    },
    progress(_step, progress) {
      if (progress === undefined) return;
      const text = `${progress.label} ${formatBytes(progress.doneBytes)} / ${formatBytes(progress.totalBytes)} · ${formatRate(progress.bytesPerSecond)}`;
      if (spinner) spinner.text = `${stepLabel} · ${text}`;
    },
    stepEnd(record, keyPoint) {
      if (record.error !== undefined) line(`  ${c.red(record.error)}`);
      if (record.reason !== undefined) prose(`↷ ${t.report.skipped(record.reason)}`, "  ", c.yellow);
      // The map is shown when this step changed a layer: it is the picture of the step.
      if (
        record.layers !== undefined &&
        record.layers.length > 0 &&
        (record.newStack === true || record.layers.some((row) => row.changed))
      ) {
        line(`  ${c.bold(t.report.layersTitle)} ${c.dim(t.report.layersLegend)}`);
        const style = { changed: c.yellow.bold, dim: c.dim, whiteout: c.magenta, header: c.underline };
        for (const row of renderLayerTable(record.layers, t, lang, tableWidth, style, record.layerNames, record.upperName)) line(row);
      }
      if (keyPoint !== undefined && record.status === "passed") prose(`→ ${keyPoint}`, "  ", c.bold);
      const finalText = `${stepLabel} ${c.dim(`(${formatMs(record.ms)})`)}`;
      const symbol = record.status === "passed" ? c.green("✔") : record.status === "skipped" ? c.yellow("↷") : c.red("✖");
      if (spinner) {
        spinner.stopAndPersist({ symbol, text: finalText });
        spinner = undefined;
      } else {
        line(`${symbol} ${finalText}`);
      }
    },
    task(_step, task, hint) {
      spinner?.stop();
      spinner = undefined;
      prose(`✎ ${task}`, "  ", c.bold.yellow);
      prose(`${t.practice.hintLabel} ${hint}`, "    ", c.dim);
    },
    pausePrompt() {
      out(c.dim(`${t.report.pressEnter} `));
    },
    teardownStart() {
      spinner?.stop();
      spinner = undefined;
      line();
      line(c.dim(t.report.cleaningUp));
    },
    teardown(entry) {
      line(entry.ok ? `  ${c.green("✓")} ${c.dim(entry.label)}` : `  ${c.red("✗")} ${entry.label}: ${entry.error ?? ""}`);
    },
    kept(workspace: WorkspaceJson, mode) {
      line();
      const rootless = mode === "rootless";
      line(c.bold.yellow(rootless ? t.report.keptRootlessTitle : t.report.keptTitle));
      if (rootless) prose(t.report.keptRootlessWhy, "  ");
      const rows: Array<[string, string]> = [
        ["root", workspace.root],
        ["lower", workspace.lower.join(":")],
        ["upper", workspace.upper],
        ["work", workspace.work],
        ["merged", workspace.merged],
      ];
      for (const [name, path] of rows) line(`  ${padEnd(name, 7)} ${c.cyan(path)}`);
      line(t.report.keptLook);
      line(`  ${c.bold(`ls -la ${shellQuote([workspace.upper])}`)}`);
      if (!rootless) line(`  ${c.bold(`findmnt ${shellQuote([workspace.merged])}`)}`);
      line(t.report.keptRemove);
      line(`  ${c.bold(cleanupCommand(parentOf(workspace.root), process.argv, !rootless))}`);
      line(c.dim(t.report.keptManual));
      if (rootless) line(`  ${c.dim(`chmod -R u+rwx ${shellQuote([workspace.root])} && rm -rf ${shellQuote([workspace.root])}`)}`);
      else line(`  ${c.dim(`sudo umount ${shellQuote(keptMounts(workspace))} && sudo rm -rf ${shellQuote([workspace.root])}`)}`);
    },
    summary(summary: Summary) {
      spinner?.stop();
      spinner = undefined;
      const checks = summary.steps.flatMap((step) => step.checks);
      const held = checks.filter((check) => check.ok).length;
      const stepsOk = summary.steps.filter((step) => step.status === "passed").length;
      const skipped = summary.steps.filter((step) => step.status === "skipped");
      line();
      if (summary.interrupted !== undefined) {
        line(c.yellow.bold(t.report.interrupted(summary.interrupted)));
      }
      const text =
        t.report.summary(stepsOk, Math.max(stepsTotal, summary.steps.length), held, checks.length) +
        (skipped.length > 0 ? t.report.summarySkipped(skipped.length) : "");
      line(summary.ok ? c.green.bold(`✔ ${text}`) : c.red.bold(`✖ ${text}`));
      for (const step of skipped) prose(`↷ ${step.id}: ${step.reason ?? ""}`, "  ", c.yellow);
      for (const step of summary.steps) {
        for (const check of step.checks.filter((item) => !item.ok)) {
          line(c.red(`  ✗ ${step.id} / ${check.id}: ${t.report.expected} ${check.expected}; ${t.report.observed} ${check.observed}`));
        }
      }
    },
  };
}

/**
 * Container and layer ids are 64 hex digits: on screen the first 12 say as much (docker does the
 * same); --json and the transcript keep them whole.
 */
export function shortenHashes(text: string): string {
  return text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…");
}

/** What --keep left mounted beneath the workspace, deepest first (features-demo keeps a dozen); merged when nothing is. */
function keptMounts(workspace: WorkspaceJson): string[] {
  const mounts = mountsBeneath(workspace.root).map((mount) => mount.mountPoint);
  return mounts.length > 0 ? mounts : [workspace.merged];
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}
