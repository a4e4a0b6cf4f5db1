// --transcript FILE.md: the whole run as Markdown, to keep or hand in. It listens to the same
// events as the terminal and writes the file once, when the summary arrives (an interrupted
// run has a summary too).
import { writeFileSync } from "node:fs";
import { joinWords, type Lang, type Messages } from "../../i18n/index.js";
import { shellQuote } from "../../sys/exec.js";
import { cellText } from "./layer-table.js";
import type { Reporter, Summary } from "./reporter.js";

const fence = "```";

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function createMarkdownReporter(path: string, t: Messages, lang: Lang): Reporter {
  const out: string[] = [];
  let stepHeading = "";
  let stepsTotal = 0;
  let inConsole = false;
  const closeConsole = (): void => {
    if (inConsole) out.push(fence, "");
    inConsole = false;
  };
  const openConsole = (): void => {
    if (!inConsole && out.at(-1) !== "") out.push("");
    if (!inConsole) out.push(`${fence}console`);
    inConsole = true;
  };

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
      stepsTotal = total;
      closeConsole();
      stepHeading = `${t.report.step(index + 1, total)} · ${title}`;
      out.push(`## ${stepHeading}`, "", explain, "");
    },
    command(_step, result) {
      openConsole();
      out.push(`$ ${shellQuote(result.argv)}`);
      if (result.stdout !== "") out.push(result.stdout);
      if (result.stderr !== "") out.push(result.stderr);
      if (result.exitCode !== 0) out.push(`# ${t.report.exitCode(result.exitCode)}`);
    },
    action(_step, shell, body) {
      openConsole();
      out.push(`$ ${shell}`);
      if (body !== undefined) out.push(body.replace(/\n$/, ""), "EOF");
    },
    say(_step, text) {
      closeConsole();
      if (out.at(-1)?.startsWith("- ")) out.push("");
      out.push(text, "");
    },
    facts(_step, rows) {
      closeConsole();
      if (out.at(-1) !== "") out.push("");
      out.push("| | |", "|---|---|", ...rows.map(([label, value]) => `| ${escapeCell(label)} | ${escapeCell(value)} |`), "");
    },
    check(_step, record) {
      closeConsole();
      if (record.ok) out.push(`- ✓ ${record.label}`);
      else
        out.push(
          `- ✗ ${t.report.failedCheck(`**${record.label}**`, `\`${escapeCell(record.expected)}\``, `\`${escapeCell(record.observed)}\``)}`,
        );
    },
    progress() {},
    stepEnd(record, keyPoint) {
      closeConsole();
      out.push("");
      if (record.error !== undefined) out.push(`> ✗ ${record.error}`, "");
      if (record.reason !== undefined) out.push(`> ↷ ${t.report.skipped(record.reason)}`, "");
      if (
        record.layers !== undefined &&
        record.layers.length > 0 &&
        (record.newStack === true || record.layers.some((row) => row.changed))
      ) {
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
      if (keyPoint !== undefined && record.status === "passed") out.push(`**→ ${keyPoint}**`, "");
      const symbol = record.status === "passed" ? "✔" : record.status === "skipped" ? "↷" : "✖";
      out.push(`${symbol} ${stepHeading} (${record.ms.toFixed(1)} ms)`, "");
    },
    pausePrompt() {},
    task(_step, task, hint) {
      closeConsole();
      out.push(`> ✎ ${task}`, ">", `> ${hint}`, "");
    },
    teardownStart() {
      closeConsole();
      out.push(`## ${t.report.cleaningUp}`, "");
    },
    teardown(entry) {
      out.push(entry.ok ? `- ✓ \`${entry.label}\`` : `- ✗ \`${entry.label}\`: ${entry.error ?? ""}`);
    },
    kept(workspace, mode) {
      closeConsole();
      if (mode === "rootless") out.push(`## ${t.report.keptRootlessTitle}`, "", `- root \`${workspace.root}\``, "");
      else out.push(`## ${t.report.keptTitle}`, "", `- root \`${workspace.root}\``, `- merged \`${workspace.merged}\``, "");
    },
    summary(summary: Summary) {
      closeConsole();
      const checks = summary.steps.flatMap((step) => step.checks);
      const skipped = summary.steps.filter((step) => step.status === "skipped");
      const line =
        t.report.summary(
          summary.steps.filter((step) => step.status === "passed").length,
          Math.max(stepsTotal, summary.steps.length),
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
      writeFileSync(path, `${out.join("\n")}\n`);
    },
  };
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
