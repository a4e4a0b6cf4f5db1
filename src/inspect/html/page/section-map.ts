// The treemap of an image's or a container's files (treemap.ts draws it): store → image (or
// container) → layers → directories → files, coloured by what became of the bytes, with the
// tooltip's path, bytes, layer and what hid it.
import type { HierarchyNode } from "d3-hierarchy";
import { formatBytes, formatCount } from "../../../i18n/format.js";
import { FATES } from "../tree-data.js";
import { element } from "./dom.js";
import { type Datum, layerOf, nodePath, sectionHierarchy } from "./model.js";
import { Treemap } from "./treemap.js";
import type { PageLayer, PageWords, SectionView } from "./view.js";

const FATE_COLOURS = ["var(--seen)", "var(--image-hidden)", "var(--container-hidden)", "var(--written)"];

/** A swatch and its words, for a legend. */
export function legendItem(className: string, text: string): HTMLElement {
  return element("li", { className }, [element("span", { className: "swatch" }), document.createTextNode(text)]);
}

function legend(view: SectionView, words: PageWords): HTMLElement {
  const p = words.page;
  return element("ul", { className: "legend", attrs: { "aria-label": p.treemap.legend } }, [
    ...view.fates.map((fate) => legendItem(`fate-${fate}`, p.fates[fate] ?? "")),
    // Folds of empty files have no area: nothing of them to point at.
    view.tree.foldedFiles > 0 && view.tree.foldedUnder > 0 ? legendItem("folded fate-0", p.folded) : null,
  ]);
}

function tipLines(node: HierarchyNode<Datum>, words: PageWords, layerNames: ReadonlyMap<number, string>): string[] {
  const p = words.page;
  const datum = node.data;
  const bytes = node.value ?? 0;
  const path = nodePath(node);
  const title =
    datum.kind === "fold"
      ? p.labelled(path === "" ? "/" : path, p.foldName(formatCount(datum.files), formatBytes(bytes)))
      : path || datum.name;
  const lines = [title, p.tip.bytes(formatBytes(bytes), formatCount(bytes))];
  const layer = layerOf(node);
  if (layer !== null && datum.kind !== "layer") lines.push(p.labelled(p.tip.layer, layer.name));
  if (datum.children === undefined && datum.fate !== null) lines.push(p.fates[datum.fate] ?? "");
  else {
    for (const fate of FATES)
      if ((datum.sums[fate] ?? 0) > 0) lines.push(p.labelled(p.fates[fate] ?? "", formatBytes(datum.sums[fate] ?? 0)));
  }
  if (datum.how !== undefined) {
    const by = datum.hider === null || datum.hider === undefined ? p.tip.container : (layerNames.get(datum.hider) ?? `#${datum.hider}`);
    const where = datum.at === undefined || datum.at === "" ? "" : ` — ${p.tip.hiddenAt(datum.at)}`;
    lines.push(p.labelled(p.tip.hiddenBy, `${p.aside(by, words.inspect.image.how[datum.how])}${where}`));
  }
  return lines;
}

/** The map of one image's or mount's section, shown zoomed into the image (or container) first. */
export function sectionTreemap(view: SectionView, words: PageWords): Treemap<Datum> & { zoomToLayer(layer: PageLayer): void } {
  const p = words.page;
  const root = sectionHierarchy(view, view.heading);
  const layerNames = new Map<number, string>();
  for (const layer of view.layers) if (layer.number !== null) layerNames.set(layer.number, layer.name);
  const map = new Treemap<Datum>(root, {
    label: p.treemap.label,
    breadcrumb: p.treemap.breadcrumb,
    legend: legend(view, words),
    palette: FATE_COLOURS,
    start: root.children?.[0] ?? root,
    cellClass: (datum) =>
      datum.children === undefined
        ? `leaf fate-${datum.fate ?? 0}${datum.kind === "fold" ? " fold" : ""}`
        : datum.kind === "dir"
          ? "group"
          : datum.kind,
    cellAttrs: (datum): Record<string, string> =>
      datum.kind === "layer" && datum.layer !== null ? { "data-layer": String(datum.layer.number ?? "upper") } : {},
    cellName: (node) => {
      const datum = node.data;
      if (datum.kind === "fold") return p.foldName(formatCount(datum.files), formatBytes(datum.bytes));
      return datum.children === undefined ? datum.name : `${datum.name}  ${formatBytes(node.value ?? 0)}`;
    },
    tipLines: (node) => tipLines(node, words, layerNames),
    zoomed: (node) => {
      const parts = FATES.filter((fate) => (node.data.sums[fate] ?? 0) > 0).map(
        (fate) => `${p.fates[fate]} ${formatBytes(node.data.sums[fate] ?? 0)}`,
      );
      const line = p.zoomed(node.data.name, formatBytes(node.value ?? 0));
      const text = parts.length > 0 ? p.aside(line, parts.join(words.inspect.image.listSeparator)) : line;
      return { text, data: { fateBytes: node.data.sums.join(",") } };
    },
  });
  return Object.assign(map, { zoomToLayer: (layer: PageLayer) => map.zoomWhere((datum) => datum.layer === layer) });
}
