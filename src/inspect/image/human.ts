// `inspect --image` for a person: each layer (top first, numbered in build order so that #2 is the
// Containerfile's second layer, as `inspect` numbers a container's) with the step that made it,
// what of it is still seen, what later layers hide of it and what it hides; then the image's
// totals, the largest hidden items each traced to the step that added them and the step that hid
// them, and the one-line fix; every line fitted to the terminal (../layout.ts).

import type { ChalkInstance } from "chalk";
import { formatPercent } from "../../i18n/format.js";
import type { Lang } from "../../i18n/index.js";
import { HIDE_REASONS } from "../../layers/walk.js";
import { formatters } from "../human.js";
import { layout, type Row } from "../layout.js";
import type { InspectWords } from "../words/index.js";
import { keyword, shortInstruction } from "./history.js";
import type { ImageReport } from "./report.js";
import type { RuleResult } from "./thresholds.js";

export interface ImageStyle {
  words: InspectWords;
  lang: Lang;
  chalk: ChalkInstance;
  /** The terminal's columns; undefined in a pipe (each row stays one line). */
  width: number | undefined;
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

/** Each layer, top first, numbered in build order: its step, its figures, its directory. */
function layerRows(report: ImageReport, style: ImageStyle): Row[] {
  const { words, chalk: c } = style;
  const w = words.image;
  const { bytes, count } = formatters;
  const markWidth = `#${report.layers.length}`.length;
  return report.layers.flatMap((layer): Row[] => {
    const step = layer.step === undefined ? w.unknownStep : shortInstruction(layer.step.createdBy, 72);
    const reasons = HIDE_REASONS.filter((how) => layer.hides[how] > 0);
    const hidesTotal = reasons.reduce((sum, how) => sum + layer.hides[how], 0);
    // One reason is named alone; several each with their share.
    const details = reasons.map((how) => (reasons.length === 1 ? w.how[how] : w.hideHow(w.how[how], bytes(layer.hides[how]))));
    const figures = w.layerFigures(bytes(layer.bytes), count(layer.files), bytes(layer.visibleBytes), bytes(layer.hiddenBytes));
    return [
      {
        indent: 4,
        mark: `#${layer.number}`.padEnd(markWidth),
        markStyle: c.bold,
        gap: 2,
        text: step,
        ...(layer.step === undefined ? { style: c.dim } : {}),
      },
      {
        indent: 8,
        text: hidesTotal === 0 ? figures : `${figures}${w.separator}${w.hides(bytes(hidesTotal), details.join(w.listSeparator))}`,
      },
      { indent: 8, text: layer.dir, style: c.dim },
    ];
  });
}

export function renderImage(report: ImageReport, rules: readonly RuleResult[] | undefined, style: ImageStyle): string {
  const { words, chalk: c } = style;
  const w = words.image;
  const { bytes, count } = formatters;
  const numberOf = (layer: number) => report.layers[layer]?.number ?? 0;
  const stepOf = (createdBy: string | null, max: number) =>
    createdBy === null ? w.unknownStep : `\`${shortInstruction(createdBy, max)}\``;
  const rows: Row[] = [
    { indent: 0, text: w.title(report.image.name, report.image.runtime, report.image.id.slice(0, 12)), style: c.bold },
    { indent: 2, text: w.layersTitle },
    ...layerRows(report, style),
  ];
  if (report.emptySteps.length > 0) {
    const keywords = [...new Set(report.emptySteps.map((step) => keyword(step.createdBy)))];
    rows.push({ indent: 2, text: w.emptySteps(count(report.emptySteps.length), keywords.join(w.listSeparator)), style: c.dim });
  }
  rows.push({
    indent: 2,
    text: w.totals(
      bytes(report.bytes),
      count(report.files),
      bytes(report.visibleBytes),
      bytes(report.imageHiddenBytes),
      formatPercent(report.hiddenPercent),
    ),
  });
  if (report.hiddenGroups > 0) rows.push({ indent: 2, text: w.largestHidden });
  for (const item of report.hidden) {
    const path = item.files === 1 ? item.path : w.manyFiles(item.path, count(item.files));
    rows.push({
      indent: 4,
      text: w.hiddenItem(
        bytes(item.bytes),
        path,
        stepOf(item.addedBy, 40),
        numberOf(item.layer),
        stepOf(item.hiddenBy, 40),
        numberOf(item.hiddenByLayer),
        w.how[item.how],
      ),
    });
  }
  if (report.hiddenGroups > report.hidden.length) {
    rows.push({ indent: 4, text: w.more(count(report.hiddenGroups - report.hidden.length), count(report.hiddenGroups)), style: c.dim });
  }
  // --top 0 lists no item; the fix still stands when anything is hidden.
  rows.push({ indent: 2, mark: "→", markStyle: c.cyan, text: report.imageHiddenBytes > 0 ? w.fix : w.nothingHidden });
  for (const rule of rules ?? []) {
    const line = w.ciLine(`--${rule.rule}`, ruleFigure(rule, rule.limit), ruleFigure(rule, rule.value), rule.crossed);
    rows.push({ indent: 2, text: line, style: rule.crossed ? c.red : c.green });
  }
  if (report.notes.length > 0) {
    rows.push({ indent: 2, text: words.notes, style: c.yellow });
    for (const note of report.notes) rows.push({ indent: 4, mark: "!", text: note, style: c.yellow });
  }
  return `${layout(rows, style.width)}\n`;
}
