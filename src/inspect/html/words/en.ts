// The HTML report's words in English: the page's own (its panels, legend, tooltips, table) and the
// CLI's lines about the report file. The shape of this object is the type zh.ts and ja.ts must
// match. Bundled into the page's script, so its functions run in the browser too.

/** English plurals: a count already formatted for the reader ("1", "20,000"). */
const plural = (count: string, word: string): string => (count === "1" ? word : `${word}s`);

export const en = {
  // On the command line.
  notFile: (path: string) => `--html ${path}: not a regular file (a directory or a symlink): give the path of a new or regular file`,
  noDirectory: (path: string) => `--html ${path}: its directory does not exist`,
  needsTarget: "--html needs a TARGET (a container or a mount point) or --image IMAGE",
  cannotWrite: (path: string, code: string) => `could not write the HTML report ${path} (${code})`,
  written: (path: string) => `HTML report written to ${path}`,
  // The page.
  pageTitleImage: (name: string) => `${name}: image layers (overlay-lesson)`,
  pageTitleMount: (name: string) => `${name}: container layers (overlay-lesson)`,
  noScript: "This report draws itself with JavaScript: open it in a browser with JavaScript on.",
  made: (program: string, when: string) => `made by ${program}, ${when}`,
  imageHeading: (name: string, runtime: string, id: string) => `image ${name} (${runtime}, ${id})`,
  containerHeading: (name: string, runtime: string, id: string) => `container ${name} (${runtime}, ${id})`,
  mountHeading: (mountPoint: string) => `overlay ${mountPoint}`,
  storeName: (store: string) => `store ${store}`,
  figures: {
    onDisk: "on disk",
    files: (count: string) => `${count} ${plural(count, "file")}`,
    seen: "a container sees",
    hiddenByImage: "hidden by the image's own layers",
    hiddenByContainer: "hidden by the container's changes",
    written: "written by the container",
    ofImage: (percent: string) => `${percent} of the image`,
  },
  largestHidden: "largest hidden item:",
  nothingHidden: "nothing is hidden: every byte in these layers is one a container sees",
  fates: ["seen by a container", "hidden by a later image layer", "hidden by the container", "written by the container"],
  folded: "small files, folded",
  treemap: {
    title: "Where the bytes are",
    help: "Area is bytes. Click a box to zoom in, the path above it to zoom out; hover for details.",
    label: "treemap of the layers' files",
    breadcrumb: "zoom path",
    legend: "colours",
  },
  upperLayer: "the container's writable layer",
  layerName: (number: number, step: string) => `#${number} ${step}`,
  foldName: (files: string, bytes: string) => `+${files} ${plural(files, "file")}, ${bytes}`,
  tip: {
    layer: "layer",
    bytes: (bytes: string, exact: string) => `${bytes} (${exact} B)`,
    files: "files",
    hiddenBy: "hidden by",
    hiddenAt: (path: string) => `the entry at ${path}`,
    container: "the container",
  },
  zoomed: (name: string, bytes: string) => `${name}: ${bytes}`,
  layers: {
    title: "Layers, in build order (#1 is the base)",
    help: "Each bar is what the layer added; its colours, what became of those bytes. Click a bar to zoom the treemap to it.",
    hiddenLater: (bytes: string) => `${bytes} hidden by later layers`,
    hiddenByContainer: (bytes: string) => `${bytes} hidden by the container`,
    seen: (bytes: string) => `${bytes} seen`,
    figures: (added: string, parts: string) => `${added}: ${parts}`,
    added: (bytes: string, files: string) => `${bytes} in ${files} ${plural(files, "file")}`,
  },
  hidden: {
    title: "Hidden items",
    help: (shown: string, all: string) =>
      shown === all
        ? `All ${all} hidden ${plural(all, "group")}, largest first. Click a heading to sort.`
        : `The largest ${shown} of ${all} hidden groups (--top ${all} lists them all). Click a heading to sort.`,
    columns: { path: "path", bytes: "bytes", addedBy: "added by", hiddenBy: "hidden by", how: "how", fix: "fix" },
    layer: (number: number) => `layer #${number}`,
    step: (number: number, step: string) => `#${number} ${step}`,
    container: "the container",
    containerFix: "the container's own change: a fresh container of this image does not hide it",
    manyFiles: (path: string, files: string) => `${path} (${files} ${plural(files, "file")})`,
  },
  notes: {
    title: "Notes",
    folded: (drawn: string, folded: string, under: string) =>
      `${drawn} ${plural(drawn, "file")} drawn one by one; ${folded} smaller ${plural(folded, "file")} (${under} or less) folded per directory`,
    foldedEmpty: (drawn: string, folded: string) =>
      `${drawn} ${plural(drawn, "file")} drawn one by one; ${folded} empty ${plural(folded, "file")} (0 B) folded per directory`,
    changesLeftOut: (kept: string, all: string) => `the first ${kept} of ${all} changes are kept in this page; --json lists them all`,
  },
};

export type HtmlWords = typeof en;
