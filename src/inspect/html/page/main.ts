// The report page's script (bundled for the browser by scripts/build.mjs, inlined by document.ts):
// it reads the data the CLI embedded and draws each section's panels. Which panels a page has is
// its kind's: an image and a mount have a summary, the treemap, the per-layer bars, the hidden
// items and notes; a host page (inspect --summary) gets its own entry here and panels of its own
// (stores, images shared and unique, containers, layers nothing uses).
import type { PageData } from "../page-data.js";
import { element, panel } from "./dom.js";
import { sectionHierarchy } from "./model.js";
import { hiddenPanel, layersPanel, notesPanel, summaryPanel } from "./panels.js";
import { Treemap } from "./treemap.js";
import { imageView, mountView, type PageWords, pageWords, type SectionView } from "./view.js";

/** One image's or mount's panels, drawn into `into`. */
function drawSection(view: SectionView, words: PageWords, made: string, into: HTMLElement): void {
  const p = words.page;
  const map = new Treemap(sectionHierarchy(view, view.heading), view, words);
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

function sections(data: PageData, words: PageWords): SectionView[] {
  switch (data.kind) {
    case "image":
      return [imageView(data, words)];
    case "mount":
      return data.mounts.map((section) => mountView(section, words));
  }
}

function main(): void {
  const source = document.getElementById("report-data")?.textContent ?? "{}";
  const data = JSON.parse(source) as PageData;
  const words = pageWords(data);
  const root = document.getElementById("report") ?? document.body;
  const made = words.page.made(data.program, data.madeAt.replace("T", " ").replace(/\.\d+Z$/, " UTC"));
  sections(data, words).forEach((view, index) => {
    const into = element("div", { className: "section", attrs: { "data-section": String(index) } });
    root.append(into);
    drawSection(view, words, made, into);
  });
  performance.mark("treemap-drawn");
  document.body.dataset.ready = "true";
}

main();
