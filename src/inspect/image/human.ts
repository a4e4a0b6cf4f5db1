// `inspect --image` for a person: each layer (top first, numbered in build order so that #2 is the
// Containerfile's second layer) with the step that made it, what of it is still seen, what later
// layers hide of it and what it hides; then the image's totals, the largest hidden items each
// traced to the step that added them and the step that hid them, and the one-line fix.

import type { ChalkInstance } from "chalk";
import { formatPercent } from "../../i18n/format.js";
import type { Lang } from "../../i18n/index.js";
import { HIDE_REASONS } from "../../layers/walk.js";
import { formatters } from "../human.js";
import type { InspectWords } from "../words/index.js";
import { keyword, shortInstruction } from "./history.js";
import type { ImageReport } from "./report.js";
import type { RuleResult } from "./thresholds.js";

export interface ImageStyle {
  words: InspectWords;
  lang: Lang;
  chalk: ChalkInstance;
}

/** A rule's limit or figure as the user wrote it: bytes for --max-hidden, percent for the other. */
export function ruleFigure(rule: RuleResult, value: number): string {
  return rule.rule === "max-hidden" ? formatters.bytes(value) : formatPercent(value);
}

/** The stderr line when the gate fails: every crossed rule, with the figure that crossed it. */
export function ciFailure(rules: readonly RuleResult[], words: InspectWords): string | undefined {
  const crossed = rules.filter((rule) => rule.crossed);
  if (crossed.length === 0) return undefined;
  return words.image.ciFailed(
    crossed.map((rule) => words.image.ciRule(`--${rule.rule}`, ruleFigure(rule, rule.limit), ruleFigure(rule, rule.value))),
  );
}

export function renderImage(report: ImageReport, rules: readonly RuleResult[] | undefined, style: ImageStyle): string {
  const { words, chalk: c } = style;
  const w = words.image;
  const { bytes, count } = formatters;
  const numberOf = (layer: number) => report.layers[layer]?.number ?? 0;
  const stepOf = (createdBy: string | null, max: number) =>
    createdBy === null ? w.unknownStep : `\`${shortInstruction(createdBy, max)}\``;
  const lines: string[] = [c.bold(w.title(report.image.name, report.image.runtime, report.image.id.slice(0, 12)))];
  lines.push(`  ${w.layersTitle}`);
  for (const layer of report.layers) {
    const step = layer.step === undefined ? c.dim(w.unknownStep) : shortInstruction(layer.step.createdBy, 72);
    lines.push(`    ${c.bold(`#${layer.number}`)}  ${step}`);
    const reasons = HIDE_REASONS.filter((how) => layer.hides[how] > 0);
    const hidesTotal = reasons.reduce((sum, how) => sum + layer.hides[how], 0);
    // One reason is named alone; several each with their share.
    const details = reasons.map((how) => (reasons.length === 1 ? w.how[how] : w.hideHow(w.how[how], bytes(layer.hides[how]))));
    const figures = w.layerFigures(bytes(layer.bytes), count(layer.files), bytes(layer.visibleBytes), bytes(layer.hiddenBytes));
    lines.push(
      `        ${hidesTotal === 0 ? figures : `${figures}${w.separator}${w.hides(bytes(hidesTotal), details.join(w.listSeparator))}`}`,
    );
    lines.push(`        ${c.dim(layer.dir)}`);
  }
  if (report.emptySteps.length > 0) {
    const keywords = [...new Set(report.emptySteps.map((step) => keyword(step.createdBy)))];
    lines.push(`  ${c.dim(w.emptySteps(count(report.emptySteps.length), keywords.join(w.listSeparator)))}`);
  }
  lines.push(
    `  ${w.totals(bytes(report.bytes), count(report.files), bytes(report.visibleBytes), bytes(report.imageHiddenBytes), formatPercent(report.hiddenPercent))}`,
  );
  if (report.hidden.length > 0) lines.push(`  ${w.largestHidden}`);
  for (const item of report.hidden) {
    const path = item.files === 1 ? item.path : w.manyFiles(item.path, count(item.files));
    lines.push(
      `    ${w.hiddenItem(bytes(item.bytes), path, stepOf(item.addedBy, 40), numberOf(item.layer), stepOf(item.hiddenBy, 40), numberOf(item.hiddenByLayer), w.how[item.how])}`,
    );
  }
  // --top 0 lists no item; the fix still stands when anything is hidden.
  lines.push(`  ${c.cyan("→")} ${report.imageHiddenBytes > 0 ? w.fix : w.nothingHidden}`);
  for (const rule of rules ?? []) {
    const line = w.ciLine(`--${rule.rule}`, ruleFigure(rule, rule.limit), ruleFigure(rule, rule.value), rule.crossed);
    lines.push(`  ${rule.crossed ? c.red(line) : c.green(line)}`);
  }
  if (report.notes.length > 0) {
    lines.push(`  ${c.yellow(words.notes)}`);
    for (const note of report.notes) lines.push(`    ${c.yellow("!")} ${note}`);
  }
  return `${lines.join("\n")}\n`;
}
