// The host summary for a person: one line of totals, then the stores, the images and the
// containers, the largest first (at most --top of each), and the layers nothing uses with the
// runtimes' own commands to free them (printed, never run). Fitted to the terminal as every line
// of inspect is (layout.ts). Sizes are disk bytes, what `du` would say: that is what fills a disk.
import { formatBytes, formatCount } from "../../i18n/format.js";
import type { HumanStyle } from "../human.js";
import { layout, type Row } from "../layout.js";
import { storeProblemText } from "../store-problems.js";
import { closedStoresText } from "./closed.js";
import type { HostSummary } from "./model.js";

const shortId = (id: string): string => id.replace(/^sha256:/, "").slice(0, 12);

function moreRow(shown: number, all: number, style: HumanStyle): Row[] {
  if (all <= shown) return [];
  return [{ indent: 4, text: style.words.more(formatCount(all - shown), formatCount(all)), style: style.chalk.dim }];
}

function storeRows(summary: HostSummary, style: HumanStyle): Row[] {
  const w = style.words.summary;
  const rows: Row[] = [{ indent: 2, text: w.storesTitle }];
  for (const store of summary.stores) {
    const disk = formatBytes(store.diskBytes);
    rows.push({ indent: 4, text: w.store(store.runtime, store.root, store.owner, store.driver, disk, formatCount(store.layers)) });
    if (store.fullCopies) rows.push({ indent: 6, text: w.fullCopies, style: style.chalk.yellow });
    for (const problem of store.problems) rows.push({ indent: 6, text: storeProblemText(problem, style.words), style: style.chalk.yellow });
  }
  return rows;
}

function imageRows(summary: HostSummary, style: HumanStyle, top: number): Row[] {
  const w = style.words.summary;
  if (summary.images.length === 0) return [];
  const rows: Row[] = [{ indent: 2, text: w.imagesTitle }];
  for (const image of summary.images.slice(0, top)) {
    // On disk, as du counts: what fills it (the hidden bytes are the files' own sizes).
    const [bytes, shared, unique, hidden] = [image.diskBytes, image.sharedDiskBytes, image.uniqueDiskBytes, image.hiddenBytes].map(
      formatBytes,
    );
    const name = image.name ?? w.untagged;
    rows.push({
      indent: 4,
      text: w.image(name, shortId(image.id), formatCount(image.layers), bytes ?? "", shared ?? "", unique ?? "", hidden ?? ""),
    });
    // As many of its containers as --top lists, then how many more (the containers' own list follows).
    const named = image.containers.slice(0, Math.max(1, top));
    rows.push({ indent: 6, text: w.imageContainers(named, formatCount(image.containers.length - named.length)), style: style.chalk.dim });
  }
  return [...rows, ...moreRow(Math.min(top, summary.images.length), summary.images.length, style)];
}

function containerRows(summary: HostSummary, style: HumanStyle, top: number): Row[] {
  const w = style.words.summary;
  if (summary.containers.length === 0) return [];
  const rows: Row[] = [{ indent: 2, text: w.containersTitle }];
  for (const container of summary.containers.slice(0, top)) {
    const pod = container.pod === null ? "" : w.pod(container.pod.namespace, container.pod.name);
    const state = w.states[container.state];
    const text = w.container(
      container.name,
      pod,
      container.runtime,
      state,
      container.image,
      formatBytes(container.writableDiskBytes),
      formatBytes(container.hiddenBytes),
    );
    rows.push({ indent: 4, text });
  }
  return [...rows, ...moreRow(Math.min(top, summary.containers.length), summary.containers.length, style)];
}

function unusedRows(summary: HostSummary, style: HumanStyle): Row[] {
  const w = style.words.summary;
  const { unusedLayers } = summary;
  if (unusedLayers.count === 0) return [];
  const rows: Row[] = [{ indent: 2, text: w.unused(formatCount(unusedLayers.count), formatBytes(unusedLayers.diskBytes)) }];
  if (unusedLayers.reclaim.length > 0) rows.push({ indent: 4, text: w.reclaim(unusedLayers.reclaim), style: style.chalk.dim });
  return rows;
}

/** The note on system stores we may not look into (none as root), or none. */
export function closedStoresRow(summary: HostSummary, style: HumanStyle, indent: number): Row[] {
  const closed = summary.closedStores;
  if (closed.length === 0) return [];
  return [{ indent, text: closedStoresText(closed, style.words), style: style.chalk.yellow }];
}

/** The summary's lines, ending with a blank one (the mounts' reports may follow). */
export function renderSummary(summary: HostSummary, style: HumanStyle, top: number): string {
  const w = style.words.summary;
  const { totals } = summary;
  // No store could be read: where one is there all the same (root's, to an ordinary user), say so, not "none".
  if (totals.stores === 0) {
    const rows =
      summary.closedStores.length > 0 ? closedStoresRow(summary, style, 0) : [{ indent: 0, text: w.noStores, style: style.chalk.dim }];
    return `${layout(rows, style.width)}\n\n`;
  }
  const counts = [totals.stores, totals.images, totals.containers, totals.running, totals.stopped].map(formatCount);
  const [stores = "", images = "", containers = "", running = "", stopped = ""] = counts;
  const where = summary.root === "/" ? w.thisHost : w.underRoot(summary.root);
  const title = w.title(where, formatBytes(totals.diskBytes), stores, images, containers, running, stopped);
  const rows: Row[] = [
    { indent: 0, text: title, style: style.chalk.bold },
    ...storeRows(summary, style),
    ...imageRows(summary, style, top),
    ...containerRows(summary, style, top),
    ...unusedRows(summary, style),
    ...closedStoresRow(summary, style, 2),
  ];
  return `${layout(rows, style.width)}\n\n`;
}
