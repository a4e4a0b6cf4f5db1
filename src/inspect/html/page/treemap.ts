// The zoomable treemap: d3-hierarchy's squarified layout of the node zoomed into, drawn as boxes
// (area by bytes, colour by what a page says its leaves are), a breadcrumb to zoom out, and a
// tooltip. Only boxes of a few pixels or more are drawn, and at most MAX_CELLS of them (shallow
// ones first): a box whose children are too small to draw is striped in its children's colours,
// by their share of its bytes. What the boxes are, how they are named and what their tooltips
// say is the page's (section-map.ts for an image's or a container's files, host-map.ts for the
// host's stores, images and layers).
import { type HierarchyNode, type HierarchyRectangularNode, treemap, treemapSquarify } from "d3-hierarchy";
import { element } from "./dom.js";

const MAX_CELLS = 2500;
const MIN_SIDE = 3;
const HEADER = 16;

/** What a box of the map needs of its datum: a name, a kind, and its bytes per colour beneath it. */
export interface MapDatum {
  name: string;
  kind: string;
  /** Bytes per colour (an index into the palette) beneath and at this node. */
  sums: number[];
  children?: MapDatum[];
}

/** What a page says of its map. */
export interface TreemapSpec<D extends MapDatum> {
  label: string;
  breadcrumb: string;
  /** The legend, drawn above the breadcrumb. */
  legend: HTMLElement;
  /** A CSS colour per colour index, for the stripes of a box whose children are too small to draw. */
  palette: readonly string[];
  /** The node shown first. */
  start: HierarchyNode<D>;
  /** The box's classes after "cell" ("leaf fate-1", "layer", "group"). */
  cellClass(datum: D): string;
  /** Data attributes of the box, beside data-index and data-kind ("data-layer"). */
  cellAttrs(datum: D): Record<string, string>;
  /** The label written in a box large enough for one. */
  cellName(node: HierarchyNode<D>): string;
  tipLines(node: HierarchyNode<D>): string[];
  /** The line below the breadcrumb: what the zoomed node holds; and data attributes beside its bytes. */
  zoomed(node: HierarchyNode<D>): { text: string; data: Record<string, string> };
}

/** A box's colours by the bytes beneath it: a hard-edged gradient, one band per colour. */
function stripes(sums: readonly number[], palette: readonly string[]): string {
  const total = sums.reduce((a, b) => a + b, 0);
  if (total === 0) return "";
  const bands: string[] = [];
  let from = 0;
  sums.forEach((bytes, colour) => {
    if (bytes === 0) return;
    const to = from + (bytes / total) * 100;
    bands.push(`${palette[colour] ?? "transparent"} ${from.toFixed(2)}% ${to.toFixed(2)}%`);
    from = to;
  });
  return `linear-gradient(to right, ${bands.join(", ")})`;
}

export class Treemap<D extends MapDatum> {
  readonly element: HTMLElement;
  private readonly map: HTMLElement;
  private readonly crumbs: HTMLElement;
  private readonly zoomedLine: HTMLElement;
  private readonly tip: HTMLElement;
  private readonly originals = new Map<D, HierarchyNode<D>>();
  private current: HierarchyNode<D>;
  private drawn: Array<HierarchyRectangularNode<D>> = [];

  constructor(
    private readonly root: HierarchyNode<D>,
    private readonly spec: TreemapSpec<D>,
  ) {
    root.each((node) => this.originals.set(node.data, node));
    this.current = spec.start;
    this.crumbs = element("ol", { className: "crumbs", attrs: { "aria-label": spec.breadcrumb } });
    this.zoomedLine = element("p", { className: "zoomed" });
    this.map = element("div", { className: "treemap", attrs: { role: "img", "aria-label": spec.label } });
    this.tip = element("div", { className: "tip", attrs: { hidden: "" } });
    this.element = element("div", { className: "treemap-panel" }, [spec.legend, this.crumbs, this.zoomedLine, this.map, this.tip]);
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

  zoomTo(node: HierarchyNode<D>): void {
    this.current = node;
    this.render();
  }

  /** Zoom to the first node (depth first) whose datum passes `test`. */
  zoomWhere(test: (datum: D) => boolean): void {
    const node = this.root.descendants().find((at) => test(at.data));
    if (node !== undefined) this.zoomTo(node);
  }

  render(): void {
    this.renderCrumbs();
    const { text, data } = this.spec.zoomed(this.current);
    this.zoomedLine.textContent = text;
    this.zoomedLine.dataset.bytes = String(this.current.value ?? 0);
    Object.assign(this.zoomedLine.dataset, data);
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
    const layout = treemap<D>()
      .tile(treemapSquarify)
      .size([width, height])
      .paddingInner(1)
      .paddingOuter(2)
      .paddingTop((node) => (node.depth === 0 ? 2 : HEADER))
      .round(true)(this.current.copy());
    const drawn: Array<HierarchyRectangularNode<D>> = [];
    const shown = new Set<HierarchyRectangularNode<D>>();
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

  private cell(node: HierarchyRectangularNode<D>, index: number, shown: ReadonlySet<HierarchyRectangularNode<D>>): HTMLElement {
    const datum = node.data;
    const width = node.x1 - node.x0;
    const height = node.y1 - node.y0;
    const attrs = { ...this.spec.cellAttrs(datum), "data-index": String(index), "data-kind": datum.kind };
    const box = element("div", { className: `cell ${this.spec.cellClass(datum)}`, attrs });
    box.style.left = `${node.x0}px`;
    box.style.top = `${node.y0}px`;
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
    // A box none of whose children could be drawn shows what they hold by its colours.
    if (datum.children !== undefined && !(node.children ?? []).some((child) => shown.has(child))) {
      box.style.background = stripes(datum.sums, this.spec.palette);
    }
    if (width > 40 && height > 14) box.append(element("span", { className: "name", text: this.spec.cellName(node) }));
    return box;
  }

  /** The drawn node under an event, back in the whole tree. */
  private nodeAt(event: Event): HierarchyNode<D> | undefined {
    const box = (event.target as Element | null)?.closest?.(".cell");
    const drawn = box instanceof HTMLElement ? this.drawn[Number(box.dataset.index)] : undefined;
    return drawn === undefined ? undefined : this.originals.get(drawn.data);
  }

  private onClick(event: MouseEvent): void {
    const node = this.nodeAt(event);
    if (node === undefined) return;
    // One level at a time: the child of the zoomed node that holds what was clicked.
    let step: HierarchyNode<D> = node;
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
      ...this.spec.tipLines(node).map((line, index) => element("div", { className: index === 0 ? "path" : "", text: line })),
    );
    this.tip.removeAttribute("hidden");
    const x = Math.min(event.clientX + 14, window.innerWidth - this.tip.offsetWidth - 8);
    const y = Math.min(event.clientY + 14, window.innerHeight - this.tip.offsetHeight - 8);
    this.tip.style.left = `${Math.max(4, x)}px`;
    this.tip.style.top = `${Math.max(4, y)}px`;
  }
}
