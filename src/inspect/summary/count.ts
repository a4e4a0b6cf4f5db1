// The host summary, counted: every store's images (each image's layers walked once, as one stack,
// for what it holds and what its later layers hide), its containers (each counted on its image's
// shared count: only what its own layers touch is walked), and the layers nothing uses (each
// counted alone). A layer's figures come from the first walk that reads it; a store's bytes are
// its layers', each once. Read-only, like all of inspect.
import type { AnalysisTotals } from "../../layers/analysis.js";
import type { ByteTotals } from "../../layers/bytes.js";
import { analyzeStack, type StackReading } from "../../layers/read-ahead.js";
import { analyzeOnImage, type SharedImages } from "../../layers/shared-image.js";
import type { XattrNamespace } from "../../overlay/xattr.js";
import type { StoreContents, StoredContainer, StoredImage } from "../../runtime/index.js";
import { adapterFor, closedStoresUnder } from "../../runtime/index.js";
import { draftStoreMap, type HostLayerMap, resolveLayerMap, type StoreMapDraft } from "./layer-map.js";
import type { HostSummary, SummaryContainer, SummaryImage, SummaryStore } from "./model.js";

export interface SummaryOptions {
  /** Where the stores were found: "/", or --root DIR. */
  root: string;
  images: SharedImages;
  top: number;
  /** A container's figures counted already (its mount's report), by its upper directory. */
  known?: ReadonlyMap<string, KnownContainer>;
  /** A directory of a layer could not be listed. */
  onUnreadable(dir: string, code: string): void;
}

/** What the summary takes of a container counted already. */
export type KnownContainer = Pick<AnalysisTotals, "upper" | "containerHiddenBytes"> & { layers: ByteTotals[] };

/** Per layer directory: what its regular files hold, from the first walk that read it. */
type LayerFigures = Map<string, ByteTotals>;

const figures = (totals: ByteTotals | undefined): ByteTotals => ({
  bytes: totals?.bytes ?? 0,
  files: totals?.files ?? 0,
  apparentBytes: totals?.apparentBytes ?? 0,
  diskBytes: totals?.diskBytes ?? 0,
});

/** Rootless stores keep overlay's notes in user.* (the other namespace is read too, where these have none). */
const namespaceOf = (contents: StoreContents): XattrNamespace => (contents.owner === null ? "trusted" : "user");

function reading(dirs: readonly string[], hasUpper: boolean, namespace: XattrNamespace, options: SummaryOptions): StackReading {
  return { dirs, hasUpper, namespace, top: options.top, onUnreadable: options.onUnreadable };
}

/** The image a container is of: the one whose layers are the bottom of its lower layers (vfs: by its id, there are none). */
function imageOf(container: StoredContainer, images: readonly StoredImage[]): StoredImage | undefined {
  const byId = images.find((image) => image.id === container.imageId);
  if (container.lower.length === 0) return byId;
  const isBottom = (image: StoredImage): boolean =>
    image.layers.length > 0 &&
    image.layers.every((dir, index) => container.lower[container.lower.length - image.layers.length + index] === dir);
  return byId !== undefined && isBottom(byId) ? byId : images.find(isBottom);
}

/**
 * An image's figures, its layers' into `layers`: walked as one stack, or, on vfs (where each layer
 * is a whole copy of the image up to it, not a change on top), each layer alone, hiding nothing.
 */
async function imageFigures(image: StoredImage, contents: StoreContents, layers: LayerFigures, options: SummaryOptions) {
  if (contents.driver === "vfs") {
    for (const dir of image.layers) if (!layers.has(dir)) layers.set(dir, await countAlone(dir, contents, options));
    return { imageHiddenBytes: 0 };
  }
  const totals = await options.images.of(image.layers, namespaceOf(contents)).imageTotals(options.onUnreadable);
  image.layers.forEach((dir, index) => {
    if (!layers.has(dir)) layers.set(dir, figures(totals.layers[index]));
  });
  return totals;
}

/** One layer directory's files, counted alone. */
async function countAlone(dir: string, contents: StoreContents, options: SummaryOptions): Promise<ByteTotals> {
  const alone = await analyzeStack(reading([dir], false, namespaceOf(contents), options));
  return figures(alone.layers[0]);
}

async function countImages(contents: StoreContents, layers: LayerFigures, options: SummaryOptions): Promise<SummaryImage[]> {
  const users = new Map<string, number>();
  for (const image of contents.images) for (const dir of new Set(image.layers)) users.set(dir, (users.get(dir) ?? 0) + 1);
  const rows: SummaryImage[] = [];
  for (const image of contents.images) {
    const totals = await imageFigures(image, contents, layers, options);
    const sum = (pick: (dir: string) => boolean, field: "bytes" | "diskBytes"): number =>
      [...new Set(image.layers)].filter(pick).reduce((total, dir) => total + (layers.get(dir)?.[field] ?? 0), 0);
    const bytes = sum(() => true, "bytes");
    const diskBytes = sum(() => true, "diskBytes");
    const isShared = (dir: string): boolean => (users.get(dir) ?? 0) > 1;
    const sharedBytes = sum(isShared, "bytes");
    const sharedDiskBytes = sum(isShared, "diskBytes");
    rows.push({
      runtime: contents.runtime,
      name: image.names[0] ?? null,
      id: image.id,
      layers: image.layers.length,
      bytes,
      diskBytes,
      sharedBytes,
      uniqueBytes: bytes - sharedBytes,
      sharedDiskBytes,
      uniqueDiskBytes: diskBytes - sharedDiskBytes,
      hiddenBytes: totals.imageHiddenBytes,
      containers: [],
    });
  }
  return rows;
}

async function countContainer(
  container: StoredContainer,
  contents: StoreContents,
  layers: LayerFigures,
  options: SummaryOptions,
): Promise<SummaryContainer> {
  const namespace = namespaceOf(contents);
  const dirs = [container.upper, ...container.lower];
  const image = imageOf(container, contents.images);
  let totals: KnownContainer | undefined = options.known?.get(container.upper);
  if (totals === undefined) {
    const stack = reading(dirs, true, namespace, options);
    // A vfs container is a whole copy, its own and alone: nothing of an image lies beneath it.
    const shared = image === undefined || contents.driver === "vfs" ? undefined : options.images.of(image.layers, namespace);
    totals = shared === undefined ? await analyzeStack(stack) : await analyzeOnImage(stack, shared);
  }
  if (!layers.has(container.upper)) layers.set(container.upper, figures(totals.upper ?? undefined));
  container.lower.forEach((dir, index) => {
    if (!layers.has(dir)) layers.set(dir, figures(totals.layers[index]));
  });
  return {
    runtime: contents.runtime,
    id: container.id,
    name: container.name,
    image: container.image,
    state: container.state,
    pod: container.pod,
    writableBytes: totals.upper?.bytes ?? 0,
    writableDiskBytes: totals.upper?.diskBytes ?? 0,
    hiddenBytes: totals.containerHiddenBytes,
  };
}

/** Does `base`'s chain of layers (top first) end `chain` (it is the bottom of that image, or the same layers)? */
const endsChain = (chain: readonly string[], base: readonly string[]): boolean =>
  base.length <= chain.length && base.every((dir, index) => chain[chain.length - base.length + index] === dir);

/**
 * The store's images' hidden bytes, each byte once where one image is the bottom of another (a
 * build's intermediate image, a base and what was built on it, two names of the same layers):
 * what a later layer hides stays hidden under more layers, so the bottom image's hidden bytes are
 * all among the other's. Images that only share a base (two built on it) may hide the same base
 * file each: `repeats` says the sum may then count it twice.
 */
function storeImageHidden(stored: readonly StoredImage[], rows: readonly SummaryImage[]): { bytes: number; repeats: boolean } {
  const counted = stored
    .map((image, at) => ({ layers: image.layers, hidden: rows[at]?.hiddenBytes ?? 0, at }))
    .filter(({ layers, at }) =>
      stored.every((other, index) => index === at || !endsChain(other.layers, layers) || (endsChain(layers, other.layers) && index > at)),
    );
  const hiding = counted.filter(({ hidden }) => hidden > 0);
  const repeats = hiding.some((one, index) => hiding.slice(index + 1).some((two) => one.layers.some((dir) => two.layers.includes(dir))));
  return { bytes: counted.reduce((sum, { hidden }) => sum + hidden, 0), repeats };
}

/** One store, counted: its row, its images and containers, the layers nothing of it uses, and who holds each layer. */
async function countStore(contents: StoreContents, options: SummaryOptions) {
  const layers: LayerFigures = new Map();
  const images = await countImages(contents, layers, options);
  const containers: SummaryContainer[] = [];
  for (const container of contents.containers) {
    const row = await countContainer(container, contents, layers, options);
    containers.push(row);
    const image = imageOf(container, contents.images);
    const imageRow = images[image === undefined ? -1 : contents.images.indexOf(image)];
    imageRow?.containers.push(row.name);
  }
  const unused: ByteTotals[] = [];
  for (const layer of contents.layers) {
    if (layers.has(layer.dir)) continue;
    const counted = await countAlone(layer.dir, contents, options);
    layers.set(layer.dir, counted);
    unused.push(counted);
  }
  const all = contents.layers.length > 0 ? contents.layers.map((layer) => layer.dir) : [...layers.keys()];
  const store: SummaryStore = {
    runtime: contents.runtime,
    root: contents.store.root,
    driver: contents.driver,
    owner: contents.owner?.user ?? null,
    bytes: all.reduce((sum, dir) => sum + (layers.get(dir)?.bytes ?? 0), 0),
    diskBytes: all.reduce((sum, dir) => sum + (layers.get(dir)?.diskBytes ?? 0), 0),
    layers: all.length,
    fullCopies: contents.driver === "vfs",
    problems: contents.problems,
  };
  const map: StoreMapDraft = draftStoreMap(store, {
    contents,
    dirs: all,
    figures: layers,
    images,
    containers,
    imageOf: (container) => imageOf(container, contents.images),
  });
  return { store, images, containers, unused, map, imageHidden: storeImageHidden(contents.images, images) };
}

/** The largest on disk first; as large on disk, the one holding more bytes. */
const byDisk = <T extends { diskBytes: number; bytes: number }>(a: T, b: T): number => b.diskBytes - a.diskBytes || b.bytes - a.bytes;

/**
 * Images by disk, and of images as large a named one first: a build's intermediate images
 * (untagged, kept by podman build --layers) hold the very layers of the image they became, and
 * the image a reader looks for should not come after them.
 */
const imagesByDisk = (a: SummaryImage, b: SummaryImage): number => byDisk(a, b) || Number(a.name === null) - Number(b.name === null);

/** The summary, and beside it who holds each layer it counted (the HTML page's treemap of the host). */
export interface HostCount {
  summary: HostSummary;
  layerMap: HostLayerMap;
}

/** Every store's figures, the largest first (stores and images by disk bytes, containers by their writable layer's). */
export async function summarizeHost(stores: readonly StoreContents[], options: SummaryOptions): Promise<HostSummary> {
  return (await countHost(stores, options)).summary;
}

/** summarizeHost's figures, with the map of every layer they sum. */
export async function countHost(stores: readonly StoreContents[], options: SummaryOptions): Promise<HostCount> {
  const counted = [];
  for (const contents of stores) counted.push(await countStore(contents, options));
  const containers = counted.flatMap((store) => store.containers).sort((a, b) => b.writableDiskBytes - a.writableDiskBytes);
  const unused = counted.flatMap((store) => store.unused);
  const runtimes = [...new Set(counted.filter((store) => store.unused.length > 0).map((store) => store.store.runtime))];
  const storeRows = counted.map((store) => store.store).sort(byDisk);
  const running = containers.filter((container) => container.state === "running").length;
  const images = counted.flatMap((store) => store.images).sort(imagesByDisk);
  const summary: HostSummary = {
    type: "host",
    root: options.root,
    stores: storeRows,
    images,
    containers,
    closedStores: closedStoresUnder(options.root),
    unusedLayers: {
      count: unused.length,
      bytes: unused.reduce((sum, layer) => sum + layer.bytes, 0),
      diskBytes: unused.reduce((sum, layer) => sum + layer.diskBytes, 0),
      reclaim: runtimes.flatMap((runtime) => adapterFor(runtime).reclaim ?? []),
    },
    totals: {
      stores: storeRows.length,
      images: images.length,
      containers: containers.length,
      running,
      stopped: containers.length - running,
      bytes: storeRows.reduce((sum, store) => sum + store.bytes, 0),
      diskBytes: storeRows.reduce((sum, store) => sum + store.diskBytes, 0),
      writableBytes: containers.reduce((sum, container) => sum + container.writableBytes, 0),
      imageHiddenBytes: counted.reduce((sum, store) => sum + store.imageHidden.bytes, 0),
      imageHiddenMayRepeat: counted.some((store) => store.imageHidden.repeats),
      containerHiddenBytes: containers.reduce((sum, container) => sum + container.hiddenBytes, 0),
    },
  };
  const layerMap = resolveLayerMap(
    counted.map((store) => store.map),
    storeRows,
    images,
    containers,
  );
  return { summary, layerMap };
}
