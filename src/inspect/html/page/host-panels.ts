// The panels of the host's page (inspect --summary --html): the totals, the stores, the images
// (with a shared/own bar) and the containers, each sortable, and the layers nothing uses with the
// runtimes' own commands to free them, shown as text (never a link or a button: nothing here
// runs anything). Every figure is the --json object's, written by the terminal's formatters.
import { formatBytes, formatCount } from "../../../i18n/format.js";
import { storeProblemText } from "../../store-problems.js";
import { closedStoresText } from "../../summary/closed.js";
import type { SummaryContainer, SummaryImage, SummaryStore } from "../../summary/model.js";
import type { HostPage } from "../page-data.js";
import { element, panel } from "./dom.js";
import { layerId, ROLE, shortId } from "./host-model.js";
import { figureElement } from "./panels.js";
import { type Column, sortableTable } from "./table.js";
import type { FigureView, PageWords } from "./view.js";

/** A bare image id (64 hex digits, with or without its algorithm). */
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{64}$/;

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

function figures(data: HostPage, words: PageWords): HTMLElement[] {
  const f = words.page.host.figures;
  const { totals, unusedLayers, containers } = data.json;
  const writableDisk = sum(containers.map((container) => container.writableDiskBytes));
  // --json's total counts each byte once along one chain of layers; two images built on one base
  // may each hide the same base file, counted then in each: said, so it is not read as bytes to reclaim.
  const hiddenDetail = totals.imageHiddenMayRepeat ? f.imageHiddenAdded : null;
  const shown: Array<[FigureView, string | null, number | null]> = [
    [
      { id: "on-disk", label: f.onDisk, bytes: totals.diskBytes, detail: f.data(formatBytes(totals.bytes)), fate: null },
      null,
      totals.bytes,
    ],
    [
      { id: "writable", label: f.writable, bytes: writableDisk, detail: f.data(formatBytes(totals.writableBytes)), fate: null },
      `role-${ROLE.container}`,
      totals.writableBytes,
    ],
    [{ id: "image-hidden", label: f.imageHidden, bytes: totals.imageHiddenBytes, detail: hiddenDetail, fate: null }, "fate-1", null],
    [{ id: "container-hidden", label: f.containerHidden, bytes: totals.containerHiddenBytes, detail: null, fate: null }, "fate-2", null],
    [
      { id: "unused", label: f.unused, bytes: unusedLayers.diskBytes, detail: f.layers(formatCount(unusedLayers.count)), fate: null },
      `role-${ROLE.unused}`,
      unusedLayers.bytes,
    ],
  ];
  return shown.map(([figure, colour, dataBytes]) =>
    figureElement(figure, colour, dataBytes === null ? {} : { "data-data-bytes": String(dataBytes) }),
  );
}

export function hostSummaryPanel(data: HostPage, words: PageWords, where: string, made: string): HTMLElement {
  const w = words.inspect.summary;
  const { totals } = data.json;
  const counts = [totals.stores, totals.images, totals.containers, totals.running, totals.stopped].map(formatCount);
  const [stores = "", images = "", containers = "", running = "", stopped = ""] = counts;
  const line =
    totals.stores === 0 && data.json.closedStores.length > 0
      ? ""
      : totals.stores === 0
        ? w.noStores
        : w.title(where, formatBytes(totals.diskBytes), stores, images, containers, running, stopped);
  const attrs = Object.fromEntries(
    (["stores", "images", "containers", "running", "stopped"] as const).map((key) => [`data-${key}`, String(totals[key])]),
  );
  return element("section", { attrs: { id: "summary" } }, [
    element("h1", { text: words.page.host.heading(where) }),
    element("p", { className: "totals", text: line, attrs: { id: "totals", ...attrs } }),
    element("p", { className: "made", text: made }),
    element("div", { className: "figures" }, figures(data, words)),
    data.json.closedStores.length === 0
      ? null
      : element("p", { className: "notes", text: closedStoresText(data.json.closedStores, words.inspect), attrs: { id: "closed-stores" } }),
  ]);
}

const bytesColumn = <Row>(
  id: string,
  title: string,
  pick: (row: Row) => number,
  attrs?: (row: Row) => Record<string, string>,
): Column<Row> => ({
  id,
  title,
  value: pick,
  cell: (row) => formatBytes(pick(row)),
  className: "bytes",
  ...(attrs === undefined ? {} : { attrs }),
});

export function storesPanel(data: HostPage, words: PageWords): HTMLElement {
  const h = words.page.host.stores;
  const w = words.inspect.summary;
  const columns: Array<Column<SummaryStore>> = [
    { id: "runtime", title: h.columns.runtime, value: (store) => store.runtime },
    { id: "root", title: h.columns.root, value: (store) => store.root },
    { id: "owner", title: h.columns.owner, value: (store) => store.owner ?? h.system },
    {
      id: "driver",
      title: h.columns.driver,
      value: (store) => store.driver,
      // A vfs store is where a disk goes: said beside its driver, with the reason.
      cell: (store) => [
        document.createTextNode(store.driver),
        ...(store.fullCopies ? [element("div", { className: "flag", text: w.fullCopies })] : []),
      ],
      attrs: (store): Record<string, string> => (store.fullCopies ? { "data-full-copies": "true" } : {}),
    },
    bytesColumn(
      "diskBytes",
      h.columns.diskBytes,
      (store) => store.diskBytes,
      (store) => ({
        "data-data-bytes": String(store.bytes),
      }),
    ),
    {
      id: "layers",
      title: h.columns.layers,
      value: (store) => store.layers,
      cell: (store) => formatCount(store.layers),
      className: "bytes",
    },
  ];
  const problems = data.json.stores.flatMap((store) =>
    store.problems.map((problem) => `${store.runtime} ${store.root}: ${storeProblemText(problem, words.inspect)}`),
  );
  return panel("stores", h.title, words.page.host.sortable(h.help), [
    sortableTable(data.json.stores, columns, "diskBytes"),
    problems.length === 0
      ? null
      : element(
          "ul",
          { className: "notes" },
          problems.map((problem) => element("li", { text: problem })),
        ),
  ]);
}

/** An image's disk bytes, and a bar of what of them is shared with other images and what is its own. */
function imageDisk(image: SummaryImage, widest: number, words: PageWords): Node[] {
  const split = words.page.host.images.split(formatBytes(image.sharedDiskBytes), formatBytes(image.uniqueDiskBytes));
  // As wide as the image is against the largest: the bars compare the images as well as split each.
  const bar = element("div", { className: "bar split", attrs: { role: "img", "aria-label": split } });
  bar.style.width = `${Math.max(2, (image.diskBytes / Math.max(1, widest)) * 100)}%`;
  for (const [bytes, role] of [
    [image.sharedDiskBytes, ROLE.shared],
    [image.uniqueDiskBytes, ROLE.own],
  ] as const) {
    if (bytes === 0) continue;
    const segment = element("span", { className: `segment role-${role}` });
    segment.style.width = `${(bytes / Math.max(1, image.diskBytes)) * 100}%`;
    bar.append(segment);
  }
  return [
    element("div", { className: "amount", text: formatBytes(image.diskBytes) }),
    bar,
    element("div", { className: "split-text", text: split }),
  ];
}

export function imagesPanel(data: HostPage, words: PageWords): HTMLElement {
  const h = words.page.host.images;
  const w = words.inspect;
  const widest = Math.max(0, ...data.json.images.map((image) => image.diskBytes));
  const columns: Array<Column<SummaryImage>> = [
    { id: "name", title: h.columns.name, value: (image) => image.name ?? w.summary.untagged },
    { id: "id", title: h.columns.id, value: (image) => shortId(image.id), attrs: (image) => ({ title: image.id }) },
    {
      id: "layers",
      title: h.columns.layers,
      value: (image) => image.layers,
      cell: (image) => formatCount(image.layers),
      className: "bytes",
    },
    {
      id: "diskBytes",
      title: h.columns.diskBytes,
      value: (image) => image.diskBytes,
      cell: (image) => imageDisk(image, widest, words),
      className: "disk",
      attrs: (image) => ({ "data-shared": String(image.sharedDiskBytes), "data-unique": String(image.uniqueDiskBytes) }),
    },
    bytesColumn("hiddenBytes", h.columns.hiddenBytes, (image) => image.hiddenBytes),
    {
      id: "containers",
      title: h.columns.containers,
      value: (image) => image.containers.length,
      cell: (image) => (image.containers.length === 0 ? h.none : image.containers.join(w.image.listSeparator)),
      attrs: (image) => ({ "data-names": JSON.stringify(image.containers) }),
    },
  ];
  const body =
    data.json.images.length === 0
      ? [element("p", { className: "help", text: h.noImages })]
      : [sortableTable(data.json.images, columns, "diskBytes")];
  return panel("images", h.title, words.page.host.sortable(h.help), body);
}

export function containersPanel(data: HostPage, words: PageWords): HTMLElement {
  const h = words.page.host.containers;
  const w = words.inspect.summary;
  const columns: Array<Column<SummaryContainer>> = [
    { id: "name", title: h.columns.name, value: (container) => container.name },
    {
      id: "pod",
      title: h.columns.pod,
      value: (container) => (container.pod === null ? "" : `${container.pod.namespace}/${container.pod.name}`),
    },
    { id: "runtime", title: h.columns.runtime, value: (container) => container.runtime },
    { id: "state", title: h.columns.state, value: (container) => container.state, cell: (container) => w.states[container.state] },
    {
      id: "image",
      title: h.columns.image,
      value: (container) => container.image,
      // A container of an image with no name names it by its id: shortened, as the terminal's line does.
      cell: (container) => (IMAGE_ID.test(container.image) ? `${shortId(container.image)}…` : container.image),
      attrs: (container) => ({ title: container.image }),
    },
    bytesColumn(
      "writableDiskBytes",
      h.columns.writableDiskBytes,
      (container) => container.writableDiskBytes,
      (container) => ({
        "data-data-bytes": String(container.writableBytes),
      }),
    ),
    bytesColumn("hiddenBytes", h.columns.hiddenBytes, (container) => container.hiddenBytes),
  ];
  const { containers } = data.json;
  const body =
    containers.length === 0
      ? [element("p", { className: "help", text: h.none })]
      : [sortableTable(containers, columns, "writableDiskBytes")];
  return panel("containers", h.title, words.page.host.sortable(h.help), body);
}

interface UnusedRow {
  dir: string;
  diskBytes: number;
  bytes: number;
  files: number;
}

export function unusedPanel(data: HostPage, words: PageWords): HTMLElement {
  const h = words.page.host.unused;
  const { unusedLayers } = data.json;
  const rows: UnusedRow[] = data.layerMap.stores.flatMap((store) =>
    store.layers.filter((layer) => layer.images.length === 0 && layer.container === null),
  );
  if (unusedLayers.count === 0) return panel("unused", h.title, h.none, []);
  const columns: Array<Column<UnusedRow>> = [
    { id: "dir", title: h.columns.dir, value: (row) => row.dir, attrs: (row) => ({ title: layerId(row.dir) }) },
    bytesColumn(
      "diskBytes",
      h.columns.diskBytes,
      (row) => row.diskBytes,
      (row) => ({ "data-data-bytes": String(row.bytes) }),
    ),
    { id: "files", title: h.columns.files, value: (row) => row.files, cell: (row) => formatCount(row.files), className: "bytes" },
  ];
  const line = words.inspect.summary.unused(formatCount(unusedLayers.count), formatBytes(unusedLayers.diskBytes));
  return panel("unused", h.title, undefined, [
    element("p", { className: "unused-line", text: line }),
    sortableTable(rows, columns, "diskBytes"),
    unusedLayers.reclaim.length === 0 ? null : element("p", { className: "help", text: h.reclaim }),
    unusedLayers.reclaim.length === 0
      ? null
      : element(
          "ul",
          { className: "reclaim" },
          unusedLayers.reclaim.map((command) => element("li", {}, [element("code", { text: command })])),
        ),
  ]);
}
