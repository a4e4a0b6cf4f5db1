// The panels of an image's or a container's page: the summary (the --json totals and the largest
// hidden item), the per-layer bars, the sortable hidden items table and the notes. The treemap is
// in treemap.ts.
import { formatBytes, formatCount } from "../../../i18n/format.js";
import { FATES } from "../tree-data.js";
import { element, panel } from "./dom.js";
import { type Column, sortableTable } from "./table.js";
import type { FigureView, HiddenRow, PageLayer, PageWords, SectionView } from "./view.js";

/** One figure's box: its size as the terminal writes it, its exact bytes in data-bytes, its words. */
export function figureElement(figure: FigureView, colourClass: string | null, attrs: Record<string, string> = {}): HTMLElement {
  return element(
    "div",
    {
      className: `figure${colourClass === null ? "" : ` ${colourClass}`}`,
      attrs: { ...attrs, id: `figure-${figure.id}`, "data-bytes": String(figure.bytes) },
    },
    [
      element("div", { className: "value", text: formatBytes(figure.bytes) }),
      element("div", { className: "label", text: figure.label }),
      figure.detail === null ? null : element("div", { className: "label", text: figure.detail }),
    ],
  );
}

export function summaryPanel(view: SectionView, words: PageWords, made: string): HTMLElement {
  const p = words.page;
  const figures = view.figures.map((figure) => figureElement(figure, figure.fate === null ? null : `fate-${figure.fate}`));
  return element("section", { attrs: { id: "summary" } }, [
    element("h1", { text: view.heading }),
    ...view.lines.map((line) => element("p", { className: "made", text: line })),
    element("p", { className: "made", text: made }),
    element("div", { className: "figures" }, figures),
    element("p", { className: "largest", attrs: { id: "largest" } }, [
      element("strong", { text: view.largest === null ? p.nothingHidden : p.largestHidden }),
      view.largest === null ? null : document.createTextNode(` ${view.largest}`),
    ]),
  ]);
}

export function layersPanel(view: SectionView, words: PageWords, onPick: (layer: PageLayer) => void): HTMLElement {
  const p = words.page;
  const widest = Math.max(1, ...view.layers.map((layer) => layer.bytes));
  const rows = view.layers.flatMap((layer) => {
    const label = element("div", { className: "bar-label", attrs: { title: layer.step ?? layer.dir } }, [
      element("span", { className: "number", text: layer.number === null ? "" : `#${layer.number}` }),
      document.createTextNode(layer.number === null ? layer.name : layer.name.slice(`#${layer.number} `.length)),
    ]);
    const bar = element("div", { className: "bar", attrs: { role: "img", "aria-label": layer.figures } });
    bar.style.width = `${Math.max(0.5, (layer.bytes / widest) * 100)}%`;
    for (const fate of FATES) {
      const bytes = layer.fateBytes[fate] ?? 0;
      if (bytes === 0) continue;
      const segment = element("span", {
        className: `segment fate-${fate}`,
        attrs: { title: p.labelled(p.fates[fate] ?? "", formatBytes(bytes)) },
      });
      segment.style.width = `${(bytes / Math.max(1, layer.bytes)) * 100}%`;
      bar.append(segment);
    }
    const track = element("div", {}, [bar]);
    const figures = element("div", { className: "bar-figures", text: layer.figures });
    const row = element(
      "div",
      {
        className: "layer-row",
        attrs: {
          "data-layer": String(layer.number ?? "upper"),
          "data-bytes": String(layer.bytes),
          "data-fate-bytes": layer.fateBytes.join(","),
        },
      },
      [label, track, figures],
    );
    row.style.display = "contents";
    for (const target of [label, bar]) target.addEventListener("click", () => onPick(layer));
    return [row];
  });
  return panel("layers", p.layers.title, p.layers.help, [element("div", { className: "bars" }, rows)]);
}

const HIDDEN_COLUMNS: ReadonlyArray<keyof HiddenRow> = ["path", "bytes", "addedBy", "hiddenBy", "how", "fix"];

export function hiddenPanel(view: SectionView, words: PageWords): HTMLElement {
  const p = words.page;
  const columns: Array<Column<HiddenRow>> = HIDDEN_COLUMNS.map((id) => ({
    id,
    title: p.hidden.columns[id],
    value: (row) => row[id],
    ...(id === "bytes" ? { cell: (row: HiddenRow) => formatBytes(row.bytes) } : {}),
  }));
  const help = view.rows.length === 0 ? p.nothingHidden : p.hidden.help(formatCount(view.rows.length), formatCount(view.hiddenGroups));
  return panel("hidden", p.hidden.title, help, view.rows.length === 0 ? [] : [sortableTable(view.rows, columns, "bytes")]);
}

export function notesPanel(view: SectionView, words: PageWords): HTMLElement | null {
  if (view.notes.length === 0) return null;
  return panel("notes", words.page.notes.title, undefined, [
    element(
      "ul",
      { className: "notes" },
      view.notes.map((note) => element("li", { text: note })),
    ),
  ]);
}
