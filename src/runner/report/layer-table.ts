// The layer map as a terminal table: one row per path, a column per layer (bottom to top, the
// way an image is built), then upper and merged. Rows that changed in this step are marked, so
// copy-up, whiteouts and opaque directories stand out without reading `ls -la`. The table fits
// the terminal: previews go first, then the deepest lower layers (a count says how many), and
// only then are cells cut short.
import { formatBytes } from "../../i18n/format.js";
import type { Lang, Messages } from "../../i18n/index.js";
import type { LayerCell, LayerRow } from "../../layers/map.js";
import { displayWidth, padEnd } from "./text.js";

export interface TableStyle {
  changed(text: string): string;
  dim(text: string): string;
  whiteout(text: string): string;
  header(text: string): string;
}

const plain: TableStyle = { changed: (s) => s, dim: (s) => s, whiteout: (s) => s, header: (s) => s };

/** Names of the lower layers' columns, top first; a lone lower is just "lower". */
export type LowerLabels = readonly string[];

export function cellText(cell: LayerCell, t: Messages, lang: Lang, withPreview = true): string {
  const text = kindText(cell, t, lang, withPreview);
  // A higher layer hides it: still stored, never seen (the bytes the bloat lesson counts).
  return cell.hidden === true ? `${text} · ${t.layers.hidden}` : text;
}

function kindText(cell: LayerCell, t: Messages, _lang: Lang, withPreview: boolean): string {
  switch (cell.kind) {
    case "absent":
      return t.layers.absent;
    case "dir":
      if (cell.opaque === true) return t.layers.opaque;
      if (cell.origin === "new") return `${t.layers.new} · ${t.layers.dir}`;
      return cell.origin === "copy-up" ? `${t.layers.copyUp} · ${t.layers.dir}` : t.layers.dir;
    case "whiteout":
      return t.layers.whiteout;
    case "symlink":
      return t.layers.symlink;
    case "other":
      return t.layers.other;
    case "file": {
      const origin = cell.origin === "copy-up" ? `${t.layers.copyUp} · ` : cell.origin === "new" ? `${t.layers.new} · ` : "";
      const size = formatBytes(cell.size ?? 0);
      const preview = withPreview && cell.preview !== undefined && cell.preview !== "" ? ` "${cell.preview}"` : "";
      return `${origin}${size}${preview}`;
    }
  }
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (displayWidth(`${out}${char}…`) > width) break;
    out += char;
  }
  return `${out}…`;
}

interface Layout {
  /** How many lower layers get a column (the topmost ones). */
  lowers: number;
  withPreview: boolean;
  pathWidth: number;
  widths: number[];
}

const GAP = 2;
const INDENT = 2;
const MIN_CELL = 5;

function columnCells(row: LayerRow, lowers: number): LayerCell[] {
  // Bottom to top: the deepest shown lower first, then upper, then merged.
  return [...row.lowers.slice(0, lowers).reverse(), row.upper, row.merged];
}

function layoutFor(
  rows: readonly LayerRow[],
  headers: string[],
  lowers: number,
  withPreview: boolean,
  t: Messages,
  lang: Lang,
  pathHeader: string,
): Layout {
  const pathWidth = Math.min(24, Math.max(displayWidth(pathHeader), ...rows.map((row) => displayWidth(row.path))));
  const widths = headers.map((header, column) =>
    Math.max(
      displayWidth(header),
      ...rows.map((row) => displayWidth(cellText(columnCells(row, lowers)[column] ?? { kind: "absent" }, t, lang, withPreview))),
    ),
  );
  return { lowers, withPreview, pathWidth, widths };
}

const totalWidth = (layout: Layout): number => INDENT + layout.pathWidth + layout.widths.reduce((sum, width) => sum + GAP + width, 0);

function headersFor(labels: LowerLabels, lowers: number, hiddenCount: number, upperLabel: string): string[] {
  const shown = labels.slice(0, lowers).reverse();
  // The deepest layers go first when space runs out: the first column says how many are left out.
  if (hiddenCount > 0 && shown.length > 0) shown[0] = `+${hiddenCount} ${shown[0]}`;
  return [...shown, upperLabel, "merged"];
}

/** Columns squeezed no narrower than this stay readable: "512 KiB …", "whiteout c…". */
const READABLE = 10;

/** The narrowest a layout gets when every column is squeezed only down to READABLE (or its header). */
function squeezedWidth(layout: Layout, headers: readonly string[]): number {
  const columns = layout.widths.map((width, column) => Math.min(width, Math.max(READABLE, displayWidth(headers[column] ?? ""))));
  return INDENT + Math.min(layout.pathWidth, 16) + columns.reduce((sum, width) => sum + GAP + width, 0);
}

/** Shrink the widest columns until the table fits `width`, never below MIN_CELL. */
function squeeze(layout: Layout, width: number): Layout {
  const widths = [...layout.widths];
  let pathWidth = layout.pathWidth;
  const over = (): number => INDENT + pathWidth + widths.reduce((sum, w) => sum + GAP + w, 0) - width;
  while (over() > 0) {
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
  // Candidates from the richest to the plainest; the first that fits wins.
  const candidates: Array<[number, boolean]> = [
    [lowerCount, true],
    [lowerCount, false],
  ];
  for (let lowers = lowerCount - 1; lowers >= 1; lowers--) candidates.push([lowers, false]);
  let layout: Layout | undefined;
  let headers: string[] = [];
  for (const [lowers, withPreview] of candidates) {
    headers = headersFor(names, lowers, lowerCount - lowers, upperLabel);
    const candidate = layoutFor(rows, headers, lowers, withPreview, t, lang, t.report.layerPath);
    layout = candidate;
    // A few columns cut short (…) beat a layer left out: accept a layout that fits once squeezed
    // with every column still readable; previews were already dropped for this one.
    if (totalWidth(candidate) <= width || (!withPreview && squeezedWidth(candidate, headers) <= width)) break;
  }
  if (layout === undefined) return [];
  layout = squeeze(layout, width);
  const { pathWidth, widths } = layout;
  const lines: string[] = [];
  const headerText = headers
    .map((header, column) => padEnd(truncate(header, widths[column] ?? MIN_CELL), widths[column] ?? MIN_CELL))
    .join(" ".repeat(GAP));
  lines.push(
    `${" ".repeat(INDENT)}${style.header(`${padEnd(truncate(t.report.layerPath, pathWidth), pathWidth)}${" ".repeat(GAP)}${headerText}`.trimEnd())}`,
  );
  for (const row of rows) {
    const cells = columnCells(row, layout.lowers).map((cell, column) => {
      const cellWidth = widths[column] ?? MIN_CELL;
      const text = padEnd(truncate(cellText(cell, t, lang, layout.withPreview), cellWidth), cellWidth);
      if (cell.kind === "whiteout" || cell.opaque === true) return style.whiteout(text);
      if (cell.kind === "absent" || cell.hidden === true) return style.dim(text);
      return text;
    });
    const body = `${padEnd(truncate(row.path, pathWidth), pathWidth)}${" ".repeat(GAP)}${cells.join(" ".repeat(GAP))}`.trimEnd();
    lines.push(row.changed ? `${style.changed("▶")} ${style.changed(body)}` : `${" ".repeat(INDENT)}${body}`);
  }
  return lines;
}
