// The HTML report's words in English: the page's own (its panels, legend, tooltips, table) and the
// CLI's lines about the report file. The shape of this object is the type zh.ts and ja.ts must
// match. Bundled into the page's script, so its functions run in the browser too.

/** English plurals: a count already formatted for the reader ("1", "20,000"). */
const plural = (count: string, word: string): string => (count === "1" ? word : `${word}s`);

/** The host's page (inspect --summary --html). */
const HOST = {
  heading: (where: string) => `Host summary: ${where}`,
  figures: {
    onDisk: "on disk, as du counts",
    data: (bytes: string) => `${bytes} of file data`,
    writable: "containers' writable layers, on disk",
    imageHidden: "hidden by the images' own later layers",
    /** Said under it when images that hide bytes share layers: --json's total adds up each image's figure. */
    imageHiddenAdded: "images built on one base may each hide the same file of it: it is then counted once in each",
    containerHidden: "hidden by the containers' changes",
    unused: "layers nothing uses, on disk",
    layers: (count: string) => `${count} ${plural(count, "layer")}`,
  },
  /** A table's help, and how to sort it. */
  sortable: (help: string) => `${help} Click a heading to sort.`,
  stores: {
    title: "Stores, the largest first",
    help: "Each layer is counted once, however many images and containers hold it.",
    columns: { runtime: "runtime", root: "root", owner: "owner", driver: "driver", diskBytes: "on disk", layers: "layers" },
    system: "root (the system's)",
  },
  images: {
    title: "Images",
    help: "On disk, as du counts. Shared: in layers other images hold too; its own: what removing the image alone would free. Hidden: the data its own later layers hide (RUN rm in a later step).",
    columns: { name: "image", id: "id", layers: "layers", diskBytes: "on disk", hiddenBytes: "hidden", containers: "containers" },
    split: (shared: string, own: string) => `shared ${shared}, its own ${own}`,
    none: "none",
    noImages: "no images",
  },
  containers: {
    title: "Containers",
    help: "Writable: what the container's writable layer takes on disk. Hides: the data of its image it hides (copy-ups and deletes).",
    columns: {
      name: "container",
      pod: "pod",
      runtime: "runtime",
      state: "state",
      image: "image",
      writableDiskBytes: "writable",
      hiddenBytes: "hides",
    },
    none: "no containers",
  },
  unused: {
    title: "Layers nothing uses",
    none: "every layer is held by an image or a container",
    reclaim:
      "The runtimes' own commands to free them, shown here and never run. They also remove stopped containers and the images no container is of: read the lists above first.",
    columns: { dir: "layer directory", diskBytes: "on disk", files: "files" },
  },
  treemap: {
    help: "Area is disk bytes: each store, its images, each image's layers in build order (#1 the base) and its containers' own layers, and the layers nothing uses. A layer several images share is drawn once, under the largest of them (its tooltip names the others). Click a box to zoom in, the path above it to zoom out; hover for details.",
    noFiles:
      "Directories and files are not drawn here: the summary counts each layer's files without keeping their paths. For the files of one container or image: inspect NAME --html, or inspect --image IMAGE --html.",
    label: "treemap of the host's stores, images and layers",
    empty: "nothing on disk to draw",
  },
  roles: ["an image's own layer", "a layer several images share", "a container's own layer", "a layer nothing uses"],
  names: {
    store: (runtime: string, root: string, owner: string | null) => `${runtime} ${root}${owner === null ? "" : ` (user ${owner})`}`,
    layer: (number: number, id: string) => `#${number} ${id}`,
    writable: (container: string) => `${container}: writable layer`,
    beneath: (container: string) => `${container}: layer beneath it`,
    unused: "layers nothing uses",
  },
  tip: {
    disk: (bytes: string, exact: string) => `${bytes} on disk (${exact} B)`,
    data: (bytes: string, files: string) => `${bytes} of data in ${files} ${plural(files, "file")}`,
    layerOf: (number: number, image: string) => `layer #${number} of ${image}`,
    alsoIn: (images: readonly string[]) => `shared: also in ${images.join(", ")}`,
    onlyIn: "only this image holds it",
    writable: (container: string, state: string) => `the writable layer of container ${container} (${state})`,
    beneath: (container: string) =>
      `a layer of container ${container} beneath its writable one that no image holds (docker's -init: /etc/hosts, /etc/resolv.conf)`,
    unused: "no image or container holds it",
    containerHides: (bytes: string) => `hides ${bytes} of its image`,
    drawn: (layers: string, containers: string) => `drawn here: its layers ${layers}, its containers' layers ${containers}`,
    elsewhere: (bytes: string) => `${bytes} of its layers drawn under a larger image that shares them`,
    imageDisk: (disk: string, shared: string, own: string) => `its layers: ${disk} on disk (shared ${shared}, its own ${own})`,
    hidden: (bytes: string) => `hidden by its later layers: ${bytes}`,
    containers: (names: readonly string[]) => `containers: ${names.length === 0 ? "none" : names.join(", ")}`,
    layers: (count: string) => `${count} ${plural(count, "layer")}`,
  },
};

export const en = {
  // On the command line.
  notFile: (path: string) => `--html ${path}: not a regular file (a directory or a symlink): give the path of a new or regular file`,
  noDirectory: (path: string) => `--html ${path}: its directory does not exist`,
  needsTarget: "--html needs a TARGET (a container or a mount point), --image IMAGE or --summary",
  cannotWrite: (path: string, code: string) => `could not write the HTML report ${path} (${code})`,
  written: (path: string) => `HTML report written to ${path}`,
  // The page.
  pageTitleImage: (name: string) => `${name}: image layers (overlay-lesson)`,
  pageTitleMount: (name: string) => `${name}: container layers (overlay-lesson)`,
  pageTitleHost: (where: string) => `${where}: container stores (overlay-lesson)`,
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
  /** A label and its value ("layer: #2 …"), and a word with an aside ("… (rm)"), as each language punctuates them. */
  labelled: (label: string, value: string) => `${label}: ${value}`,
  aside: (text: string, inner: string) => `${text} (${inner})`,
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
  host: HOST,
};

export type HtmlWords = typeof en;
