// The zoomable treemap: d3-hierarchy's squarified layout of the node zoomed into, drawn as boxes
// (area by bytes, colour by what became of them), a breadcrumb to zoom out, and a tooltip with
// the path, bytes, layer and what hid it. Only boxes of a few pixels or more are drawn, and at
// most MAX_CELLS of them (shallow ones first): a box whose children are too small to draw is
// striped in its children's colours, by their share of its bytes.
import { type HierarchyNode, type HierarchyRectangularNode, treemap, treemapSquarify } from "d3-hierarchy";
import { formatBytes, formatCount } from "../../../i18n/format.js";
import { FATES } from "../tree-data.js";
import { element } from "./dom.js";
import { type Datum, layerOf, nodePath } from "./model.js";
import type { PageLayer, PageWords, SectionView } from "./view.js";

const MAX_CELLS = 2500;
const MIN_SIDE = 3;
const HEADER = 16;
const FATE_COLOURS = ["var(--seen)", "var(--image-hidden)", "var(--container-hidden)", "var(--written)"];

/** A box's colours by the fates beneath it: a hard-edged gradient, one band per fate. */
function fateGradient(sums: readonly number[]): string {
  const total = sums.reduce((a, b) => a + b, 0);
  if (total === 0) return "";
  const bands: string[] = [];
  let from = 0;
  sums.forEach((bytes, fate) => {
    if (bytes === 0) return;
    const to = from + (bytes / total) * 100;
    bands.push(`${FATE_COLOURS[fate]} ${from.toFixed(2)}% ${to.toFixed(2)}%`);
    from = to;
  });
  return `linear-gradient(to right, ${bands.join(", ")})`;
}

export class Treemap {
  readonly element: HTMLElement;
  private readonly map: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly zoomed: HTMLElement;
  private readonly tip: HTMLElement;
  private readonly originals = new Map<Datum, HierarchyNode<Datum>>();
  private readonly layerNames = new Map<number, string>();
  private current: HierarchyNode<Datum>;
  private drawn: Array<HierarchyRectangularNode<Datum>> = [];

  constructor(
    private readonly root: HierarchyNode<Datum>,
    view: SectionView,
    private readonly words: PageWords,
  ) {
    root.each((node) => this.originals.set(node.data, node));
    for (const layer of view.layers) if (layer.number !== null) this.layerNames.set(layer.number, layer.name);
    this.current = root.children?.[0] ?? root;
    const p = words.page;
    this.crumbs = element("ol", { className: "crumbs", attrs: { "aria-label": p.treemap.breadcrumb } });
    this.zoomed = element("p", { className: "zoomed" });
    this.map = element("div", { className: "treemap", attrs: { role: "img", "aria-label": p.treemap.label } });
    this.tip = element("div", { className: "tip", attrs: { hidden: "" } });
    const legend = element("ul", { className: "legend", attrs: { "aria-label": p.treemap.legend } }, [
      ...view.fates.map((fate) =>
        element("li", { className: `fate-${fate}` }, [
          element("span", { className: "swatch" }),
          document.createTextNode(p.fates[fate] ?? ""),
        ]),
      ),
      // Folds of empty files have no area: nothing of them to point at.
      view.tree.foldedFiles > 0 && view.tree.foldedUnder > 0
        ? element("li", { className: "folded fate-0" }, [element("span", { className: "swatch" }), document.createTextNode(p.folded)])
        : null,
    ]);
    this.element = element("div", { className: "treemap-panel" }, [legend, this.crumbs, this.zoomed, this.map, this.tip]);
    this.map.addEventListener("click", (event) => this.onClick(event));
    this.map.addEventListener("mousemove", (event) => this.onHover(event));
    this.map.addEventListener("mouseleave", () => this.tip.setAttribute("hidden", ""));
    let pending = false;
    window.addEventListener("resize", () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        this.render();
      });
    });
  }

  zoomTo(node: HierarchyNode<Datum>): void {
    this.current = node;
    this.render();
  }

  zoomToLayer(layer: PageLayer): void {
    const node = this.root.descendants().find((at) => at.data.layer === layer);
    if (node !== undefined) this.zoomTo(node);
  }

  render(): void {
    this.renderCrumbs();
    const p = this.words.page;
    const node = this.current;
    const parts = FATES.filter((fate) => (node.data.sums[fate] ?? 0) > 0).map(
      (fate) => `${p.fates[fate]} ${formatBytes(node.data.sums[fate] ?? 0)}`,
    );
    this.zoomed.textContent = `${p.zoomed(node.data.name, formatBytes(node.value ?? 0))}${parts.length > 0 ? ` (${parts.join(this.words.inspect.image.listSeparator)})` : ""}`;
    this.zoomed.dataset.bytes = String(node.value ?? 0);
    this.zoomed.dataset.fateBytes = node.data.sums.join(",");
    this.renderCells();
  }

  private renderCrumbs(): void {
    this.crumbs.replaceChildren(
      ...this.current
        .ancestors()
        .reverse()
        .map((node) => {
          if (node === this.current)
            return element("li", {}, [element("span", { text: node.data.name, attrs: { "aria-current": "location" } })]);
          const button = element("button", { text: node.data.name, attrs: { type: "button" } });
          button.addEventListener("click", () => this.zoomTo(node));
          return element("li", {}, [button]);
        }),
    );
  }

  private renderCells(): void {
    const width = this.map.clientWidth;
    const height = this.map.clientHeight;
    const layout = treemap<Datum>()
      .tile(treemapSquarify)
      .size([width, height])
      .paddingInner(1)
      .paddingOuter(2)
      .paddingTop((node) => (node.depth === 0 ? 2 : HEADER))
      .round(true)(this.current.copy());
    const drawn: Array<HierarchyRectangularNode<Datum>> = [];
    const shown = new Set<HierarchyRectangularNode<Datum>>();
    for (const node of layout.descendants()) {
      if (drawn.length >= MAX_CELLS) break;
      if (node.depth === 0 || (node.parent !== null && node.parent.depth > 0 && !shown.has(node.parent))) continue;
      if (node.x1 - node.x0 < MIN_SIDE || node.y1 - node.y0 < MIN_SIDE) continue;
      drawn.push(node);
      shown.add(node);
    }
    this.drawn = drawn;
    const cells = drawn.map((node, index) => this.cell(node, index, shown));
    this.map.replaceChildren(...cells);
    this.map.dataset.cells = String(cells.length);
  }

  private cell(node: HierarchyRectangularNode<Datum>, index: number, shown: ReadonlySet<HierarchyRectangularNode<Datum>>): HTMLElement {
    const datum = node.data;
    const width = node.x1 - node.x0;
    const height = node.y1 - node.y0;
    const leaf = datum.children === undefined;
    const kind = leaf ? `leaf fate-${datum.fate ?? 0}${datum.kind === "fold" ? " fold" : ""}` : datum.kind === "dir" ? "group" : datum.kind;
    const box = element("div", { className: `cell ${kind}`, attrs: { "data-index": String(index), "data-kind": datum.kind } });
    if (datum.kind === "layer" && datum.layer !== null) box.dataset.layer = String(datum.layer.number ?? "upper");
    box.style.left = `${node.x0}px`;
    box.style.top = `${node.y0}px`;
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
    // A box none of whose children could be drawn shows what they hold by its colours.
    if (!leaf && !(node.children ?? []).some((child) => shown.has(child))) box.style.background = fateGradient(datum.sums);
    if (width > 40 && height > 14) {
      const name = datum.kind === "fold" ? this.words.page.foldName(formatCount(datum.files), formatBytes(datum.bytes)) : datum.name;
      box.append(element("span", { className: "name", text: leaf ? name : `${name}  ${formatBytes(node.value ?? 0)}` }));
    }
    return box;
  }

  /** The drawn node under an event, back in the whole tree. */
  private nodeAt(event: Event): HierarchyNode<Datum> | undefined {
    const box = (event.target as Element | null)?.closest?.(".cell");
    const drawn = box instanceof HTMLElement ? this.drawn[Number(box.dataset.index)] : undefined;
    return drawn === undefined ? undefined : this.originals.get(drawn.data);
  }

  private onClick(event: MouseEvent): void {
    const node = this.nodeAt(event);
    if (node === undefined) return;
    // One level at a time: the child of the zoomed node that holds what was clicked.
    let step: HierarchyNode<Datum> = node;
    while (step.parent !== null && step.parent !== this.current) step = step.parent;
    if (step.parent === this.current && step.children !== undefined) this.zoomTo(step);
  }

  private onHover(event: MouseEvent): void {
    const node = this.nodeAt(event);
    if (node === undefined) {
      this.tip.setAttribute("hidden", "");
      return;
    }
    this.tip.replaceChildren(
      ...this.tipLines(node).map((line, index) => element("div", { className: index === 0 ? "path" : "", text: line })),
    );
    this.tip.removeAttribute("hidden");
    const x = Math.min(event.clientX + 14, window.innerWidth - this.tip.offsetWidth - 8);
    const y = Math.min(event.clientY + 14, window.innerHeight - this.tip.offsetHeight - 8);
    this.tip.style.left = `${Math.max(4, x)}px`;
    this.tip.style.top = `${Math.max(4, y)}px`;
  }

  private tipLines(node: HierarchyNode<Datum>): string[] {
    const p = this.words.page;
    const datum = node.data;
    const bytes = node.value ?? 0;
    const path = nodePath(node);
    const title =
      datum.kind === "fold"
        ? `${path === "" ? "/" : path}: ${p.foldName(formatCount(datum.files), formatBytes(bytes))}`
        : path || datum.name;
    const lines = [title, p.tip.bytes(formatBytes(bytes), formatCount(bytes))];
    const layer = layerOf(node);
    if (layer !== null && datum.kind !== "layer") lines.push(`${p.tip.layer}: ${layer.name}`);
    if (datum.children === undefined && datum.fate !== null) lines.push(p.fates[datum.fate] ?? "");
    else {
      for (const fate of FATES) if ((datum.sums[fate] ?? 0) > 0) lines.push(`${p.fates[fate]}: ${formatBytes(datum.sums[fate] ?? 0)}`);
    }
    if (datum.how !== undefined) {
      const by =
        datum.hider === null || datum.hider === undefined ? p.tip.container : (this.layerNames.get(datum.hider) ?? `#${datum.hider}`);
      const where = datum.at === undefined || datum.at === "" ? "" : ` — ${p.tip.hiddenAt(datum.at)}`;
      lines.push(`${p.tip.hiddenBy}: ${by} (${this.words.inspect.image.how[datum.how]})${where}`);
    }
    return lines;
  }
}
