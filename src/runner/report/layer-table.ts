// The layer map as a terminal table: one row per path, lower | upper | merged. Rows that changed
// in this step are marked, so copy-up and whiteouts stand out without reading `ls -la`.
import prettyBytes from "pretty-bytes";
import type { Lang, Messages } from "../../i18n/index.js";
import type { LayerCell, LayerRow } from "../../overlay/layers.js";
import { displayWidth, padEnd } from "./text.js";

export interface TableStyle {
  changed(text: string): string;
  dim(text: string): string;
  whiteout(text: string): string;
  header(text: string): string;
}

const plain: TableStyle = { changed: (s) => s, dim: (s) => s, whiteout: (s) => s, header: (s) => s };

export function cellText(cell: LayerCell, t: Messages, lang: Lang): string {
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
      const size = prettyBytes(cell.size ?? 0, { binary: true, locale: lang === "zh" ? "zh-CN" : "en" });
      const preview = cell.preview !== undefined && cell.preview !== "" ? ` "${cell.preview}"` : "";
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

export function renderLayerTable(rows: readonly LayerRow[], t: Messages, lang: Lang, width: number, style: TableStyle = plain): string[] {
  if (rows.length === 0) return [];
  const pathWidth = Math.min(24, Math.max(displayWidth(t.report.layerPath), ...rows.map((row) => displayWidth(row.path))));
  const cellWidth = Math.max(12, Math.floor((width - 4 - pathWidth - 6) / 3));
  const lines: string[] = [];
  const header = ["lower", "upper", "merged"].map((name) => padEnd(name, cellWidth)).join("  ");
  lines.push(`  ${style.header(`${padEnd(t.report.layerPath, pathWidth)}  ${header}`.trimEnd())}`);
  for (const row of rows) {
    const cells = [row.lower, row.upper, row.merged].map((cell) => {
      const text = padEnd(truncate(cellText(cell, t, lang), cellWidth), cellWidth);
      if (cell.kind === "whiteout") return style.whiteout(text);
      if (cell.kind === "absent") return style.dim(text);
      return text;
    });
    const body = `${padEnd(truncate(row.path, pathWidth), pathWidth)}  ${cells.join("  ")}`.trimEnd();
    lines.push(row.changed ? `${style.changed("▶")} ${style.changed(body)}` : `  ${body}`);
  }
  return lines;
}
