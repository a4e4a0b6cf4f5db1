// inspect for a person: per mount, the container, its layers (numbered in build order, as
// `inspect --image` numbers them), its changes in totals and the largest, the hidden bytes with
// their reasons, and a one-line verdict, in the learner's language, every figure written by
// i18n/format.ts, every line fitted to the terminal (layout.ts).

import type { ChalkInstance } from "chalk";
import { formatBytes, formatCount } from "../i18n/format.js";
import type { Lang } from "../i18n/index.js";
import { CHANGE_KINDS, type ChangeKind } from "../layers/changes.js";
import { podOf } from "../runtime/index.js";
import { layout, type Row } from "./layout.js";
import type { MountReport } from "./report.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

export interface HumanStyle {
  words: InspectWords;
  lang: Lang;
  chalk: ChalkInstance;
  /** The terminal's columns; undefined in a pipe (each row stays one line). */
  width: number | undefined;
}

const MARKS: Record<ChangeKind, string> = { added: "A", changed: "C", deleted: "D", opaque: "O", renamed: "R" };

/** inspect's figures, written as every figure of the program is (i18n/format.ts). */
export const formatters = { bytes: formatBytes, count: formatCount } as const;

/** What a mount holds on disk: its image layers and its upper (a layer shared with others included). */
export function mountBytes(report: MountReport): number {
  return report.layers.reduce((sum, layer) => sum + layer.bytes, 0) + (report.upper?.bytes ?? 0);
}

/** An image layer's number in build order, from its index (top first). */
function numberOf(report: MountReport, layer: number): number {
  return report.layers[layer]?.number ?? report.layers.length - layer;
}

/**
 * What the image's own layers hide, naming the layer (build order) and path of the largest item,
 * or undefined when they hide nothing. From the totals and the largest image group the analysis
 * keeps whatever --top is: never from the top list, which --top 0 empties.
 */
function imageVerdict(report: MountReport, words: InspectWords): string | undefined {
  const largest = report.largestImageHidden;
  if (report.imageHiddenBytes === 0 || largest === null || largest.hiddenByLayer === null) return undefined;
  const layer = numberOf(report, largest.hiddenByLayer);
  return words.verdictImage(formatters.bytes(report.imageHiddenBytes), layer, largest.path, largest.cause);
}

/** The one line a learner remembers: what the image hides and why, and, apart from that, what the container hides. */
export function verdict(report: MountReport, words: InspectWords): string {
  const { bytes, count } = formatters;
  const imageHides = imageVerdict(report, words);
  const image = imageHides ?? words.verdictCleanImage;
  if (report.upper === null) return image;
  const { deleted, opaque } = report.changeTotals;
  const parts = [
    report.copyUps > 0 ? words.copyUps(count(report.copyUps)) : undefined,
    deleted.count > 0 ? words.deletes(count(deleted.count)) : undefined,
    opaque.count > 0 ? words.opaqueDirs(count(opaque.count)) : undefined,
  ].filter((part) => part !== undefined);
  const container =
    report.containerHiddenBytes > 0
      ? words.verdictContainer(bytes(report.containerHiddenBytes), parts, imageHides !== undefined)
      : words.verdictNoContainerHidden;
  return words.verdict(image, container);
}

/**
 * What files take on disk, where it tells something their bytes do not: a sparse file's next to
 * nothing, a layer of small files' whole blocks. Said when the two differ by a tenth and 64 KiB.
 */
export function onDisk(totals: { bytes: number; diskBytes: number }): string | undefined {
  const difference = Math.abs(totals.diskBytes - totals.bytes);
  return difference >= 64 * 1024 && difference >= totals.bytes / 10 ? formatBytes(totals.diskBytes) : undefined;
}

/** `… N more (--top ALL)` under a list that --top cut. */
function moreRow(shown: number, all: number, words: InspectWords, c: ChalkInstance): Row[] {
  return all > shown ? [{ indent: 4, text: words.more(formatCount(all - shown), formatCount(all)), style: c.dim }] : [];
}

function headerRows(target: InspectTarget, report: MountReport, style: HumanStyle): Row[] {
  const { words, chalk: c } = style;
  const rows: Row[] = [
    { indent: 0, mark: "overlay", text: words.title(report.mountPoint ?? "-", formatBytes(mountBytes(report))), style: c.bold },
  ];
  const container = report.container;
  rows.push(
    container === null
      ? { indent: 2, text: words.noContainer, style: c.dim }
      : {
          indent: 2,
          // An image its runtime could not be asked for (named from a store's files) is "?", as an unknown one.
          text: words.container(container.name, container.runtime, container.id.slice(0, 12), target.container?.image || "?"),
        },
  );
  const pod = target.container === null ? null : podOf(target.container);
  if (pod !== null) rows.push({ indent: 2, text: words.pod(`${pod.namespace}/${pod.name}`, pod.container) });
  // "plain" is the JSON's word for layers in no store we know: said in words on screen.
  rows.push({ indent: 2, text: target.store === "plain" ? words.storePlain : words.store(target.store), style: c.dim });
  if (target.owner !== undefined) rows.push({ indent: 2, text: words.storeOwner(target.owner.user, target.owner.uid), style: c.dim });
  if (target.underRoot !== undefined) rows.push({ indent: 2, text: words.underRoot(target.underRoot), style: c.yellow });
  else if (!target.mounted) rows.push({ indent: 2, text: words.notMounted, style: c.yellow });
  if (!target.namespace.own) rows.push({ indent: 2, text: words.otherNamespace(target.namespace.pid), style: c.dim });
  return rows;
}

/** The stack from the top down: the upper, then the image layers, numbered in build order. */
function layerRows(report: MountReport, style: HumanStyle): Row[] {
  const { words, chalk: c } = style;
  const { bytes, count } = formatters;
  const rows: Row[] = [];
  if (report.upper === null) rows.push({ indent: 2, text: words.noUpper, style: c.dim });
  else {
    rows.push({
      indent: 2,
      mark: "upper",
      gap: 2,
      text: words.upper(report.upper.dir, bytes(report.upper.bytes), count(report.upper.files), onDisk(report.upper)),
    });
  }
  rows.push({ indent: 2, text: words.layersTitle });
  const markWidth = `#${report.layers.length}`.length;
  for (const layer of report.layers) {
    rows.push({
      indent: 4,
      mark: `#${layer.number}`.padEnd(markWidth),
      gap: 2,
      text: words.layer(layer.dir, bytes(layer.bytes), count(layer.files), onDisk(layer)),
    });
  }
  return rows;
}

/** Of the changed entries: the copy-ups (the figure the verdict quotes), and those copied up as metadata only. */
function changedParts(report: MountReport, words: InspectWords): string | undefined {
  const parts = [
    report.copyUps > 0 ? words.copyUps(formatters.count(report.copyUps)) : undefined,
    report.metacopies > 0 ? words.metadataOnly(formatters.count(report.metacopies)) : undefined,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(words.listSeparator);
}

function changeRows(report: MountReport, style: HumanStyle): Row[] {
  const { words, chalk: c } = style;
  const { bytes, count } = formatters;
  const total = CHANGE_KINDS.reduce((sum, kind) => sum + report.changeTotals[kind].count, 0);
  if (total === 0) return [{ indent: 2, text: words.noChanges, style: c.dim }];
  const rows: Row[] = [{ indent: 2, text: words.changesTitle(count(total)) }];
  for (const kind of CHANGE_KINDS) {
    const totals = report.changeTotals[kind];
    if (totals.count === 0) continue;
    // The copy-ups among the changed entries: the figure the verdict quotes.
    const of = kind === "changed" ? changedParts(report, words) : undefined;
    rows.push({
      indent: 4,
      text:
        kind === "renamed"
          ? words.renamedCount(count(totals.count))
          : words.changeCount(words.changeKinds[kind], count(totals.count), bytes(totals.bytes), bytes(totals.hiddenBytes), of),
    });
  }
  rows.push(...renameRows(report, style));
  if (report.listableChanges === 0) return rows;
  rows.push({ indent: 2, text: words.largestChanges });
  for (const change of report.largestChanges) {
    const disk = onDisk({ bytes: change.bytes, diskBytes: change.diskBytes });
    const figures = [
      change.metacopy === true ? words.changeMetacopy : undefined,
      change.bytes > 0 || (change.hiddenBytes === 0 && change.metacopy !== true) ? words.changeWritten(bytes(change.bytes)) : undefined,
      disk === undefined ? undefined : words.changeDisk(disk),
      change.hiddenBytes > 0 ? words.changeHides(bytes(change.hiddenBytes)) : undefined,
    ].filter((figure) => figure !== undefined);
    rows.push({ indent: 4, mark: MARKS[change.kind], text: words.change(change.path, figures) });
  }
  return [...rows, ...moreRow(report.largestChanges.length, report.listableChanges, words, c)];
}

/** Renamed directories write and hide nothing, so no "largest" list has them: they are listed here. */
function renameRows(report: MountReport, style: HumanStyle): Row[] {
  const { words, chalk: c } = style;
  if (report.renames.length === 0) return [];
  const rows: Row[] = [{ indent: 2, text: words.renamesTitle }];
  for (const change of report.renames) rows.push({ indent: 4, mark: MARKS.renamed, text: words.renamed(change.path, change.from ?? "") });
  return [...rows, ...moreRow(report.renames.length, report.changeTotals.renamed.count, words, c)];
}

function hiddenRows(report: MountReport, style: HumanStyle): Row[] {
  const { words, chalk: c } = style;
  const { bytes, count } = formatters;
  const rows: Row[] = [{ indent: 2, text: words.hiddenByImage(bytes(report.imageHiddenBytes)) }];
  if (report.upper !== null) rows.push({ indent: 2, text: words.hiddenByContainer(bytes(report.containerHiddenBytes)) });
  if (report.hiddenGroups === 0) return rows;
  rows.push({ indent: 2, text: words.largestHidden });
  for (const group of report.hidden) {
    const cause = words.hiddenBy[group.cause](group.hiddenByLayer === null ? null : numberOf(report, group.hiddenByLayer));
    rows.push({ indent: 4, text: words.hidden(bytes(group.bytes), count(group.files), group.path, numberOf(report, group.layer), cause) });
  }
  return [...rows, ...moreRow(report.hidden.length, report.hiddenGroups, words, c)];
}

export function renderMount(target: InspectTarget, report: MountReport, style: HumanStyle): string {
  const { words, chalk: c } = style;
  const rows: Row[] = [
    ...headerRows(target, report, style),
    ...layerRows(report, style),
    ...(report.upper === null ? [] : changeRows(report, style)),
    ...hiddenRows(report, style),
    { indent: 2, mark: "→", markStyle: c.cyan, text: verdict(report, words) },
  ];
  if (report.notes.length > 0) {
    rows.push({ indent: 2, text: words.notes, style: c.yellow });
    for (const note of report.notes) rows.push({ indent: 4, mark: "!", text: note, style: c.yellow });
  }
  return `${layout(rows, style.width)}\n\n`;
}
