// What the panels draw, taken from the page's data: the --json document's figures as they are
// (per layer bytes, hidden bytes, the hidden items), the tree's exact per-fate sums where --json
// has no figure (a mount's per-layer split), and every word in the page's language. One view per
// image or mount; a host page (inspect --summary) will have views and panels of its own.
import { formatBytes, formatCount, formatPercent } from "../../../i18n/format.js";
import { instruction, shortInstruction } from "../../image/history.js";
import { type InspectWords, inspectWords } from "../../words/index.js";
import type { ImagePage, MountSection, PageData } from "../page-data.js";
import { FATE, type Fate, type TreeData } from "../tree-data.js";
import { type HtmlWords, htmlWords } from "../words/index.js";

export interface PageLayer {
  /** Build order; null for a container's writable layer. */
  number: number | null;
  /** The whole build step, or null when nobody can say (a mount's layers). */
  step: string | null;
  /** The name the treemap, the bars and the tooltips give it. */
  name: string;
  dir: string;
  bytes: number;
  files: number | null;
  /** Bytes per fate. */
  fateBytes: number[];
  /** What the bar's figures line says. */
  figures: string;
  /** The layer's index in the tree's layers (top first). */
  treeIndex: number;
}

export interface FigureView {
  label: string;
  bytes: number;
  detail: string | null;
  fate: Fate | null;
  id: string;
}

export interface HiddenRow {
  path: string;
  bytes: number;
  addedBy: string;
  hiddenBy: string;
  how: string;
  fix: string;
}

export interface SectionView {
  heading: string;
  lines: string[];
  figures: FigureView[];
  /** The largest hidden item, as the terminal writes it; null when nothing is hidden. */
  largest: string | null;
  storeName: string;
  /** Build order, #1 first; a container's layer last. */
  layers: PageLayer[];
  rows: HiddenRow[];
  hiddenGroups: number;
  notes: string[];
  tree: TreeData;
  /** Fates this section has bytes of (the legend shows only those). */
  fates: Fate[];
}

export interface PageWords {
  page: HtmlWords;
  inspect: InspectWords;
}

export function pageWords(data: PageData): PageWords {
  return { page: htmlWords(data.lang), inspect: inspectWords(data.lang) };
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

function treeNotes(tree: TreeData, words: HtmlWords): string[] {
  if (tree.foldedFiles === 0) return [];
  if (tree.foldedUnder === 0) return [words.notes.foldedEmpty(formatCount(tree.drawnFiles), formatCount(tree.foldedFiles))];
  return [words.notes.folded(formatCount(tree.drawnFiles), formatCount(tree.foldedFiles), formatBytes(tree.foldedUnder))];
}

function presentFates(tree: TreeData): Fate[] {
  const fates: Fate[] = [FATE.seen, FATE.imageHidden, FATE.containerHidden, FATE.written];
  return fates.filter((fate) => tree.layers.some((layer) => (layer.fateBytes[fate] ?? 0) > 0));
}

export function imageView(data: ImagePage, words: PageWords): SectionView {
  const { json, tree } = data;
  const w = words.inspect.image;
  const p = words.page;
  const step = (createdBy: string | null, max: number) => (createdBy === null ? w.unknownStep : `\`${shortInstruction(createdBy, max)}\``);
  const layers: PageLayer[] = json.layers.map((layer, index) => {
    const how = (["whiteout", "opaque", "newer-copy"] as const).filter((reason) => layer.hides[reason] > 0);
    const details = how.map((reason) => w.hideHow(w.how[reason], formatBytes(layer.hides[reason]))).join(w.listSeparator);
    const figures = w.layerFigures(
      formatBytes(layer.bytes),
      formatCount(layer.files),
      formatBytes(layer.visibleBytes),
      formatBytes(layer.hiddenBytes),
    );
    return {
      number: layer.number,
      step: layer.createdBy,
      name: p.layerName(layer.number, layer.createdBy === null ? w.unknownStep : shortInstruction(layer.createdBy, 60)),
      dir: layer.dir,
      bytes: layer.bytes,
      files: layer.files,
      fateBytes: tree.layers[index]?.fateBytes ?? [],
      figures: layer.hidesBytes > 0 ? `${figures}${w.separator}${w.hides(formatBytes(layer.hidesBytes), details)}` : figures,
      treeIndex: index,
    };
  });
  const [first] = json.hidden;
  const largest =
    first === undefined
      ? null
      : w.hiddenItem(
          formatBytes(first.bytes),
          first.files === 1 ? first.path : w.manyFiles(first.path, formatCount(first.files)),
          step(first.addedBy, 40),
          first.layerNumber,
          step(first.hiddenBy, 40),
          first.hiddenByLayerNumber,
          w.how[first.how],
        );
  return {
    heading: p.imageHeading(json.image.name, json.image.runtime, json.image.id.slice(0, 12)),
    lines: [],
    figures: [
      { id: "on-disk", label: p.figures.onDisk, bytes: json.bytes, detail: p.figures.files(formatCount(json.files)), fate: null },
      { id: "seen", label: p.figures.seen, bytes: json.visibleBytes, detail: null, fate: FATE.seen },
      {
        id: "image-hidden",
        label: p.figures.hiddenByImage,
        bytes: json.imageHiddenBytes,
        detail: p.figures.ofImage(formatPercent(json.hiddenPercent)),
        fate: FATE.imageHidden,
      },
    ],
    largest,
    storeName: p.storeName(json.image.runtime),
    layers: [...layers].reverse(),
    rows: json.hidden.map((item) => ({
      path: item.files === 1 ? item.path : p.hidden.manyFiles(item.path, formatCount(item.files)),
      bytes: item.bytes,
      addedBy: p.hidden.step(item.layerNumber, item.addedBy === null ? w.unknownStep : instruction(item.addedBy)),
      hiddenBy: p.hidden.step(item.hiddenByLayerNumber, item.hiddenBy === null ? w.unknownStep : instruction(item.hiddenBy)),
      how: w.how[item.how],
      fix: w.fix,
    })),
    hiddenGroups: data.hiddenGroups,
    notes: [...json.notes, ...treeNotes(tree, p)],
    tree,
    fates: presentFates(tree),
  };
}

export function mountView(section: MountSection, words: PageWords): SectionView {
  const { json, tree } = section;
  const p = words.page;
  const i = words.inspect;
  const layers: PageLayer[] = json.layers.map((layer, index) => {
    const treeIndex = index + (json.upper === null ? 0 : 1);
    const fateBytes = tree.layers[treeIndex]?.fateBytes ?? [];
    const seen = fateBytes[FATE.seen] ?? 0;
    const parts = [p.layers.seen(formatBytes(seen)), p.layers.hiddenLater(formatBytes(fateBytes[FATE.imageHidden] ?? 0))];
    if (json.upper !== null) parts.push(p.layers.hiddenByContainer(formatBytes(fateBytes[FATE.containerHidden] ?? 0)));
    return {
      number: layer.number,
      step: null,
      name: p.layerName(layer.number, layer.dir),
      dir: layer.dir,
      bytes: layer.bytes,
      files: layer.files,
      fateBytes,
      figures: p.layers.figures(p.layers.added(formatBytes(layer.bytes), formatCount(layer.files)), parts.join(i.image.listSeparator)),
      treeIndex,
    };
  });
  const ordered = [...layers].reverse();
  const upper = json.upper;
  if (upper !== null) {
    const fateBytes = tree.layers[0]?.fateBytes ?? [];
    ordered.push({
      number: null,
      step: null,
      name: p.upperLayer,
      dir: upper.dir,
      bytes: upper.bytes,
      files: null,
      fateBytes,
      figures: formatBytes(upper.bytes),
      treeIndex: 0,
    });
  }
  const layerWord = (number: number | null) => (number === null ? p.hidden.container : p.hidden.layer(number));
  const [first] = json.hidden;
  const onDisk = sum(json.layers.map((layer) => layer.bytes)) + (upper?.bytes ?? 0);
  const container = json.container;
  const figures: FigureView[] = [
    { id: "on-disk", label: p.figures.onDisk, bytes: onDisk, detail: null, fate: null },
    { id: "image-hidden", label: p.figures.hiddenByImage, bytes: json.imageHiddenBytes, detail: null, fate: FATE.imageHidden },
  ];
  if (upper !== null) {
    figures.push({
      id: "container-hidden",
      label: p.figures.hiddenByContainer,
      bytes: json.containerHiddenBytes,
      detail: null,
      fate: FATE.containerHidden,
    });
    figures.push({ id: "written", label: p.figures.written, bytes: upper.bytes, detail: null, fate: FATE.written });
  }
  return {
    heading:
      container === null
        ? p.mountHeading(json.mountPoint ?? "")
        : p.containerHeading(container.name, container.runtime, container.id.slice(0, 12)),
    lines: [
      container === null ? i.noContainer : p.mountHeading(json.mountPoint ?? ""),
      section.image === null ? "" : `${section.image}`,
      i.store(section.store),
    ].filter((line) => line !== ""),
    figures,
    largest:
      first === undefined
        ? null
        : i.hidden(
            formatBytes(first.bytes),
            formatCount(first.files),
            first.path,
            first.layerNumber,
            i.hiddenBy[first.cause](first.hiddenByLayerNumber),
          ),
    storeName: p.storeName(section.store),
    layers: ordered,
    rows: json.hidden.map((item) => ({
      path: item.files === 1 ? item.path : p.hidden.manyFiles(item.path, formatCount(item.files)),
      bytes: item.bytes,
      addedBy: layerWord(item.layerNumber),
      hiddenBy: layerWord(item.hiddenByLayerNumber),
      how: i.image.how[item.cause],
      fix: item.scope === "container" ? p.hidden.containerFix : i.image.fix,
    })),
    hiddenGroups: section.hiddenGroups,
    notes: [
      ...json.notes,
      ...treeNotes(tree, p),
      ...(section.changes > json.changes.length
        ? [p.notes.changesLeftOut(formatCount(json.changes.length), formatCount(section.changes))]
        : []),
    ],
    tree,
    fates: presentFates(tree),
  };
}
