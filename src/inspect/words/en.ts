// inspect's words in English. The shape of this object is the type zh.ts and ja.ts must match:
// a missing key or a different signature fails the build.

import type { ChangeKind } from "../../layers/changes.js";
import type { HideReason } from "../../layers/walk.js";

/** English plurals: a count already formatted for the reader ("1", "20,000"). */
const plural = (count: string, word: string): string => (count === "1" ? word : `${word}s`);

const VFS_REASON =
  "on the vfs storage driver, every container is a full copy of its image (and every image layer a full copy of the layers below it), not an overlay";

export const en = {
  notFound: (target: string, runtimes: string) => `'${target}' is neither an overlay mount point nor a container known to ${runtimes}`,
  noSuchPath: (target: string) => `'${target}' does not exist, and no overlay is mounted there in any mount namespace`,
  notMountPoint: (target: string) => `'${target}' is not an overlay mount point: no overlay is mounted there`,
  notFoundNoRuntime: (target: string) =>
    `'${target}' is not an overlay mount point, and no docker, podman or containerd answered here or keeps a store on this host to be asked for a container of that name`,
  // Containers read from the stores' own files (stopped ones, rootless users', a disk under --root).
  ambiguous: (target: string, count: string, matches: readonly string[]) =>
    `'${target}' names ${count} containers: ${matches.join(", ")}; give one of these as TARGET`,
  storeOwner: (user: string, uid: number) => `a rootless store: user ${user}'s (uid ${uid})`,
  underRoot: (dir: string) => `read from the stores under --root ${dir}: nothing of it is mounted here`,
  /** Why a vfs store takes so much room, for wherever a store is listed. */
  vfsReason: VFS_REASON,
  vfsContainer: (name: string, runtime: string, user: string, store: string) =>
    `'${name}' is a container of ${user}'s ${runtime} store ${store}: ${VFS_REASON}, so there are no layers to compare`,
  rootNotDirectory: (dir: string) => `--root ${dir}: not a directory`,
  rootNoStore: (dir: string) =>
    `--root ${dir}: no container store beneath it (looked in var/lib/docker, var/lib/containers/storage, each user's home, and where etc/docker/daemon.json and etc/containers/storage.conf say)`,
  notFoundUnderRoot: (target: string, dir: string) => `'${target}' is not a container of the stores under --root ${dir}`,
  noContainersUnderRoot: (dir: string) => `no containers in the stores under --root ${dir}`,
  noContainersUnderRootReadable: (dir: string) => `no containers in the stores under --root ${dir} that could be looked into`,
  rootWithImage: "--root reads the stores' own files and --image asks a runtime: give one of them, not both",
  storeProblems: (count: string, shown: readonly string[], more: string) =>
    `${count === "1" ? "1 of the stores' own files" : `${count} of the stores' own files`} could not be read, and what ${count === "1" ? "it names" : "they name"} may be missing above: ${shown.join("; ")}${more === "0" ? "" : `; and ${more} more`}`,
  // What a store's own files could not tell (runtime/store-problems.ts), each with its file.
  storeProblem: {
    unreadable: (path: string, code: string) => `${path}: could not be read (${code})`,
    symlink: (path: string) => `${path}: a symlink, not followed`,
    tooBig: (path: string, limit: string) => `${path}: larger than ${limit}, not read`,
    notAFile: (path: string) => `${path}: not a regular file`,
    notJson: (path: string, error: string) => `${path}: not JSON, even read again (${error})`,
    notJsonArray: (path: string) => `${path}: not a JSON array`,
    notJsonObject: (path: string) => `${path}: not a JSON object`,
    noLayer: (list: string, layer: string) => `${list}: no layer ${layer}`,
    notLayerId: (path: string, value: string) => `${path}: not a layer id${value === "" ? "" : ` (${value})`}`,
    containerWithoutLayer: (container: string, list: string) => `container ${container}: no layer of its own in ${list}`,
    containerLayerGone: (container: string, layer: string) => `container ${container}: its layer ${layer} is not on disk`,
    containerOtherDriver: (container: string, driver: string, home: string) =>
      `container ${container}: on the ${driver} storage driver, not in ${home}`,
    bundleUnreadable: (mountPoint: string) => `${mountPoint}: its task bundle cannot be read (run as root): not named`,
    daemonSilent: (address: string, why: string) => `containerd does not answer at ${address} (${why})`,
    /** Why it does not answer, by the probe's state. */
    daemonStates: {
      absent: "there is no ctr to ask it with",
      "no-daemon": "nothing listens there",
      "permission-denied": "its socket answers only to root",
      error: "it answered with an error",
    } as Record<string, string>,
    daemonElsewhere: (address: string, snapshots: string | null) =>
      `the containerd that answers at ${address} ${snapshots === null ? "has no overlayfs snapshotter" : `keeps its snapshots in ${snapshots}, not here`}`,
    daemonStopped: (error: string) => `containerd stopped answering: ${error}`,
    daemonUnknown: (why: string, database: string) =>
      `${why}: which images there are, which snapshot belongs to which image or container, and the stopped containers are kept in its database (${database}), which is not read here; every snapshot is still listed, and the running containers are named from their task bundles`,
  },
  podNotFound: (pod: string, runtimes: string) =>
    `no container of pod ${pod} is known ${runtimes === "" ? "here: no container runtime answered, and the files of the stores mounted here name none" : `to ${runtimes}`} (TARGET as NAMESPACE/POD is a Kubernetes pod, found by its containers' labels)`,
  noOverlays: "no overlay mounts on this host, and no stopped containers in its stores",
  noOverlaysReadable: "no overlay mounts on this host, and no stopped containers in the stores that could be looked into",
  hostTotal: (mounts: string, bytes: string, shared: string) =>
    `${mounts} ${plural(mounts, "overlay")}, the largest first: ${bytes} in all their layers (each layer counted once, however many overlays share it${shared === "0" ? "" : `; ${shared} ${shared === "1" ? "layer is" : "layers are"} shared`})`,
  title: (mountPoint: string, bytes: string) => `${mountPoint} (${bytes} in its layers)`,
  notMounted: "not mounted now (a stopped container): read from the layer directories its runtime names",
  container: (name: string, runtime: string, id: string, image: string) => `container ${name} (${runtime}, ${id}), image ${image}`,
  pod: (pod: string, container: string) => `pod: ${pod}${container === "" ? "" : ` (container ${container})`}`,
  namedFromFiles: (runtime: string) =>
    `named from the files of ${runtime}'s store, without asking ${runtime} (it did not answer, or does not know this container): what only ${runtime} knows, such as its labels and perhaps its image, is missing`,
  noContainer: "no container named for it (a plain overlay, or no runtime could be asked)",
  store: (kind: string) => `store: ${kind}`,
  storePlain: "store: none (its layers are in no runtime's store)",
  otherNamespace: (pid: number) => `mounted in another mount namespace, read through /proc/${pid}/root`,
  layersTitle: "image layers, top first (numbered in build order: #1 is the base):",
  layer: (dir: string, bytes: string, files: string, disk: string | undefined) =>
    `${dir}  ${bytes} in ${files} ${plural(files, "file")}${disk === undefined ? "" : `, ${disk} on disk`}`,
  upper: (dir: string, bytes: string, files: string, disk: string | undefined) =>
    `${dir}  ${bytes} in ${files} ${plural(files, "file")}${disk === undefined ? "" : `, ${disk} on disk`} (the container's writable layer)`,
  noUpper: "no upper layer: a read-only overlay",
  changesTitle: (count: string) => `changes (as docker diff lists them): ${count}`,
  noChanges: "no changes: the container has written nothing",
  changeKinds: {
    added: "added",
    changed: "changed",
    deleted: "deleted",
    opaque: "opaque dirs",
    renamed: "renamed dirs",
  } satisfies Record<ChangeKind, string>,
  renamedCount: (count: string) => `renamed dirs ${count}: nothing copied (redirect_dir: their contents stay in the image's layers)`,
  renamesTitle: "renamed directories (new name ← where the image has it):",
  renamed: (path: string, from: string) => `${path}  ← ${from}`,
  changeCount: (kind: string, count: string, bytes: string, hidden: string, of: string | undefined) =>
    `${kind} ${count}${of === undefined ? "" : ` (${of})`}: ${bytes} written, hides ${hidden} of the image`,
  largestChanges: "largest changes:",
  changeWritten: (bytes: string) => `${bytes} written`,
  changeHides: (bytes: string) => `hides ${bytes} of the image`,
  changeDisk: (bytes: string) => `${bytes} on disk`,
  changeMetacopy: "metadata only: its data is still the image's",
  change: (path: string, figures: readonly string[]) => `${path}  ${figures.join(", ")}`,
  // Two amounts, never one inside the other: the image's own waste, and what the container's
  // changes take out of view on top of it (bytes a fresh container of the image would see).
  hiddenByImage: (bytes: string) => `hidden by the image's own layers: ${bytes}`,
  hiddenByContainer: (bytes: string) => `hidden by the container's changes, of what the image shows: ${bytes}`,
  largestHidden: "largest hidden:",
  /** What hides a group, and where: an image layer by its number in build order, or the container (null). */
  hiddenBy: {
    whiteout: (layer: number | null) => `deleted by a whiteout in ${layer === null ? "the container" : `#${layer}`}`,
    opaque: (layer: number | null) => `under an opaque directory in ${layer === null ? "the container" : `#${layer}`}`,
    "newer-copy": (layer: number | null) => `replaced by a newer copy in ${layer === null ? "the container" : `#${layer}`}`,
  } satisfies Record<HideReason, (layer: number | null) => string>,
  hidden: (bytes: string, files: string, path: string, layer: number, cause: string) =>
    `${bytes} (${files} ${plural(files, "file")}) ${path} in #${layer}, ${cause}`,
  more: (count: string, all: string) => `… ${count} more (--top ${all} lists them all)`,
  verdictImage: (bytes: string, layer: number, path: string, cause: HideReason) =>
    `${bytes} of the image is hidden by its own layers: see the step that made layer #${layer}, which ${cause === "whiteout" ? "removes" : cause === "opaque" ? "empties" : "replaces"} ${path}`,
  verdict: (image: string, container: string) => `${image}; ${container}`,
  verdictCleanImage: "nothing of the image is hidden by its own layers",
  /** `besides`: the image hides bytes of its own, which these are not part of. */
  verdictContainer: (bytes: string, parts: readonly string[], besides: boolean) =>
    `${besides ? "apart from that, the" : "the"} container's changes hide ${bytes} that the image shows${parts.length === 0 ? "" : ` (${parts.join(", ")})`}`,
  verdictNoContainerHidden: "the container's changes hide nothing that the image shows",
  copyUps: (count: string) => `${count} ${plural(count, "copy-up")}`,
  metadataOnly: (count: string) => `${count} metadata only`,
  listSeparator: ", ",
  deletes: (count: string) => `${count} ${plural(count, "delete")}`,
  opaqueDirs: (count: string) => `${count} opaque ${plural(count, "dir")}`,
  notes: "notes:",
  unreadable: (dir: string, code: string) => `cannot read ${dir} (${code}): what is beneath it is not counted`,
  unresolved: (dir: string) => `layer ${dir} could not be resolved: not counted`,
  // What discovery could not make of a layer path (overlay/discover.ts, LayerProblem).
  layerUnreadable: (path: string, code: string) => `${path}: cannot be read (${code})`,
  layerNotDirectory: (path: string) => `${path}: not a directory`,
  layerForeignSymlink: (path: string) => `${path}: a symlink outside a store's l/ directory, not followed`,
  layerLinkVanished: (path: string, code: string) => `${path}: the link vanished (${code})`,
  layerLinkOutside: (path: string, target: string, store: string) => `${path}: points to ${target}, outside the store ${store}: refused`,
  layerLinkNotDirectory: (path: string, resolved: string) => `${path}: points to ${resolved}, which is not a directory: refused`,
  relativeUnfound: (paths: string) => `relative layer paths (${paths}): neither a store nor a directory above the mount point holds them`,
  relativeGuess: (paths: string, base: string) =>
    `relative layer paths (${paths}) resolved against ${base}: a guess, which nothing on the mount confirms`,
  upperUnreadable: (path: string) => `upperdir ${path}: not a directory we can read`,
  partial: (mounts: string, root: boolean) =>
    root
      ? `some layers were not counted (each one's note says why): ${mounts}`
      : `some layers could not be read (run as root to read them all): ${mounts}`,
  missingLayers: (dirs: string) => `layers that their store lists are not on disk, and their bytes are not counted: ${dirs}`,
  process: (pid: number, command: string) => `pid ${pid} (${command})`,
  processes: (named: readonly string[], more: string) => `${named.join(", ")}${more === "0" ? "" : ` and ${more} more`}`,
  hiddenNamespaces: (count: string, processes: string) =>
    `${count === "1" ? "the mount namespace of 1 process" : `the mount namespaces of ${count} processes`} could not be read: ${processes}; overlays mounted only there are not listed`,
  hiddenNamespacesNotRoot: (count: string, processes: string) =>
    `${count === "1" ? "the mount namespace of 1 process" : `the mount namespaces of ${count} processes`} could not be read (not root): ${processes}; overlays mounted only there are not listed; run with sudo to see them`,
  /** System stores we may not look into: "podman /var/lib/containers/storage", joined. */
  closedStores: (count: string, stores: string, root: boolean) =>
    `could not look where ${count === "1" ? "a store is kept" : `${count} stores are kept`} (${root ? "the kernel refused" : "not root"}): ${stores}; what ${count === "1" ? "it holds" : "they hold"} is not counted${root ? "" : "; run with sudo to count it"}`,
  // inspect --image IMAGE: one image's layers, each named by the step that made it.
  image: {
    title: (name: string, runtime: string, id: string) => `image ${name} (${runtime}, ${id})`,
    layersTitle: "layers, top first (numbered in build order: #1 is the base):",
    unknownStep: "(a step the history does not name)",
    layerFigures: (bytes: string, files: string, seen: string, hiddenLater: string) =>
      `${bytes} in ${files} ${plural(files, "file")}: ${seen} still seen, ${hiddenLater} hidden by later layers`,
    separator: "; ",
    hides: (total: string, details: string) => `hides ${total} of earlier layers (${details})`,
    hideHow: (how: string, bytes: string) => `${how} ${bytes}`,
    how: { whiteout: "whiteout", opaque: "opaque dir", "newer-copy": "newer copy" } satisfies Record<HideReason, string>,
    listSeparator: ", ",
    emptySteps: (count: string, keywords: string) =>
      `${count} ${plural(count, "step")} made no layer (${keywords}): they are not matched to layers`,
    totals: (onDisk: string, files: string, visible: string, hidden: string, percent: string) =>
      `on disk ${onDisk} in ${files} ${plural(files, "file")}; a container sees ${visible}; hidden ${hidden} (${percent} of the image)`,
    largestHidden: "largest hidden:",
    more: (count: string, all: string) => `… ${count} more (--top ${all} lists them all)`,
    manyFiles: (path: string, files: string) => `${path} (${files} ${plural(files, "file")})`,
    hiddenItem: (bytes: string, path: string, addedBy: string, addedLayer: number, hiddenBy: string, hiddenLayer: number, how: string) =>
      `${bytes} ${path}, added by ${addedBy} (layer #${addedLayer}), hidden by ${hiddenBy} (layer #${hiddenLayer}, ${how})`,
    fix: "fix: delete files in the same RUN that creates them (do both in one RUN), or use a multi-stage build and COPY only what the image needs",
    nothingHidden: "nothing hidden: every byte in these layers is one a container sees",
    ciLine: (rule: string, limit: string, value: string, crossed: boolean) =>
      `CI ${rule} ${limit}: ${crossed ? "crossed" : "passed"}, the image hides ${value}`,
    ciRule: (rule: string, limit: string, value: string) => `${rule} ${limit} crossed: the image hides ${value}`,
    ciFailed: (rules: readonly string[]) => `CI gate failed: ${rules.join("; ")}`,
    notFound: (image: string, runtimes: string) =>
      `image '${image}' is not known to ${runtimes}: check its name with \`podman images\` or \`docker images\``,
    notOverlay: (runtime: string, driver: string) =>
      `${runtime} keeps images with the ${driver || "unknown"} storage driver, not overlay: there are no overlay layers to read (choose another --runtime)`,
    runtimeFailed: (message: string) => `the container runtime failed: ${message}`,
    mismatch: (layers: number, steps: number) =>
      `the image has ${layers} layers but its history names ${steps} steps that made one: they are matched from the top, and lower layers may be named wrongly or not at all`,
    runtimeValue: (value: string) => `--runtime ${value}: choose docker or podman`,
    runtimeNoImages: (runtime: string) =>
      `--runtime ${runtime}: ${runtime} does not say where an image's layers are on disk; inspect a container made from it (inspect ID), or choose docker or podman`,
    imageAndTarget: (target: string) => `give a TARGET (${target}) or --image, not both`,
    onlyWithImage: (option: string) => `${option} works only with --image IMAGE`,
    ciNeedsRule: "--ci needs a rule: --max-hidden SIZE, --max-hidden-percent P, or both",
    ruleNeedsCi: (option: string) => `${option} is a CI rule: add --ci`,
    budget: (value: string) => `'${value}' is not a size from 0 to 64 GiB: give one like 0, 512k, 50M or 1GiB`,
    percentValue: (value: string) => `'${value}' is not a percentage from 0 to 100`,
  },
  /** The host summary (inspect --summary, and the head of inspect with no TARGET). */
  summary: {
    notWith: (other: string) => `--summary is the whole host: give it without ${other}`,
    thisHost: "this host",
    underRoot: (dir: string) => `the stores under --root ${dir}`,
    title: (where: string, disk: string, stores: string, images: string, containers: string, running: string, stopped: string) =>
      `${where}: ${disk} on disk in ${stores} ${plural(stores, "store")}, ${images} ${plural(images, "image")}, ${containers} ${plural(containers, "container")} (${running} running, ${stopped} stopped)`,
    noStores: "no container store found on this host",
    storesTitle: "stores, the largest first:",
    store: (runtime: string, root: string, owner: string | null, driver: string, disk: string, layers: string) =>
      `${runtime}  ${root}${owner === null ? "" : ` (user ${owner})`}  ${driver}: ${disk} on disk in ${layers} ${plural(layers, "layer")}`,
    fullCopies: "vfs: every container is a full copy of its image (no overlay, nothing shared)",
    imagesTitle: "images, the largest first:",
    untagged: "<untagged>",
    image: (name: string, id: string, layers: string, disk: string, shared: string, unique: string, hidden: string) =>
      `${name} ${id}  ${disk} on disk in ${layers} ${plural(layers, "layer")} (shared with other images ${shared}, its own ${unique}); its later layers hide ${hidden}`,
    imageContainers: (names: readonly string[], more: string) =>
      `containers: ${names.length === 0 ? "none" : names.join(", ")}${more === "0" ? "" : ` and ${more} more`}`,
    containersTitle: "containers, the largest writable layer first:",
    pod: (namespace: string, name: string) => ` (pod ${namespace}/${name})`,
    states: { running: "running", stopped: "stopped" },
    container: (name: string, pod: string, runtime: string, state: string, image: string, writes: string, hides: string) =>
      `${name}${pod}  ${runtime}, ${state}, of ${image}: its writable layer takes ${writes} on disk, and hides ${hides} of its image`,
    unused: (count: string, disk: string) => `layers no image or container uses: ${count}, ${disk} on disk`,
    reclaim: (commands: readonly string[]) => `to free what nothing uses, the runtimes' own (printed, not run): ${commands.join("; ")}`,
  },
};

export type InspectWords = typeof en;
