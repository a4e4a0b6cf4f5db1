// containerd's store read from its own files, read-only, daemon or not (adapter.ts readStore):
// every snapshot directory on disk with its bytes' home (snapshots/<n>/fs, active or committed,
// whoever uses it), and the running containers from their task bundles. What only containerd's
// bolt databases hold (which image a snapshot is of, which snapshot is whose, the stopped
// containers, the images) is asked of the daemon when it answers and is this store's, and said
// to be unknown when not; no bolt file is opened here.
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import type { StoreContents, StoredContainer, StoredImage, StoredLayer, StoreOnDisk } from "./adapter.js";
import { RuntimeError } from "./command.js";
import { containersFromBundles } from "./containerd-bundles.js";
import { describeLocated, locateAll } from "./containerd-containers.js";
import { containerdAddress, daemonSnapshotter, imageRows, namespaces, probeContainerd } from "./containerd-ctr.js";
import { METADATA_DB, snapshotDir, snapshotIds } from "./containerd-layout.js";
import { OVERLAY_SNAPSHOTTER } from "./containerd-names.js";
import { podOf } from "./pods.js";
import type { StoreProblem } from "./store-problems.js";
import type { ContainerInfo } from "./types.js";

type Located = StoredContainer & { namespace: string };

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return a === b;
  }
}

function ownerOf(dir: string): StoreContents["owner"] {
  let uid: number;
  try {
    uid = lstatSync(dir).uid;
  } catch {
    return null;
  }
  if (uid === 0) return { uid, user: "root" };
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((entry) => entry.split(":")[2] === String(uid));
    return { uid, user: line?.split(":")[0] ?? String(uid) };
  } catch {
    return { uid, user: String(uid) };
  }
}

function storedOf(info: ContainerInfo, namespace: string): Located {
  return {
    namespace,
    id: info.id,
    name: info.name,
    image: info.image,
    imageId: undefined,
    state: info.pid === undefined ? "stopped" : "running",
    pod: podOf(info),
    labels: info.labels,
    upper: info.graphDriver.upper,
    lower: info.graphDriver.lower,
    mergedDir: info.graphDriver.merged,
  };
}

/** What the daemon says of this store: its containers (running or not) and its images. */
async function fromDaemon(store: StoreOnDisk): Promise<{ containers: Located[]; images: StoredImage[] }> {
  const located = await locateAll();
  const containers = (await describeLocated(located))
    .filter(({ info }) => info.graphDriver.upper.startsWith(`${store.layers}/`))
    .map(({ namespace, info }) => storedOf(info, namespace));
  const images: StoredImage[] = [];
  // Images, like containers, are a namespace's own: one imported into two is unpacked into snapshots of each.
  for (const namespace of await namespaces()) {
    const byDigest = new Map<string, string[]>();
    for (const row of await imageRows(namespace)) byDigest.set(row.digest, [...new Set([...(byDigest.get(row.digest) ?? []), row.name])]);
    const own = containers.filter((container) => container.namespace === namespace);
    for (const [digest, names] of byDigest) {
      // Its snapshots are known by their chain ids, not their directories: a container made from it names them.
      const users = own.filter((container) => names.includes(container.image));
      for (const user of users) user.imageId = digest;
      images.push({ id: digest, names, layers: users[0]?.lower ?? [] });
    }
  }
  return { containers, images };
}

/** Each layer's parent, where a container's stack says it (lowerdir is top first: each lower sits on the next). */
function withParents(layers: StoredLayer[], containers: readonly StoredContainer[]): StoredLayer[] {
  const idOf = new Map(layers.map((layer) => [layer.dir, layer.id]));
  const parents = new Map<string, string>();
  for (const container of containers) {
    const stack = [container.upper, ...container.lower].map((dir) => idOf.get(dir));
    stack.forEach((id, index) => {
      const below = stack[index + 1];
      if (id !== undefined && below !== undefined) parents.set(id, below);
    });
  }
  return layers.map((layer) => {
    const parent = parents.get(layer.id);
    return parent === undefined ? layer : { ...layer, parent };
  });
}

export async function readContainerdStore(store: StoreOnDisk): Promise<StoreContents> {
  const problems: StoreProblem[] = [];
  const database = METADATA_DB;
  const layers: StoredLayer[] = snapshotIds(store.layers).map((id) => ({ id, dir: snapshotDir(store.layers, id) }));
  const bundles = containersFromBundles(store.layers);
  for (const mountPoint of bundles.unreadable) problems.push({ kind: "bundle-unreadable", mountPoint });
  let containers: Located[] = bundles.containers;
  let images: StoredImage[] = [];
  const probe = await probeContainerd();
  if (probe.state !== "ok") {
    problems.push({ kind: "daemon-silent", address: containerdAddress(), state: probe.state, database });
  } else {
    try {
      const root = await daemonSnapshotter();
      if (root === undefined || !samePath(root, store.layers)) {
        problems.push({ kind: "daemon-elsewhere", address: containerdAddress(), snapshots: root ?? null, database });
      } else {
        const daemon = await fromDaemon(store);
        const known = new Set(daemon.containers.map((container) => `${container.namespace}/${container.id}`));
        containers = [...daemon.containers, ...containers.filter((container) => !known.has(`${container.namespace}/${container.id}`))];
        images = daemon.images;
      }
    } catch (error) {
      if (!(error instanceof RuntimeError)) throw error;
      problems.push({ kind: "daemon-stopped", error: error.message, database });
    }
  }
  return {
    runtime: "containerd",
    store,
    driver: OVERLAY_SNAPSHOTTER,
    owner: ownerOf(store.layers),
    layers: withParents(layers, containers),
    images,
    containers: containers.map(({ namespace: _namespace, ...container }) => container),
    problems,
  };
}
