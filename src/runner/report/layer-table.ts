// The layer map as a terminal table: one row per path, a column per layer (bottom to top, the
// way an image is built), then upper and merged. Rows that changed in this step are marked, so
// copy-up, whiteouts and opaque directories stand out without reading `ls -la`. The table fits
// the terminal: previews go first, then paths are cut from the start, then sizes and words, in
// the widest columns first, never a cell's kind; only when kinds alone do not fit do the
// deepest lower layers go (a count says how many), and only then are cells cut short.
import { formatBytes } from "../../i18n/format.js";
import type { Lang, Messages } from "../../i18n/index.js";
import type { LayerCell, LayerRow } from "../../layers/map.js";
import { displayWidth, padEnd, truncate, truncateStart } from "./text.js";

export interface TableStyle {
  changed(text: string): string;
  dim(text: string): string;
  whiteout(text: string): string;
  header(text: string): string;
}

const plain: TableStyle = { changed: (s) => s, dim: (s) => s, whiteout: (s) => s, header: (s) => s };

/** Names of the lower layers' columns, top first; a lone lower is just "lower". */
export type LowerLabels = readonly string[];

/**
 * What a cell says, in parts that can be left out one tier at a time when the map is too wide:
 * previews first, then sizes, then words ("new", "hidden", "whiteout"), never the kind itself
 * ("c 0:0", "copy-up", "dir", or a plain file's size).
 */
const Tier = { Kind: 0, Word: 1, Size: 2, Preview: 3 } as const;
type Tier = (typeof Tier)[keyof typeof Tier];
export const FULL: number = Tier.Preview;

interface Part {
  text: string;
  tier: Tier;
  /** How it joins the part before it. */
  join: " · " | " ";
  /** What the part says once words go (a kind's short name: "c 0:0", "opaque"). */
  brief?: string;
}

function cellParts(cell: LayerCell, t: Messages): Part[] {
  const part = (text: string, tier: Tier, join: Part["join"] = " · ", brief?: string): Part => ({
    text,
    tier,
    join,
    ...(brief === undefined ? {} : { brief }),
  });
  const parts = ((): Part[] => {
    switch (cell.kind) {
      case "absent":
        return [part(t.layers.absent, Tier.Kind)];
      case "dir":
        if (cell.opaque === true) return [part(t.layers.opaque, Tier.Kind, " · ", t.layers.opaqueBrief)];
        if (cell.origin === undefined) return [part(t.layers.dir, Tier.Kind)];
        // In a layer's own column, where a directory came from is what the lesson is about.
        return [part(cell.origin === "new" ? t.layers.new : t.layers.copyUp, Tier.Kind), part(t.layers.dir, Tier.Word)];
      case "whiteout":
        return [part(`${t.layers.whiteout} c 0:0`, Tier.Kind, " · ", "c 0:0")];
      case "symlink":
        return [part(t.layers.symlink, Tier.Kind)];
      case "other":
        return [part(t.layers.other, Tier.Kind)];
      case "file": {
        const size = formatBytes(cell.size ?? 0);
        const origin = cell.origin === "copy-up" ? t.layers.copyUp : cell.origin === "new" ? t.layers.new : undefined;
        const head = origin === undefined ? [part(size, Tier.Kind)] : [part(origin, Tier.Kind), part(size, Tier.Size)];
        const preview = cell.preview !== undefined && cell.preview !== "" ? [part(`"${cell.preview}"`, Tier.Preview, " ")] : [];
        return [...head, ...preview];
      }
    }
  })();
  // A higher layer hides it: still stored, never seen (the bytes the bloat lesson counts).
  return cell.hidden === true ? [...parts, part(t.layers.hidden, Tier.Word)] : parts;
}

/** The cell's text with the parts of tiers up to `level` (FULL: everything). */
export function cellText(cell: LayerCell, t: Messages, _lang: Lang, level: number = FULL): string {
  return cellParts(cell, t)
    .filter((part) => part.tier <= level)
    .map((part) => ({ ...part, text: level < Tier.Word && part.brief !== undefined ? part.brief : part.text }))
    .map((part, index) => (index === 0 ? part.text : `${part.join}${part.text}`))
    .join("");
}

interface Layout {
  /** How many lower layers get a column (the topmost ones). */
  lowers: number;
  /** Each column's tier: what its cells still say. */
  levels: number[];
  pathWidth: number;
  widths: number[];
}

const GAP = 2;
const INDENT = 2;
const MIN_CELL = 5;
/** A path cut to this still shows its file name: "…/app/index.db". */
const PATH_MIN = 14;

function columnCells(row: LayerRow, lowers: number): LayerCell[] {
  // Bottom to top: the deepest shown lower first, then upper, then merged.
  return [...row.lowers.slice(0, lowers).reverse(), row.upper, row.merged];
}

const totalWidth = (pathWidth: number, widths: readonly number[]): number =>
  INDENT + pathWidth + widths.reduce((sum, width) => sum + GAP + width, 0);

function headersFor(labels: LowerLabels, lowers: number, hiddenCount: number, upperLabel: string): string[] {
  const shown = labels.slice(0, lowers).reverse();
  // The deepest layers go first when space runs out: the first column says how many are left out.
  if (hiddenCount > 0 && shown.length > 0) shown[0] = `+${hiddenCount} ${shown[0]}`;
  return [...shown, upperLabel, "merged"];
}

/**
 * The layout for `lowers` lower columns that fits `width`, if any: previews go first, then paths
 * are cut (down to PATH_MIN), then the widest columns give up their sizes, then their words.
 */
function fitColumns(
  rows: readonly LayerRow[],
  headers: readonly string[],
  lowers: number,
  t: Messages,
  lang: Lang,
  width: number,
): Layout | undefined {
  // widthAt[column][level]: the column's width when its cells say that much.
  const widthAt = headers.map((header, column) =>
    [0, 1, 2, 3].map((level) =>
      Math.max(
        displayWidth(header),
        ...rows.map((row) => displayWidth(cellText(columnCells(row, lowers)[column] ?? { kind: "absent" }, t, lang, level))),
      ),
    ),
  );
  const levels: number[] = headers.map(() => FULL);
  const widths = (): number[] => levels.map((level, column) => widthAt[column]?.[level] ?? MIN_CELL);
  const natural = Math.min(24, Math.max(displayWidth(t.report.layerPath), ...rows.map((row) => displayWidth(row.path))));
  let pathWidth = natural;
  const over = (): number => totalWidth(pathWidth, widths()) - width;
  /** Take one tier from the widest column still above `floor`. */
  const dropWidest = (floor: number): boolean => {
    const current = widths();
    const candidates = levels.map((level, column) => ({ level, column, width: current[column] ?? 0 })).filter((item) => item.level > floor);
    const widest = candidates.sort((a, b) => b.width - a.width)[0];
    if (widest === undefined) return false;
    levels[widest.column] = widest.level - 1;
    return true;
  };
  while (over() > 0 && dropWidest(Tier.Size)) {}
  if (over() > 0) pathWidth = Math.max(Math.min(natural, PATH_MIN), pathWidth - over());
  while (over() > 0 && dropWidest(Tier.Kind)) {}
  return over() <= 0 ? { lowers, levels, pathWidth, widths: widths() } : undefined;
}

/** Nothing fits even with kinds alone: cut the widest columns short, never below MIN_CELL. */
function squeeze(layout: Layout, width: number): Layout {
  const widths = [...layout.widths];
  let pathWidth = layout.pathWidth;
  while (totalWidth(pathWidth, widths) > width) {
    const widest = Math.max(pathWidth, ...widths);
    if (widest <= MIN_CELL) break;
    if (pathWidth === widest) pathWidth--;
    else widths[widths.indexOf(widest)] = widest - 1;
  }
  return { ...layout, pathWidth, widths };
}

export function renderLayerTable(
  rows: readonly LayerRow[],
  t: Messages,
  lang: Lang,
  width: number,
  style: TableStyle = plain,
  labels: LowerLabels = ["lower"],
  upperLabel = "upper",
): string[] {
  if (rows.length === 0) return [];
  const lowerCount = rows[0]?.lowers.length ?? 0;
  const names =
    lowerCount === labels.length
      ? labels
      : Array.from({ length: lowerCount }, (_, i) => (lowerCount === 1 ? "lower" : `L${lowerCount - i}`));
  // Every layer with less said in each cell beats a layer left out; the deepest go only when
  // even the kinds alone do not fit.
  let layout: Layout | undefined;
  let headers: string[] = [];
  for (let lowers = lowerCount; lowers >= 1 && layout === undefined; lowers--) {
    headers = headersFor(names, lowers, lowerCount - lowers, upperLabel);
    layout = fitColumns(rows, headers, lowers, t, lang, width);
  }
  if (layout === undefined) {
    headers = headersFor(names, Math.min(1, lowerCount), lowerCount - Math.min(1, lowerCount), upperLabel);
    const bare = headers.map((header, column) =>
      Math.max(
        displayWidth(header),
        ...rows.map((row) => displayWidth(cellText(columnCells(row, 1)[column] ?? { kind: "absent" }, t, lang, Tier.Kind))),
      ),
    );
    layout = squeeze(
      { lowers: Math.min(1, lowerCount), levels: headers.map((): number => Tier.Kind), pathWidth: PATH_MIN, widths: bare },
      width,
    );
  }
  return drawTable(rows, headers, layout, t, lang, style);
}

function drawTable(
  rows: readonly LayerRow[],
  headers: readonly string[],
  layout: Layout,
  t: Messages,
  lang: Lang,
  style: TableStyle,
): string[] {
  const { pathWidth, widths } = layout;
  const gap = " ".repeat(GAP);
  const headerText = headers
    .map((header, column) => padEnd(truncate(header, widths[column] ?? MIN_CELL), widths[column] ?? MIN_CELL))
    .join(gap);
  const lines = [
    `${" ".repeat(INDENT)}${style.header(`${padEnd(truncate(t.report.layerPath, pathWidth), pathWidth)}${gap}${headerText}`.trimEnd())}`,
  ];
  for (const row of rows) {
    const cells = columnCells(row, layout.lowers).map((cell, column, all) => {
      const cellWidth = widths[column] ?? MIN_CELL;
      const cut = truncate(cellText(cell, t, lang, layout.levels[column] ?? Tier.Kind), cellWidth);
      // The last column is not padded: no styled trailing spaces at the end of the row.
      const text = column === all.length - 1 ? cut : padEnd(cut, cellWidth);
      if (cell.kind === "whiteout" || cell.opaque === true) return style.whiteout(text);
      if (cell.kind === "absent" || cell.hidden === true) return style.dim(text);
      return text;
    });
    const body = `${padEnd(cutPath(row.path, pathWidth), pathWidth)}${gap}${cells.join(gap)}`.trimEnd();
    lines.push(row.changed ? `${style.changed("▶")} ${style.changed(body)}` : `${" ".repeat(INDENT)}${body}`);
  }
  return lines;
}

/** A path cut short keeps its end, from a "/" when it can: "…/config.yaml", not "…p/config.yaml". */
function cutPath(path: string, width: number): string {
  const cut = truncateStart(path, width);
  if (cut === path || cut[1] === "/") return cut;
  const slash = cut.indexOf("/", 2);
  return slash > 1 && slash < cut.length - 1 ? `…${cut.slice(slash)}` : cut;
}
