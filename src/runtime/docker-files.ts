// docker's overlay2 store, read from its own files, dockerd up or not (moby's sources, as cited):
// - daemon/internal/layer/filestore.go: image/overlay2/layerdb/sha256/<chain-id>/{cache-id,diff,
//   parent,size}, one directory per layer by its chain id; cache-id names the layer's directory
//   overlay2/<cache-id>; layerdb/mounts/<container-id>/{mount-id,init-id,parent} a container's
//   writable layer, its -init layer and the image's top chain id. A directory being removed is
//   renamed `<chain-id>-removing` first: not a layer any more.
// - daemon/internal/layer/layer_store.go: chain id = the first diff id; then
//   sha256("<parent chain id> <diff id>") (identity.ChainID).
// - daemon/internal/image/fs.go: image/overlay2/imagedb/content/sha256/<id>, the image's config
//   JSON, whose rootfs.diff_ids list its layers, base first.
// - daemon/internal/refstore/store.go: image/overlay2/repositories.json,
//   {"Repositories": {"<repo>": {"<repo>:<tag>": "sha256:<id>", "<repo>@sha256:…": …}}}.
// - daemon/container/container.go, state.go: containers/<id>/config.v2.json with ID, Name
//   ("/web"), Image (the image id), Config.Image (as the user named it), Config.Labels,
//   State.Running, Driver. Stopping dockerd stops its containers (without live-restore), and
//   State.Running goes false; a dockerd killed outright leaves it true, so "running" is also
//   checked against the mounts of this host.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { StoreContents, StoredContainer, StoredImage, StoredLayer, StoreOnDisk } from "./adapter.js";
import { isRecord, type JsonRecord, labelsField, recordField, stringField } from "./json.js";
import { idPath, isDirectoryAt, isSafeId, podOf, StoreReading } from "./store-files.js";

const DRIVER = "overlay2";
const HEX_DIGEST = /^sha256:[0-9a-f]{64}$/;

interface ChainLayer {
  cacheId: string;
  /** The chain id of the layer below, if any. */
  parent: string | undefined;
}

interface DockerPaths {
  dataRoot: string;
  /** overlay2/: the layers' directories. */
  home: string;
  /** image/overlay2/: the image and layer metadata of this driver. */
  images: string;
}

/** identity.ChainID: each layer's chain id from the diff ids, base first. */
export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const parent = chain.at(-1);
    chain.push(parent === undefined ? diffId : `sha256:${createHash("sha256").update(`${parent} ${diffId}`).digest("hex")}`);
  }
  return chain;
}

/** Every layer of layerdb, by chain id ("sha256:<hex>"). */
async function readLayerDb(reading: StoreReading, paths: DockerPaths): Promise<Map<string, ChainLayer>> {
  const root = join(paths.images, "layerdb", "sha256");
  const layers = new Map<string, ChainLayer>();
  for (const name of await reading.directories(root)) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue; // `<id>-removing`: on its way out
    const cacheId = await reading.text(join(root, name, "cache-id"));
    if (cacheId === undefined) continue;
    if (!isSafeId(cacheId)) {
      reading.problem({ kind: "not-layer-id", path: join(root, name, "cache-id"), value: cacheId.slice(0, 80) });
      continue;
    }
    const parent = await reading.text(join(root, name, "parent"), true);
    layers.set(`sha256:${name}`, { cacheId, parent: parent !== undefined && HEX_DIGEST.test(parent) ? parent : undefined });
  }
  return layers;
}

/** The directories of a chain, top first, from its top chain id down through `parent`. */
function chainDirs(top: string | undefined, layerDb: ReadonlyMap<string, ChainLayer>, paths: DockerPaths, reading: StoreReading): string[] {
  const dirs: string[] = [];
  const seen = new Set<string>();
  for (let at = top; at !== undefined && !seen.has(at); at = layerDb.get(at)?.parent) {
    seen.add(at);
    const layer = layerDb.get(at);
    if (layer === undefined) {
      reading.problem({ kind: "no-layer", list: join(paths.images, "layerdb"), layer: at });
      break;
    }
    dirs.push(join(paths.home, layer.cacheId, "diff"));
  }
  return dirs;
}

/** repositories.json: every image id with the repo:tag names that point at it (digests left out, as docker's RepoTags). */
async function readNames(reading: StoreReading, paths: DockerPaths): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  const file = await reading.record(join(paths.images, "repositories.json"), true);
  const repositories = recordField(file, "Repositories") ?? {};
  for (const references of Object.values(repositories)) {
    if (!isRecord(references)) continue;
    for (const [reference, id] of Object.entries(references)) {
      if (typeof id !== "string" || reference.includes("@")) continue;
      names.set(id, [...(names.get(id) ?? []), reference]);
    }
  }
  return names;
}

async function readImages(reading: StoreReading, paths: DockerPaths, layerDb: ReadonlyMap<string, ChainLayer>): Promise<StoredImage[]> {
  const content = join(paths.images, "imagedb", "content", "sha256");
  const names = await readNames(reading, paths);
  const images: StoredImage[] = [];
  for (const hex of await reading.files(content)) {
    if (!/^[0-9a-f]{64}$/.test(hex)) continue;
    const config = await reading.record(join(content, hex));
    if (config === undefined) continue;
    const rootfs = recordField(config, "rootfs");
    const diffIds = Array.isArray(rootfs?.diff_ids) ? rootfs.diff_ids.filter((id): id is string => typeof id === "string") : [];
    const top = chainIds(diffIds).at(-1);
    const id = `sha256:${hex}`;
    images.push({ id, names: (names.get(id) ?? []).sort(), layers: top === undefined ? [] : chainDirs(top, layerDb, paths, reading) });
  }
  return images;
}

interface MountLayers {
  mountId: string;
  initId: string | undefined;
  /** The image's top chain id. */
  parent: string | undefined;
}

/** layerdb/mounts/<container-id>: the container's own layers. */
async function readMount(reading: StoreReading, paths: DockerPaths, containerId: string): Promise<MountLayers | undefined> {
  const dir = join(paths.images, "layerdb", "mounts", containerId);
  const mountId = await reading.text(join(dir, "mount-id"));
  if (mountId === undefined || !isSafeId(mountId)) {
    if (mountId !== undefined) reading.problem({ kind: "not-layer-id", path: join(dir, "mount-id") });
    return undefined;
  }
  const initId = await reading.text(join(dir, "init-id"), true);
  const parent = await reading.text(join(dir, "parent"), true);
  return {
    mountId,
    initId: initId !== undefined && isSafeId(initId) ? initId : undefined,
    parent: parent !== undefined && HEX_DIGEST.test(parent) ? parent : undefined,
  };
}

/** One container from its config.v2.json and its layerdb mount; undefined when it has no layers here. */
async function readContainer(
  reading: StoreReading,
  paths: DockerPaths,
  config: JsonRecord,
  layerDb: ReadonlyMap<string, ChainLayer>,
  mounted: ReadonlySet<string>,
): Promise<{ container: StoredContainer; mount: MountLayers } | undefined> {
  const id = stringField(config, "ID") ?? "";
  const driver = stringField(config, "Driver");
  const name = (stringField(config, "Name") ?? "").replace(/^\//, "");
  if (driver !== undefined && driver !== DRIVER) {
    reading.problem({ kind: "container-other-driver", container: name || id, driver, home: paths.home });
    return undefined;
  }
  const mount = isSafeId(id) ? await readMount(reading, paths, id) : undefined;
  if (mount === undefined) return undefined;
  const upper = join(paths.home, mount.mountId, "diff");
  if (!(await isDirectoryAt(upper))) {
    reading.problem({ kind: "container-layer-gone", container: name || id, layer: upper });
    return undefined;
  }
  const labels = labelsField(recordField(config, "Config"), "Labels");
  const running = recordField(config, "State")?.Running === true && mounted.has(upper);
  const container: StoredContainer = {
    id,
    name,
    image: stringField(recordField(config, "Config"), "Image") ?? stringField(config, "Image") ?? "",
    imageId: stringField(config, "Image"),
    state: running ? "running" : "stopped",
    pod: podOf(labels),
    labels,
    upper,
    // docker's own -init layer (/etc/hosts, /etc/resolv.conf, .dockerenv) sits above the image's.
    lower: [
      ...(mount.initId === undefined ? [] : [join(paths.home, mount.initId, "diff")]),
      ...chainDirs(mount.parent, layerDb, paths, reading),
    ],
    mergedDir: join(paths.home, mount.mountId, "merged"),
  };
  return { container, mount };
}

interface ReadContainers {
  containers: StoredContainer[];
  /** Each container's writable and -init layer, by id, with the layer below it. */
  parents: Map<string, string>;
}

async function readContainers(
  reading: StoreReading,
  paths: DockerPaths,
  layerDb: ReadonlyMap<string, ChainLayer>,
  mounted: ReadonlySet<string>,
): Promise<ReadContainers> {
  const read: ReadContainers = { containers: [], parents: new Map() };
  const root = join(paths.dataRoot, "containers");
  for (const id of await reading.directories(root)) {
    // A container removed since the listing takes its config with it: gone, not a problem.
    const config = await reading.record(join(root, id, "config.v2.json"), true);
    if (config === undefined) continue;
    const found = await readContainer(reading, paths, config, layerDb, mounted);
    if (found === undefined) continue;
    read.containers.push(found.container);
    const { mountId, initId, parent } = found.mount;
    const image = parent === undefined ? undefined : layerDb.get(parent)?.cacheId;
    const below = initId ?? image;
    if (below !== undefined) read.parents.set(mountId, below);
    if (initId !== undefined && image !== undefined) read.parents.set(initId, image);
  }
  return read;
}

/** Every overlay2/<id> directory that holds a layer (its diff/), with the layer below it where layerdb says. */
async function readLayers(
  reading: StoreReading,
  paths: DockerPaths,
  layerDb: ReadonlyMap<string, ChainLayer>,
  mountParents: ReadonlyMap<string, string>,
): Promise<StoredLayer[]> {
  const parents = new Map(mountParents);
  for (const layer of layerDb.values()) {
    const below = layer.parent === undefined ? undefined : layerDb.get(layer.parent)?.cacheId;
    if (below !== undefined) parents.set(layer.cacheId, below);
  }
  const layers: StoredLayer[] = [];
  for (const id of await reading.directories(paths.home)) {
    const dir = idPath(paths.home, id, "diff");
    if (id === "l" || dir === undefined || !(await isDirectoryAt(dir))) continue;
    const parent = parents.get(id);
    layers.push(parent === undefined ? { id, dir } : { id, dir, parent });
  }
  return layers;
}

/** docker's store at `store` (its data root and overlay2 home), from its files alone. */
export async function readDockerStore(store: StoreOnDisk, mounted: ReadonlySet<string>): Promise<StoreContents> {
  const reading = new StoreReading();
  const paths: DockerPaths = { dataRoot: store.root, home: store.layers, images: join(store.root, "image", DRIVER) };
  const layerDb = await readLayerDb(reading, paths);
  const images = await readImages(reading, paths, layerDb);
  const { containers, parents } = await readContainers(reading, paths, layerDb, mounted);
  const layers = await readLayers(reading, paths, layerDb, parents);
  return {
    runtime: "docker",
    store,
    driver: DRIVER,
    owner: store.owner ?? null,
    layers,
    images,
    containers,
    problems: reading.problems,
  };
}
