// inspect for a person: per mount, the container, its layers, its changes in totals and the
// largest, the hidden bytes with their reasons, and a one-line verdict, in the learner's
// language, every figure written by i18n/format.ts.

import type { ChalkInstance } from "chalk";
import { formatBytes, formatCount } from "../i18n/format.js";
import type { Lang } from "../i18n/index.js";
import { CHANGE_KINDS, type ChangeKind } from "../layers/changes.js";
import type { MountReport } from "./report.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

export interface HumanStyle {
  words: InspectWords;
  lang: Lang;
  chalk: ChalkInstance;
}

const MARKS: Record<ChangeKind, string> = { added: "A", changed: "C", deleted: "D", opaque: "O" };

/** inspect's figures, written as every figure of the program is (i18n/format.ts). */
export const formatters = { bytes: formatBytes, count: formatCount } as const;

/** The one line a learner remembers: what the image hides and why, and what the container adds to it. */
export function verdict(report: MountReport, words: InspectWords): string {
  const { bytes, count } = formatters;
  const largestImage = report.hidden.find((group) => group.scope === "image");
  const image =
    report.imageHiddenBytes > 0 && largestImage !== undefined && largestImage.hiddenByLayer !== null
      ? words.verdictImage(bytes(report.imageHiddenBytes), largestImage.hiddenByLayer + 1, largestImage.path, largestImage.cause)
      : words.verdictCleanImage;
  if (report.upper === null) return image;
  const container =
    report.containerHiddenBytes > 0
      ? words.verdictContainer(
          bytes(report.containerHiddenBytes),
          count(report.copyUps),
          count(report.changeTotals.deleted.count + report.changeTotals.opaque.count),
        )
      : words.verdictNoContainerHidden;
  return words.verdict(image, container);
}

export function renderMount(target: InspectTarget, report: MountReport, style: HumanStyle): string {
  const { words, chalk: c } = style;
  const { bytes, count } = formatters;
  const lines: string[] = [c.bold(words.title(report.mountPoint ?? "-"))];
  const container = report.container;
  lines.push(
    `  ${container === null ? c.dim(words.noContainer) : words.container(container.name, container.runtime, container.id.slice(0, 12))}`,
  );
  lines.push(`  ${c.dim(words.store(target.store))}`);
  if (!target.mounted) lines.push(`  ${c.yellow(words.notMounted)}`);
  if (!target.namespace.own) lines.push(`  ${c.dim(words.otherNamespace(target.namespace.pid))}`);
  lines.push(`  ${words.layersTitle}`);
  report.layers.forEach((layer, index) => {
    lines.push(`    ${words.layer(index + 1, layer.dir, bytes(layer.bytes), count(layer.files))}`);
  });
  if (report.upper === null) lines.push(`  ${c.dim(words.noUpper)}`);
  else {
    lines.push(`  ${words.upper(report.upper.dir, bytes(report.upper.bytes), count(report.upper.files))}`);
    const total = CHANGE_KINDS.reduce((sum, kind) => sum + report.changeTotals[kind].count, 0);
    if (total === 0) lines.push(`  ${c.dim(words.noChanges)}`);
    else {
      lines.push(`  ${words.changesTitle(count(total))}`);
      for (const kind of CHANGE_KINDS) {
        const totals = report.changeTotals[kind];
        if (totals.count === 0) continue;
        lines.push(
          `    ${words.changeCount(words.changeKinds[kind], count(totals.count), bytes(totals.bytes), bytes(totals.hiddenBytes))}`,
        );
      }
      if (report.largestChanges.length > 0) lines.push(`  ${words.largestChanges}`);
      for (const change of report.largestChanges) {
        lines.push(`    ${words.change(MARKS[change.kind], change.path, bytes(change.bytes), bytes(change.hiddenBytes))}`);
      }
    }
  }
  lines.push(`  ${words.hiddenTitle(bytes(report.imageHiddenBytes), bytes(report.containerHiddenBytes))}`);
  if (report.hidden.length > 0) {
    lines.push(`  ${words.largestHidden}`);
    for (const group of report.hidden) {
      const by = group.hiddenByLayer === null ? words.byContainer : words.byLayer(group.hiddenByLayer + 1);
      lines.push(`    ${words.hidden(bytes(group.bytes), count(group.files), group.path, group.layer + 1, words.causes[group.cause], by)}`);
    }
  }
  lines.push(`  ${c.cyan("→")} ${verdict(report, words)}`);
  if (report.notes.length > 0) {
    lines.push(`  ${c.yellow(words.notes)}`);
    for (const note of report.notes) lines.push(`    ${c.yellow("!")} ${note}`);
  }
  return `${lines.join("\n")}\n\n`;
}
