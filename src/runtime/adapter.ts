// What every runtime adapter says about itself (STYLE.md: dive's image/resolver.go, one object per
// source chosen by one switch). A runtime is one module, `runtime/<name>.ts`, exporting one
// RuntimeAdapter, plus its line in registry.ts and its words in the catalogues; nothing outside
// runtime/ names a runtime in code: callers ask the registry and use what an adapter offers.
//
// Two ways to know a runtime's containers and images, and the shape leaves room for both:
// - ask the running runtime (`cli`: docker and podman through their CLIs, containerd through ctr);
// - read the store's own files, where the runtime keeps its metadata (docker's
//   containers/<id>/config.v2.json and image/overlay2/layerdb, containers-storage's
//   overlay-containers/containers.json, overlay-images/images.json, overlay-layers/layers.json).
//   That is an adapter's `readStore(store)`, for one store found by `layout.storesUnder(root)`:
//   for a daemon that is down, another user's rootless store, or the stores of a disk mounted
//   under --root DIR.
import type { Messages } from "../i18n/index.js";
import type { MountNamespace } from "../overlay/namespaces.js";
import type { CommandResult, RunOptions } from "../sys/exec.js";
import type { RuntimeProbe } from "./detect.js";
import type { RuntimeName } from "./registry.js";
import type { StoreProblem } from "./store-problems.js";
import type { ContainerInfo, ContainerSummary, HistoryEntry, ImageInfo, ImageSummary } from "./types.js";

/** A layer directory's place in a store, read from its path. */
export interface LayerMatch {
  kind: string;
  /** The driver's home (…/overlay2, …/storage/overlay) or the snapshotter's root. */
  storeRoot: string;
  /** The layer's id in the store. */
  id: string;
}

/** Whose a rootless store is: the user it belongs to, by name and uid (from the passwd file beside it). */
export interface StoreOwner {
  uid: number;
  user: string;
}

/** A store of layers found on disk (not asked of a runtime). */
export interface StoreOnDisk {
  kind: string;
  /** Where the runtime keeps everything (docker's data-root, containers-storage's graphroot, containerd's root). */
  root: string;
  /** Where the layers are: the driver's home or the snapshotter's root (LayerMatch.storeRoot). */
  layers: string;
  /**
   * The directory it was found beneath: "/" (or absent) for this host's own stores, DIR for a disk
   * read with `inspect --root DIR`, where nothing is mounted and no process is ours to look at.
   */
  under?: string;
  /** A rootless user's store: whose. Absent for the system's (root's) store. */
  owner?: StoreOwner;
  /** Where the runtime keeps this store's run-time files, when known (containers-storage's runroot). */
  runRoot?: string;
}

/** How a runtime lays out its layers on disk, as its own sources do it (cited in each module). */
/**
 * The place of a system store that exists but that this user may not look into (not root, or an
 * LSM says no): none of its images or containers can be counted, and the reader is told so.
 */
export interface ClosedStore {
  /** Whose store it would be, as inspect names stores. */
  runtime: RuntimeName;
  /** Its root (docker's data root, containers-storage's graphroot, containerd's root). */
  root: string;
  /** How the kernel refused (EACCES, EPERM). */
  code: string;
  /** We are not root: root may look (run with sudo). False where the kernel refuses root too (an LSM). */
  needsRoot: boolean;
}

/** A closed store's place, as a layout finds it (who we are is added by stores.ts). */
export type ClosedPlace = Omit<ClosedStore, "needsRoot">;

export interface StoreLayout {
  /** The store's kind, as inspect prints it ("store: docker-overlay2"). */
  kind: string;
  /** The store a layer directory belongs to, from its path (and, where two layouts share a shape, a read-only look beside it). */
  matchLayer(path: string, namespace: MountNamespace): LayerMatch | undefined;
  /** The stores of this layout beneath `root` ("/" for this host; a node's disk mounted elsewhere), found on disk. */
  storesUnder(root: string): StoreOnDisk[];
  /** The system's places of this layout's stores beneath `root` that exist and that we may not look into. */
  closedUnder?(root: string): ClosedPlace[];
  /** The store whose layers are at `storeRoot` (a LayerMatch's), wherever it is: a mount's store, for readStore. */
  storeOf?(storeRoot: string): StoreOnDisk;
}

export interface ListContainersOptions {
  /** Only containers with this label, "key" or "key=value" (labels.ts OWNER_SELECTOR). */
  label?: string;
}

/** Containers and images, as one source knows them (the running runtime; part 13: a store's files). */
export interface RuntimeSource {
  /** Every container, running or not, with full ids. */
  listContainers(options?: ListContainersOptions): Promise<ContainerSummary[]>;
  /** Several containers with their layers; those that are gone (or not on overlay) are left out. */
  inspectContainers(namesOrIds: readonly string[]): Promise<ContainerInfo[]>;
  /** The container a user names (name or id); undefined when there is none. */
  findContainer(target: string): Promise<ContainerInfo | undefined>;
  /** One image by name or id, with its layer directories; undefined when there is none. */
  findImage(reference: string): Promise<ImageInfo | undefined>;
  /** The steps that built an image, oldest first. */
  imageHistory(reference: string): Promise<HistoryEntry[]>;
  /** The tagged images. */
  listImages(): Promise<ImageSummary[]>;
}

export interface RunContainerOptions {
  image: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The container's command; the image's CMD when omitted. */
  command?: readonly string[];
}

/**
 * The commands container-demo shows the learner and runs through its runner (so they appear as
 * typed), spelled as this runtime's CLI spells them. Where a CLI has no such command the entry is
 * absent and the lesson leaves that part out.
 */
export interface LessonCommands {
  /** Start a container named `name` that sleeps until it is removed, with `labels`, no network. */
  runSleeping(name: string, labels: Readonly<Record<string, string>>, image: string): string[];
  /** The container, as the runtime lists it (running only). */
  list(name: string): string[];
  /** The container, running or not. */
  listAll(name: string): string[];
  /** Its GraphDriver directories, one a line. */
  graphDriver(name: string): string[];
  /** `sh -c SCRIPT` inside the container. */
  exec(name: string, script: string): string[];
  /** Stop and remove it at once. */
  remove(name: string): string[];
  /** Fetch an image; `quiet` without progress bars (for --json). */
  pull(image: string, quiet: boolean): string[];
  /** The image's build steps and their sizes. */
  history?(image: string): string[];
  /** The container's writable layer's size, as the runtime counts it. */
  sizes?(name: string): string[];
  /** The paths the container added (A), changed (C) and deleted (D). */
  diff?(name: string): string[];
}

/** Running, entering and removing containers: what container-demo and cleanup need. */
export interface RuntimeLifecycle {
  /** Start a container in the background; its full id. */
  run(options: RunContainerOptions, runOptions?: RunOptions): Promise<string>;
  /** `sh ...shArgs` inside it; the result whatever its exit code. */
  exec(nameOrId: string, shArgs: readonly string[], runOptions?: RunOptions): Promise<CommandResult>;
  /** Stop and remove it at once; nothing to do when it is already gone. */
  remove(nameOrId: string): Promise<void>;
  /** The synchronous variant, for teardown (sys/cleanup.ts runs synchronously). */
  removeSync(nameOrId: string): void;
  commands: LessonCommands;
}

/** The fixes this runtime's problems call for, in the learner's words. */
export interface RuntimeFixes {
  /** Its daemon does not answer. */
  noDaemon?: string;
  /** Its daemon answers only to others. */
  permission?: string;
}

/** A Kubernetes pod's container, from the labels the CRI plugin sets (io.kubernetes.pod.namespace, .pod.name, .container.name). */
export interface PodRef {
  namespace: string;
  name: string;
  container: string;
}

/** One layer directory of a store (its diff/ or fs/), with its id in the store. */
export interface StoredLayer {
  id: string;
  /** The directory that holds the layer's files. */
  dir: string;
  /** The layer below it, by id, where the store records it. */
  parent?: string;
}

/** An image as its store's own files describe it. */
export interface StoredImage {
  id: string;
  /** repository:tag names; empty for an untagged image. */
  names: string[];
  /** Its layer directories, top first (as `lowerdir=` orders them). */
  layers: string[];
}

/** A container as its store's own files describe it, running or not. */
export interface StoredContainer {
  id: string;
  name: string;
  /** The image it was created from, as it was named then (a name, or an id). */
  image: string;
  imageId: string | undefined;
  /** From the files (or the live mounts where the files cannot say). */
  state: "running" | "stopped";
  pod: PodRef | null;
  labels: Record<string, string>;
  /** Its writable layer's directory. */
  upper: string;
  /** The layers beneath it, top first: the runtime's own (docker's -init) and the image's. */
  lower: string[];
  /** Where it is, or would be, mounted. */
  mergedDir: string | undefined;
}

/** What a store's own files say of it, read without asking its runtime (a daemon down, another user's store, a disk under --root). */
export interface StoreContents {
  runtime: RuntimeName;
  store: StoreOnDisk;
  /** The storage driver the store is on, as the runtime names it ("overlay2", "overlay", "vfs", "overlayfs"). */
  driver: string;
  /** A rootless user's store: whose; null for the system's (root's) store. */
  owner: StoreOwner | null;
  /** Every layer directory of the store, whoever uses it (images, containers, nobody). */
  layers: StoredLayer[];
  images: StoredImage[];
  containers: StoredContainer[];
  /** What could not be read (inspect words it); the rest is still given. */
  problems: StoreProblem[];
}

export interface RuntimeAdapter {
  readonly name: RuntimeName;
  /** The program on PATH that a learner types and this module runs. */
  readonly program: string;
  /** How its store lays out layers. */
  readonly layout: StoreLayout;
  /** The environment variables that tell its CLI where the runtime is and how it is set up (kept in the practice shell). */
  readonly environment: readonly string[];
  /**
   * Its own commands that free what nothing uses (stopped containers, images no container is of,
   * their layers): what the host summary prints beside the layers nothing uses. Printed, never run.
   */
  readonly reclaim?: readonly string[];
  /** Files it makes in every container's root filesystem, which are the runtime's and not the image's (".dockerenv"). */
  readonly ownFiles: readonly string[];
  /** Storage drivers whose containers are overlay mounts with layers in `layout` ("overlay2"). */
  readonly overlayDrivers: ReadonlySet<string>;
  /**
   * False where the runtime cannot say where an image's layers are without writing (containerd
   * names a committed snapshot by its chain id, never by its directory): `inspect --image` does
   * not ask it. Absent: `cli.findImage` gives the layer directories.
   */
  readonly imageLayers?: false;
  /**
   * True where asking it now would make something of ours (podman, asked by an ordinary user who
   * has no store yet, makes one in their home and leaves a pause process running): what only reads
   * (inspect, cleanup: `answering`) does not ask it then. A lesson that runs a container does.
   */
  makesStateWhenAsked?(): boolean;
  /** Ask the running runtime whether it answers, with which version and storage driver. */
  probe(): Promise<RuntimeProbe>;
  /** Containers and images as the running runtime tells them. */
  readonly cli: RuntimeSource;
  /**
   * Read one of its stores (found by `layout.storesUnder`) from the store's own files: read-only,
   * no daemon asked. Absent where the adapter cannot (yet). `mounted`: the upper directories of the
   * overlays mounted now, in every mount namespace (a caller that has discovered them passes them;
   * without it a store of this host looks for itself, and a store under --root has none).
   */
  readStore?(store: StoreOnDisk, mounted?: ReadonlySet<string>): Promise<StoreContents>;
  /** Present where the runtime can run, exec in and remove a container of ours. */
  readonly lifecycle?: RuntimeLifecycle;
  fixes(t: Messages): RuntimeFixes;
}
