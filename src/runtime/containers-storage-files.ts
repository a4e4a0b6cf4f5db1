// A containers-storage store (podman's, buildah's, CRI-O's), read from its own files, without
// asking podman (containers/storage's sources, as cited):
// - layers.go: <graphroot>/<driver>-layers/layers.json, an array of {id, parent, names, …};
//   volatile-layers.json beside it, or in <runroot>/<driver>-layers with a transient store;
//   <runroot>/<driver>-layers/mountpoints.json, [{id, path, count}], the layers mounted now.
// - images.go: <graphroot>/<driver>-images/images.json, [{id, names, layer (the top layer), …}].
// - containers.go: <graphroot>/<driver>-containers/containers.json, [{id, names, image, layer,
//   metadata}] (and volatile-containers.json, in the runroot with a transient store); metadata is
//   podman's own JSON string (libpod/storage.go: image-name, image-id, name, created-at).
// - drivers/overlay: a layer is <home>/<id>/diff, mounted on <home>/<id>/merged, with the l/
//   short links beside them; drivers/vfs: a layer is the directory <home>/dir/<id>, a full copy
//   of its parent plus its own changes: a container there is its whole root file system, with
//   nothing beneath it, and every layer of an image holds every layer below it again.
import { basename, join } from "node:path";
import type { StoreContents, StoredContainer, StoredImage, StoredLayer, StoreOnDisk } from "./adapter.js";
import { isRecord, type JsonRecord, stringField, stringListField } from "./json.js";
import { idPath, isDirectoryAt, isSafeId, StoreReading } from "./store-files.js";

interface CsLayer {
  id: string;
  parent: string | undefined;
}

interface CsPaths {
  graphRoot: string;
  runRoot: string | undefined;
  home: string;
  driver: string;
}

const isVfs = (paths: CsPaths) => paths.driver === "vfs";

/** Where a layer's files are: overlay's <home>/<id>/diff, vfs's <home>/dir/<id>. */
function layerDir(paths: CsPaths, id: string): string | undefined {
  return isVfs(paths) ? idPath(join(paths.home, "dir"), id) : idPath(paths.home, id, "diff");
}

/** The records of `<driver>-<what>/<file>` in the graphroot and, for volatile ones, the runroot. */
async function recordsOf(reading: StoreReading, paths: CsPaths, what: string, file: string, volatile: string): Promise<JsonRecord[]> {
  const dir = `${paths.driver}-${what}`;
  const records = [
    ...(await reading.records(join(paths.graphRoot, dir, file), true)),
    ...(await reading.records(join(paths.graphRoot, dir, volatile), true)),
  ];
  if (paths.runRoot !== undefined) records.push(...(await reading.records(join(paths.runRoot, dir, volatile), true)));
  return records.filter((record) => isSafeId(stringField(record, "id") ?? ""));
}

async function readLayerList(reading: StoreReading, paths: CsPaths): Promise<Map<string, CsLayer>> {
  const layers = new Map<string, CsLayer>();
  for (const record of await recordsOf(reading, paths, "layers", "layers.json", "volatile-layers.json")) {
    const id = stringField(record, "id") ?? "";
    const parent = stringField(record, "parent");
    layers.set(id, { id, parent: parent !== undefined && isSafeId(parent) ? parent : undefined });
  }
  return layers;
}

/** A layer's directory and those below it, top first (as `lowerdir=` orders them). */
function chainDirs(top: string, layers: ReadonlyMap<string, CsLayer>, paths: CsPaths, reading: StoreReading): string[] {
  const dirs: string[] = [];
  const seen = new Set<string>();
  for (let at: string | undefined = top; at !== undefined && !seen.has(at); at = layers.get(at)?.parent) {
    seen.add(at);
    const dir = layers.has(at) ? layerDir(paths, at) : undefined;
    if (dir === undefined) {
      reading.problem({ kind: "no-layer", list: join(paths.graphRoot, `${paths.driver}-layers`, "layers.json"), layer: at });
      break;
    }
    dirs.push(dir);
  }
  return dirs;
}

async function readImages(reading: StoreReading, paths: CsPaths, layers: ReadonlyMap<string, CsLayer>): Promise<StoredImage[]> {
  const records = await recordsOf(reading, paths, "images", "images.json", "volatile-images.json");
  return records.map((record) => {
    const top = stringField(record, "layer");
    return {
      id: stringField(record, "id") ?? "",
      names: stringListField(record, "names"),
      layers: top === undefined || !isSafeId(top) ? [] : chainDirs(top, layers, paths, reading),
    };
  });
}

/** podman's metadata string on a container (libpod/storage.go RuntimeContainerMetadata). */
function podmanMetadata(record: JsonRecord): JsonRecord | undefined {
  const text = stringField(record, "metadata");
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The layers mounted now, by id, as the store counts them (this host's stores only: a runroot is known). */
async function mountedLayers(reading: StoreReading, paths: CsPaths): Promise<Set<string>> {
  if (paths.runRoot === undefined) return new Set();
  const records = await reading.records(join(paths.runRoot, `${paths.driver}-layers`, "mountpoints.json"), true);
  return new Set(records.filter((record) => Number(record.count) > 0).map((record) => stringField(record, "id") ?? ""));
}

async function readContainers(
  reading: StoreReading,
  paths: CsPaths,
  layers: ReadonlyMap<string, CsLayer>,
  mounted: ReadonlySet<string>,
): Promise<StoredContainer[]> {
  const records = await recordsOf(reading, paths, "containers", "containers.json", "volatile-containers.json");
  const mountedHere = await mountedLayers(reading, paths);
  const containers: StoredContainer[] = [];
  for (const record of records) {
    const id = stringField(record, "id") ?? "";
    const layer = stringField(record, "layer") ?? "";
    const upper = isSafeId(layer) ? layerDir(paths, layer) : undefined;
    if (upper === undefined) {
      const list = join(paths.graphRoot, `${paths.driver}-containers`, "containers.json");
      reading.problem({ kind: "container-without-layer", container: id, list });
      continue;
    }
    if (!(await isDirectoryAt(upper))) {
      reading.problem({ kind: "container-layer-gone", container: stringListField(record, "names")[0] ?? id, layer: upper });
      continue;
    }
    const metadata = podmanMetadata(record);
    const imageId = stringField(record, "image");
    const parent = layers.get(layer)?.parent;
    containers.push({
      id,
      name: stringListField(record, "names")[0] ?? stringField(metadata, "name") ?? id,
      image: stringField(metadata, "image-name") ?? imageId ?? "",
      imageId: imageId === "" ? undefined : imageId,
      state: mounted.has(upper) || mountedHere.has(layer) ? "running" : "stopped",
      // Kubernetes labels live in CRI-O's own metadata, podman's in its database: not in this store.
      pod: null,
      labels: {},
      upper,
      // A vfs container is a whole copy: nothing lies beneath it.
      lower: isVfs(paths) || parent === undefined ? [] : chainDirs(parent, layers, paths, reading),
      mergedDir: isVfs(paths) ? upper : join(paths.home, layer, "merged"),
    });
  }
  return containers;
}

/** Every layer directory on disk (overlay's <id>/diff but l/, vfs's dir/<id>), with its parent where layers.json says. */
async function readLayerDirs(reading: StoreReading, paths: CsPaths, layers: ReadonlyMap<string, CsLayer>): Promise<StoredLayer[]> {
  const ids = isVfs(paths) ? await reading.directories(join(paths.home, "dir")) : await reading.directories(paths.home);
  const found: StoredLayer[] = [];
  for (const id of ids) {
    const dir = layerDir(paths, id);
    if (id === "l" || dir === undefined || !(await isDirectoryAt(dir))) continue;
    const parent = layers.get(id)?.parent;
    found.push(parent === undefined ? { id, dir } : { id, dir, parent });
  }
  return found;
}

/** The containers-storage store at `store` (a graphroot and one driver's home in it), from its files alone. */
export async function readContainersStorage(store: StoreOnDisk, mounted: ReadonlySet<string>): Promise<StoreContents> {
  const reading = new StoreReading();
  const paths: CsPaths = { graphRoot: store.root, runRoot: store.runRoot, home: store.layers, driver: basename(store.layers) };
  const layers = await readLayerList(reading, paths);
  const images = await readImages(reading, paths, layers);
  const containers = await readContainers(reading, paths, layers, mounted);
  const layerDirs = await readLayerDirs(reading, paths, layers);
  return {
    runtime: "podman",
    store,
    driver: paths.driver,
    owner: store.owner ?? null,
    layers: layerDirs,
    images,
    containers,
    problems: reading.problems,
  };
}
