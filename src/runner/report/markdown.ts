// --transcript FILE.md: the whole run as Markdown, to keep or hand in. It listens to the same
// events as the terminal and writes the file once, when the summary arrives (an interrupted
// run has a summary too). One small handler per event, over the lines written so far.
import { writeFileSync } from "node:fs";
import { joinWords, type Lang, type Messages } from "../../i18n/index.js";
import { shellQuote } from "../../sys/exec.js";
import type { StepRecord } from "../types.js";
import { cellText } from "./layer-table.js";
import type { Reporter, Summary } from "./reporter.js";

const fence = "```";

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The transcript so far, and where a handler is in it. */
interface Transcript {
  readonly out: string[];
  readonly t: Messages;
  readonly lang: Lang;
  /** "Step 3/8 · title": the step's closing line repeats it. */
  stepHeading: string;
  stepsTotal: number;
  /** Inside a ```console block (commands and their output run on until prose comes). */
  inConsole: boolean;
}

function closeConsole(doc: Transcript): void {
  if (doc.inConsole) doc.out.push(fence, "");
  doc.inConsole = false;
}

function openConsole(doc: Transcript): void {
  if (!doc.inConsole && doc.out.at(-1) !== "") doc.out.push("");
  if (!doc.inConsole) doc.out.push(`${fence}console`);
  doc.inConsole = true;
}

/** Prose after commands or a table: the console block closes first. */
function prose(doc: Transcript, ...lines: string[]): void {
  closeConsole(doc);
  doc.out.push(...lines);
}

export function createMarkdownReporter(path: string, t: Messages, lang: Lang): Reporter {
  const doc: Transcript = { out: [], t, lang, stepHeading: "", stepsTotal: 0, inConsole: false };
  const { out } = doc;
  return {
    lessonStart(lesson, title, workspace, staleRemoved, mode) {
      out.push(`# overlay-lesson · ${lesson}`, "", `**${title}**`, "");
      out.push(
        `- ${joinWords(t.report.workspace, `\`${workspace.root}\``)}`,
        `- ${t.report.mode[mode]}`,
        `- ${new Date().toISOString()}`,
        "",
      );
      for (const found of staleRemoved) out.push(`> ${t.report.staleRemoved(found.path, found.marker?.pid ?? 0)}`, "");
    },
    stepStart(index, total, _id, title, explain) {
      doc.stepsTotal = total;
      doc.stepHeading = `${t.report.step(index + 1, total)} · ${title}`;
      prose(doc, `## ${doc.stepHeading}`, "", explain, "");
    },
    command(_step, result) {
      openConsole(doc);
      out.push(`$ ${shellQuote(result.argv)}`);
      if (result.stdout !== "") out.push(result.stdout);
      if (result.stderr !== "") out.push(result.stderr);
      if (result.exitCode !== 0) out.push(`# ${t.report.exitCode(result.exitCode)}`);
    },
    action(_step, shell, body) {
      openConsole(doc);
      out.push(`$ ${shell}`);
      if (body !== undefined) out.push(body.replace(/\n$/, ""), "EOF");
    },
    say(_step, text) {
      closeConsole(doc);
      if (out.at(-1)?.startsWith("- ")) out.push("");
      out.push(text, "");
    },
    facts(_step, rows) {
      closeConsole(doc);
      if (out.at(-1) !== "") out.push("");
      out.push("| | |", "|---|---|", ...rows.map(([label, value]) => `| ${escapeCell(label)} | ${escapeCell(value)} |`), "");
    },
    check(_step, record) {
      const failed = () =>
        `- ✗ ${t.report.failedCheck(`**${record.label}**`, `\`${escapeCell(record.expected)}\``, `\`${escapeCell(record.observed)}\``)}`;
      prose(doc, record.ok ? `- ✓ ${record.label}` : failed());
    },
    progress() {},
    stepEnd: (record, keyPoint) => stepEnd(doc, record, keyPoint),
    pausePrompt() {},
    task: (_step, task, hint) => prose(doc, `> ✎ ${task}`, ">", `> ${hint}`, ""),
    teardownStart: () => prose(doc, `## ${t.report.cleaningUp}`, ""),
    teardown(entry) {
      out.push(entry.ok ? `- ✓ \`${entry.label}\`` : `- ✗ \`${entry.label}\`: ${entry.error ?? ""}`);
    },
    kept(workspace, mode) {
      if (mode === "rootless") prose(doc, `## ${t.report.keptRootlessTitle}`, "", `- root \`${workspace.root}\``, "");
      else prose(doc, `## ${t.report.keptTitle}`, "", `- root \`${workspace.root}\``, `- merged \`${workspace.merged}\``, "");
    },
    summary(summary) {
      summaryLines(doc, summary);
      writeFileSync(path, `${out.join("\n")}\n`);
    },
  };
}

function stepEnd(doc: Transcript, record: StepRecord, keyPoint: string | undefined): void {
  const { out, t } = doc;
  prose(doc, "");
  if (record.error !== undefined) out.push(`> ✗ ${record.error}`, "");
  if (record.reason !== undefined) out.push(`> ↷ ${t.report.skipped(record.reason)}`, "");
  layerTable(doc, record);
  if (keyPoint !== undefined && record.status === "passed") out.push(`**→ ${keyPoint}**`, "");
  const symbol = record.status === "passed" ? "✔" : record.status === "skipped" ? "↷" : "✖";
  out.push(`${symbol} ${doc.stepHeading} (${record.ms.toFixed(1)} ms)`, "");
}

/** The layer map as a table, when the step changed a layer (as on the terminal). */
function layerTable({ out, t, lang }: Transcript, record: StepRecord): void {
  if (record.layers === undefined || record.layers.length === 0) return;
  if (record.newStack !== true && !record.layers.some((row) => row.changed)) return;
  out.push(joinWords(`**${t.report.layersTitle}**`, t.report.layersLegend), "");
  // Bottom to top, as the image was built: each lower layer, then upper, then merged.
  const lowerNames = [...(record.layerNames ?? record.layers[0]?.lowers.map((_, index) => `L${index + 1}`) ?? [])].reverse();
  const headers = [...lowerNames, record.upperName ?? "upper", "merged"];
  out.push(`| | ${t.report.layerPath} | ${headers.map(escapeCell).join(" | ")} |`, `|---|---|${headers.map(() => "---").join("|")}|`);
  for (const row of record.layers) {
    const cells = [...[...row.lowers].reverse(), row.upper, row.merged].map((cell) => escapeCell(cellText(cell, t, lang)));
    const mark = row.changed ? "▶" : "";
    const path = row.changed ? `**${escapeCell(row.path)}**` : escapeCell(row.path);
    out.push(`| ${mark} | ${path} | ${cells.join(" | ")} |`);
  }
  out.push("");
}

/** The run in one line, what was skipped and why, and the metrics. */
function summaryLines(doc: Transcript, summary: Summary): void {
  const { out, t } = doc;
  closeConsole(doc);
  const checks = summary.steps.flatMap((step) => step.checks);
  const skipped = summary.steps.filter((step) => step.status === "skipped");
  const line =
    t.report.summary(
      summary.steps.filter((step) => step.status === "passed").length,
      Math.max(doc.stepsTotal, summary.steps.length),
      checks.filter((check) => check.ok).length,
      checks.length,
    ) + (skipped.length > 0 ? t.report.summarySkipped(skipped.length) : "");
  out.push("", "---", "");
  if (summary.interrupted !== undefined) out.push(`**${t.report.interrupted(summary.interrupted)}**`, "");
  out.push(`**${summary.ok ? "✔" : "✖"} ${line}**`, "");
  for (const step of skipped) out.push(`- ↷ \`${step.id}\`: ${step.reason ?? ""}`);
  if (skipped.length > 0) out.push("");
  if (Object.keys(summary.metrics).length > 0) {
    out.push("| metric | value |", "|---|---|");
    for (const [name, value] of Object.entries(summary.metrics))
      out.push(`| ${name} | ${Array.isArray(value) ? value.join(" – ") : value} |`);
    out.push("");
  }
}

/** Send every event to several reporters, in order. */
export function teeReporter(...reporters: Reporter[]): Reporter {
  const all =
    <K extends keyof Reporter>(key: K) =>
    (...args: Parameters<Reporter[K]>): void => {
      for (const reporter of reporters) (reporter[key] as (...a: Parameters<Reporter[K]>) => void)(...args);
    };
  return {
    lessonStart: all("lessonStart"),
    stepStart: all("stepStart"),
    command: all("command"),
    action: all("action"),
    say: all("say"),
    facts: all("facts"),
    check: all("check"),
    progress: all("progress"),
    stepEnd: all("stepEnd"),
    pausePrompt: all("pausePrompt"),
    task: all("task"),
    teardownStart: all("teardownStart"),
    teardown: all("teardown"),
    kept: all("kept"),
    summary: all("summary"),
  };
}
