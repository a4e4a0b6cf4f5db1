// A table sortable by any column: a click on a heading sorts by it (sizes and counts the largest
// first, words A to Z; a second click turns it round). Each cell keeps its exact value in
// data-value (the bytes, not their rounded text), as a reader's script or a test reads it.
import { element } from "./dom.js";

export interface Column<Row> {
  id: string;
  title: string;
  /** What the column sorts by, and the cell's data-value. */
  value(row: Row): number | string;
  /** What the cell shows: text (never markup), or elements made with dom.ts; the value as it is when absent. */
  cell?(row: Row): string | Node[];
  /** Extra classes of its cells ("bytes" aligns them right). */
  className?: string;
  /** Extra data attributes of a cell. */
  attrs?(row: Row): Record<string, string>;
}

function compare(left: number | string, right: number | string): number {
  if (typeof left === "number" && typeof right === "number") return left - right;
  return String(left) < String(right) ? -1 : String(left) > String(right) ? 1 : 0;
}

function cellOf<Row>(row: Row, column: Column<Row>): HTMLElement {
  const value = column.value(row);
  const shown = column.cell === undefined ? String(value) : column.cell(row);
  const className = column.className === undefined ? column.id : `${column.id} ${column.className}`;
  const attrs = { ...(column.attrs?.(row) ?? {}), "data-value": String(value) };
  return typeof shown === "string" ? element("td", { className, text: shown, attrs }) : element("td", { className, attrs }, shown);
}

/** The table of `rows`, sorted by `first` (descending for numbers), its rows re-drawn on each sort. */
export function sortableTable<Row>(rows: readonly Row[], columns: ReadonlyArray<Column<Row>>, first: string): HTMLElement {
  const body = element("tbody");
  const headers = new Map<string, HTMLElement>();
  const numeric = (id: string): boolean =>
    rows.length > 0 && typeof columns.find((column) => column.id === id)?.value(rows[0] as Row) === "number";
  let sorted = { column: first, ascending: !numeric(first) };
  const draw = () => {
    const by = columns.find((column) => column.id === sorted.column);
    const order = by === undefined ? [...rows] : [...rows].sort((a, b) => (sorted.ascending ? 1 : -1) * compare(by.value(a), by.value(b)));
    body.replaceChildren(
      ...order.map((row) =>
        element(
          "tr",
          {},
          columns.map((column) => cellOf(row, column)),
        ),
      ),
    );
    for (const [id, header] of headers) {
      header.setAttribute("aria-sort", id === sorted.column ? (sorted.ascending ? "ascending" : "descending") : "none");
    }
  };
  const head = element(
    "tr",
    {},
    columns.map((column) => {
      const button = element("button", { text: column.title, attrs: { type: "button" } });
      const className = column.className === undefined ? column.id : `${column.id} ${column.className}`;
      const header = element("th", { className, attrs: { scope: "col", "data-column": column.id } }, [button]);
      headers.set(column.id, header);
      button.addEventListener("click", () => {
        // A new column sorts the way a reader expects first: sizes largest first, words A to Z.
        sorted =
          sorted.column === column.id
            ? { column: column.id, ascending: !sorted.ascending }
            : { column: column.id, ascending: !numeric(column.id) };
        draw();
      });
      return header;
    }),
  );
  draw();
  return element("table", {}, [element("thead", {}, [head]), body]);
}
