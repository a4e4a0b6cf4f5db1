// The host's treemap (treemap.ts draws it, host-model.ts is its hierarchy): the tooltips say
// what each box is (a store, an image with what of it is drawn here, a layer with the images that
// share it, a container's layer, a layer nothing uses), its disk bytes and its data, and the line
// below the breadcrumb what the zoomed node holds, by colour.
import type { HierarchyNode } from "d3-hierarchy";
import { formatBytes, formatCount } from "../../../i18n/format.js";
import type { HostPage } from "../page-data.js";
import { element } from "./dom.js";
import { type HostDatum, holdersOf, imageName, ROLE, ROLES } from "./host-model.js";
import { legendItem } from "./section-map.js";
import { Treemap } from "./treemap.js";
import type { PageWords } from "./view.js";

const ROLE_COLOURS = ["var(--own)", "var(--shared)", "var(--written)", "var(--unused)"];

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** What the leaves beneath a node hold: disk bytes and data bytes, files and layers. */
function leafFigures(node: HierarchyNode<HostDatum>): { bytes: number; files: number; layers: number } {
  const layers = node.leaves().flatMap((at) => (at.data.layer === null ? [] : [at.data.layer]));
  return { bytes: sum(layers.map((layer) => layer.bytes)), files: sum(layers.map((layer) => layer.files)), layers: layers.length };
}

/** Of an image's layers (on disk), what is drawn under another, larger image that shares them. */
export function drawnElsewhere(node: HierarchyNode<HostDatum>, data: HostPage): number {
  const image = node.data.image === null ? undefined : data.json.images[node.data.image];
  if (image === undefined) return 0;
  return image.diskBytes - (node.data.sums[ROLE.own] ?? 0) - (node.data.sums[ROLE.shared] ?? 0);
}

function imageTip(node: HierarchyNode<HostDatum>, data: HostPage, words: PageWords): string[] {
  const t = words.page.host.tip;
  const image = data.json.images[node.data.image ?? -1];
  if (image === undefined) return [];
  const layers = (node.data.sums[ROLE.own] ?? 0) + (node.data.sums[ROLE.shared] ?? 0);
  const elsewhere = drawnElsewhere(node, data);
  return [
    t.drawn(formatBytes(layers), formatBytes(node.data.sums[ROLE.container] ?? 0)),
    t.imageDisk(formatBytes(image.diskBytes), formatBytes(image.sharedDiskBytes), formatBytes(image.uniqueDiskBytes)),
    ...(elsewhere > 0 ? [t.elsewhere(formatBytes(elsewhere))] : []),
    t.hidden(formatBytes(image.hiddenBytes)),
    t.containers(image.containers),
  ];
}

/** What holds a leaf's layer: the image it is drawn under and the others, its container, or nobody. */
function layerTip(datum: HostDatum, data: HostPage, words: PageWords): string[] {
  const t = words.page.host.tip;
  const layer = datum.layer;
  if (layer === null) return [];
  const lines = [layer.dir];
  if (datum.kind === "layer") {
    const [first, ...others] = holdersOf(layer, data);
    if (first !== undefined) lines.push(t.layerOf(first[1], imageName(data, first[0], words)));
    lines.push(
      others.length === 0
        ? t.onlyIn
        : t.alsoIn(others.map(([image, number]) => words.page.aside(imageName(data, image, words), `#${number}`))),
    );
  } else if (datum.kind === "container-layer") {
    const container = data.json.containers[datum.container ?? -1];
    const name = container?.name ?? "";
    if (layer.container?.writable === true && container !== undefined) {
      lines.push(t.writable(name, words.inspect.summary.states[container.state]), t.containerHides(formatBytes(container.hiddenBytes)));
    } else lines.push(t.beneath(name));
  } else lines.push(t.unused);
  return lines;
}

function tipLines(node: HierarchyNode<HostDatum>, data: HostPage, words: PageWords): string[] {
  const t = words.page.host.tip;
  const datum = node.data;
  const disk = node.value ?? 0;
  const figures = leafFigures(node);
  const lines = [datum.name, t.disk(formatBytes(disk), formatCount(disk)), t.data(formatBytes(figures.bytes), formatCount(figures.files))];
  if (datum.kind === "store") {
    const store = data.json.stores[datum.store];
    if (store !== undefined) lines.push(store.driver, t.layers(formatCount(store.layers)));
    if (store?.fullCopies === true) lines.push(words.inspect.summary.fullCopies);
  } else if (datum.kind === "image") lines.push(...imageTip(node, data, words));
  else if (datum.kind === "host" || datum.kind === "unused") lines.push(t.layers(formatCount(figures.layers)));
  else lines.push(...layerTip(datum, data, words));
  if (datum.children !== undefined) {
    const roles = words.page.host.roles;
    for (const role of ROLES)
      if ((datum.sums[role] ?? 0) > 0) lines.push(words.page.labelled(roles[role] ?? "", formatBytes(datum.sums[role] ?? 0)));
  } else if (datum.role !== null) lines.push(words.page.host.roles[datum.role] ?? "");
  return lines;
}

function zoomed(node: HierarchyNode<HostDatum>, data: HostPage, words: PageWords): { text: string; data: Record<string, string> } {
  const h = words.page.host;
  const sums = node.data.sums;
  const parts = ROLES.filter((role) => (sums[role] ?? 0) > 0).map((role) => `${h.roles[role]} ${formatBytes(sums[role] ?? 0)}`);
  const elsewhere = node.data.kind === "image" ? drawnElsewhere(node, data) : 0;
  const line = words.page.zoomed(node.data.name, formatBytes(node.value ?? 0));
  const withParts = parts.length > 0 ? words.page.aside(line, parts.join(words.inspect.image.listSeparator)) : line;
  const text = elsewhere > 0 ? words.page.aside(withParts, h.tip.elsewhere(formatBytes(elsewhere))) : withParts;
  return { text, data: { roleBytes: sums.join(","), elsewhereBytes: String(elsewhere) } };
}

/** The host's map, shown whole first. */
export function hostTreemap(data: HostPage, root: HierarchyNode<HostDatum>, words: PageWords): Treemap<HostDatum> {
  const h = words.page.host;
  const present = ROLES.filter((role) => (root.data.sums[role] ?? 0) > 0);
  return new Treemap<HostDatum>(root, {
    label: h.treemap.label,
    breadcrumb: words.page.treemap.breadcrumb,
    legend: element(
      "ul",
      { className: "legend", attrs: { "aria-label": words.page.treemap.legend } },
      present.map((role) => legendItem(`role-${role}`, h.roles[role] ?? "")),
    ),
    palette: ROLE_COLOURS,
    start: root,
    cellClass: (datum) => (datum.children === undefined ? `leaf role-${datum.role ?? 0}` : datum.kind === "unused" ? "group" : datum.kind),
    cellAttrs: (datum): Record<string, string> => {
      const attrs: Record<string, string> = {};
      if (datum.image !== null) attrs["data-image"] = String(datum.image);
      if (datum.container !== null) attrs["data-container"] = String(datum.container);
      if (datum.kind === "store") attrs["data-store"] = String(datum.store);
      return attrs;
    },
    cellName: (node) => (node.data.children === undefined ? node.data.name : `${node.data.name}  ${formatBytes(node.value ?? 0)}`),
    tipLines: (node) => tipLines(node, data, words),
    zoomed: (node) => zoomed(node, data, words),
  });
}
