// Who holds each layer of each store: the figures the summary counted for every layer directory
// (each once, from the first walk that read it), and which images, which container, or nobody,
// holds it. Not in --json (its rows are the sums of these): it is what the HTML page's treemap of
// the host draws (src/inspect/html/page/host-model.ts), and it costs no second walk: the summary's
// own per-layer figures, kept.
import type { ByteTotals } from "../../layers/bytes.js";
import type { StoreContents, StoredImage } from "../../runtime/index.js";
import type { SummaryContainer, SummaryImage, SummaryStore } from "./model.js";

export interface HostLayer {
  dir: string;
  bytes: number;
  diskBytes: number;
  files: number;
  /**
   * The images that hold it, as [index in the summary's images, its number in that image's build
   * order (#1 the base)], in the summary's order (the largest image first). Empty: no image holds it.
   */
  images: Array<[image: number, number: number]>;
  /** The container whose own layer it is (index in the summary's containers), and whether it is its writable layer; null: none. */
  container: { index: number; writable: boolean } | null;
}

export interface HostStoreMap {
  /** Its images and containers, as indices into the summary's lists. */
  images: number[];
  /** Each with its image's index, null when no image of the store is the bottom of its layers. */
  containers: Array<{ index: number; image: number | null }>;
  /** Every layer whose figures the store's row sums, as the store lists them. */
  layers: HostLayer[];
}

/** Per store, in the summary's order (the largest first). */
export interface HostLayerMap {
  stores: HostStoreMap[];
}

/** One store's map while the rows are not sorted yet: rows by reference. */
export interface StoreMapDraft {
  store: SummaryStore;
  images: SummaryImage[];
  containers: Array<{ row: SummaryContainer; image: SummaryImage | undefined }>;
  layers: Array<{
    dir: string;
    totals: ByteTotals;
    images: Array<{ row: SummaryImage; number: number }>;
    container: { row: SummaryContainer; writable: boolean } | null;
  }>;
}

export interface StoreMapInput {
  contents: StoreContents;
  /** The dirs the store's row sums, and their figures. */
  dirs: readonly string[];
  figures: ReadonlyMap<string, ByteTotals>;
  /** The rows, in the order of contents.images and contents.containers. */
  images: readonly SummaryImage[];
  containers: readonly SummaryContainer[];
  imageOf(container: StoreContents["containers"][number]): StoredImage | undefined;
}

const zero: ByteTotals = { bytes: 0, files: 0, apparentBytes: 0, diskBytes: 0 };

/** A store's layers with who holds each: images by build order, a container's writable layer and those beneath it no image holds. */
export function draftStoreMap(store: SummaryStore, input: StoreMapInput): StoreMapDraft {
  const { contents } = input;
  const holders = new Map<string, Array<{ row: SummaryImage; number: number }>>();
  contents.images.forEach((image, index) => {
    const row = input.images[index];
    if (row === undefined) return;
    image.layers.forEach((dir, at) => {
      const list = holders.get(dir) ?? [];
      if (!list.some((held) => held.row === row)) list.push({ row, number: image.layers.length - at });
      holders.set(dir, list);
    });
  });
  const owners = new Map<string, { row: SummaryContainer; writable: boolean }>();
  const containers: StoreMapDraft["containers"] = [];
  contents.containers.forEach((container, index) => {
    const row = input.containers[index];
    if (row === undefined) return;
    const image = input.imageOf(container);
    containers.push({ row, image: image === undefined ? undefined : input.images[contents.images.indexOf(image)] });
    owners.set(container.upper, { row, writable: true });
    // docker's -init layer: the container's, beneath its writable one, no image's.
    for (const dir of container.lower) if (!holders.has(dir) && !owners.has(dir)) owners.set(dir, { row, writable: false });
  });
  return {
    store,
    images: [...input.images],
    containers,
    layers: input.dirs.map((dir) => ({
      dir,
      totals: input.figures.get(dir) ?? zero,
      images: holders.get(dir) ?? [],
      container: owners.get(dir) ?? null,
    })),
  };
}

/** The drafts in the summary's sorted order, rows as indices into its lists. */
export function resolveLayerMap(
  drafts: readonly StoreMapDraft[],
  stores: readonly SummaryStore[],
  images: readonly SummaryImage[],
  containers: readonly SummaryContainer[],
): HostLayerMap {
  const imageIndex = new Map(images.map((row, index) => [row, index]));
  const containerIndex = new Map(containers.map((row, index) => [row, index]));
  const byStore = new Map(drafts.map((draft) => [draft.store, draft]));
  const resolved = stores.map((store): HostStoreMap => {
    const draft = byStore.get(store);
    if (draft === undefined) return { images: [], containers: [], layers: [] };
    const image = (row: SummaryImage | undefined): number | null => (row === undefined ? null : (imageIndex.get(row) ?? null));
    return {
      images: draft.images.map((row) => imageIndex.get(row) ?? -1).sort((a, b) => a - b),
      containers: draft.containers
        .map(({ row, image: of }) => ({ index: containerIndex.get(row) ?? -1, image: image(of) }))
        .sort((a, b) => a.index - b.index),
      layers: draft.layers.map((layer) => ({
        dir: layer.dir,
        bytes: layer.totals.bytes,
        diskBytes: layer.totals.diskBytes,
        files: layer.totals.files,
        images: layer.images.map(({ row, number }): [number, number] => [imageIndex.get(row) ?? -1, number]).sort((a, b) => a[0] - b[0]),
        container:
          layer.container === null ? null : { index: containerIndex.get(layer.container.row) ?? -1, writable: layer.container.writable },
      })),
    };
  });
  return { stores: resolved };
}
