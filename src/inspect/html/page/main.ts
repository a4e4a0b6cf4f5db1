// The report page's script (bundled for the browser by scripts/build.mjs, inlined by document.ts):
// it reads the data the CLI embedded and draws the panels of its kind. An image and a mount have
// a summary, the treemap of their files, the per-layer bars, the hidden items and notes; the host
// (inspect --summary) its totals, the treemap of its stores, images and layers, and its stores,
// images, containers and layers nothing uses.
import type { HostPage, PageData } from "../page-data.js";
import { hostWhere } from "../words/index.js";
import { element, panel } from "./dom.js";
import { hostTreemap } from "./host-map.js";
import { hostHierarchy } from "./host-model.js";
import { containersPanel, hostSummaryPanel, imagesPanel, storesPanel, unusedPanel } from "./host-panels.js";
import { hiddenPanel, layersPanel, notesPanel, summaryPanel } from "./panels.js";
import { sectionTreemap } from "./section-map.js";
import { imageView, mountView, type PageWords, pageWords, type SectionView } from "./view.js";

/** One image's or mount's panels, drawn into `into`. */
function drawSection(view: SectionView, words: PageWords, made: string, into: HTMLElement): void {
  const p = words.page;
  const map = sectionTreemap(view, words);
  into.append(
    summaryPanel(view, words, made),
    panel("treemap", p.treemap.title, p.treemap.help, [map.element]),
    layersPanel(view, words, (layer) => {
      map.zoomToLayer(layer);
      map.element.scrollIntoView({ block: "nearest" });
    }),
    hiddenPanel(view, words),
  );
  const notes = notesPanel(view, words);
  if (notes !== null) into.append(notes);
  // Laid out once in the document, where the map has its width.
  map.render();
}

/** The host's panels: the totals, the map of its stores, then the tables. */
function drawHost(data: HostPage, words: PageWords, made: string, into: HTMLElement): void {
  const h = words.page.host;
  const where = hostWhere(data.json.root, data.lang);
  const root = hostHierarchy(data, where, words);
  // Stores with no byte on disk (new, or emptied) leave nothing to draw: a line says so, not an empty box.
  const map = (root.value ?? 0) > 0 ? hostTreemap(data, root, words) : null;
  into.append(
    hostSummaryPanel(data, words, where, made),
    panel("treemap", words.page.treemap.title, h.treemap.help, [
      element("p", { className: "help no-files", text: h.treemap.noFiles }),
      map === null ? element("p", { className: "help empty-map", text: h.treemap.empty }) : map.element,
    ]),
    storesPanel(data, words),
    imagesPanel(data, words),
    containersPanel(data, words),
    unusedPanel(data, words),
  );
  map?.render();
}

function draw(data: PageData, words: PageWords, made: string, root: HTMLElement): void {
  const into = (index: number) => {
    const section = element("div", { className: "section", attrs: { "data-section": String(index) } });
    root.append(section);
    return section;
  };
  switch (data.kind) {
    case "host":
      drawHost(data, words, made, into(0));
      return;
    case "image":
      drawSection(imageView(data, words), words, made, into(0));
      return;
    case "mount":
      data.mounts.forEach((section, index) => {
        drawSection(mountView(section, words), words, made, into(index));
      });
  }
}

function main(): void {
  const source = document.getElementById("report-data")?.textContent ?? "{}";
  const data = JSON.parse(source) as PageData;
  const words = pageWords(data);
  const root = document.getElementById("report") ?? document.body;
  const made = words.page.made(data.program, data.madeAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"));
  draw(data, words, made, root);
  performance.mark("treemap-drawn");
  document.body.dataset.ready = "true";
}

main();
