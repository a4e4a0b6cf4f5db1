// The panels of an image's or a container's page: the summary (the --json totals and the largest
// hidden item), the per-layer bars, the sortable hidden items table and the notes. The treemap is
// in treemap.ts.
import { formatBytes, formatCount } from "../../../i18n/format.js";
import { FATES } from "../tree-data.js";
import { element, panel } from "./dom.js";
import type { HiddenRow, PageLayer, PageWords, SectionView } from "./view.js";

export function summaryPanel(view: SectionView, words: PageWords, made: string): HTMLElement {
  const p = words.page;
  const figures = view.figures.map((figure) =>
    element(
      "div",
      {
        className: `figure${figure.fate === null ? "" : ` fate-${figure.fate}`}`,
        attrs: { id: `figure-${figure.id}`, "data-bytes": String(figure.bytes) },
      },
      [
        element("div", { className: "value", text: formatBytes(figure.bytes) }),
        element("div", { className: "label", text: figure.label }),
        figure.detail === null ? null : element("div", { className: "label", text: figure.detail }),
      ],
    ),
  );
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
      const segment = element("span", { className: `segment fate-${fate}`, attrs: { title: `${p.fates[fate]}: ${formatBytes(bytes)}` } });
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

type Column = keyof HiddenRow;
const COLUMNS: readonly Column[] = ["path", "bytes", "addedBy", "hiddenBy", "how", "fix"];

function compare(a: HiddenRow, b: HiddenRow, column: Column): number {
  const left = a[column];
  const right = b[column];
  if (typeof left === "number" && typeof right === "number") return left - right;
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

export function hiddenPanel(view: SectionView, words: PageWords): HTMLElement {
  const p = words.page;
  const body = element("tbody");
  const headers = new Map<Column, HTMLElement>();
  let sorted: { column: Column; ascending: boolean } = { column: "bytes", ascending: false };
  const draw = () => {
    const rows = [...view.rows].sort((a, b) => (sorted.ascending ? 1 : -1) * compare(a, b, sorted.column));
    body.replaceChildren(
      ...rows.map((row) =>
        element(
          "tr",
          {},
          COLUMNS.map((column) =>
            element("td", {
              className: column,
              text: column === "bytes" ? formatBytes(row.bytes) : row[column],
              attrs: { "data-value": String(row[column]) },
            }),
          ),
        ),
      ),
    );
    for (const [column, header] of headers) {
      header.setAttribute("aria-sort", column === sorted.column ? (sorted.ascending ? "ascending" : "descending") : "none");
    }
  };
  const head = element(
    "tr",
    {},
    COLUMNS.map((column) => {
      const button = element("button", { text: p.hidden.columns[column], attrs: { type: "button" } });
      const header = element("th", { className: column, attrs: { scope: "col", "data-column": column } }, [button]);
      headers.set(column, header);
      button.addEventListener("click", () => {
        // A new column sorts the way a reader expects first: sizes largest first, words A to Z.
        sorted = sorted.column === column ? { column, ascending: !sorted.ascending } : { column, ascending: column !== "bytes" };
        draw();
      });
      return header;
    }),
  );
  draw();
  const help = view.rows.length === 0 ? p.nothingHidden : p.hidden.help(formatCount(view.rows.length), formatCount(view.hiddenGroups));
  return panel("hidden", p.hidden.title, help, view.rows.length === 0 ? [] : [element("table", {}, [element("thead", {}, [head]), body])]);
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
