// inspect's words in English. The shape of this object is the type zh.ts and ja.ts must match:
// a missing key or a different signature fails the build.

import type { HideReason } from "../../layers/walk.js";
import type { ChangeKind } from "../analyze.js";

export const en = {
  notFound: (target: string, runtimes: string) => `'${target}' is neither an overlay mount point nor a container known to ${runtimes}`,
  notFoundNoRuntime: (target: string) =>
    `'${target}' is not an overlay mount point, and no docker or podman answered here to be asked for a container of that name`,
  noOverlays: "no overlay mounts on this host",
  title: (mountPoint: string) => `overlay ${mountPoint}`,
  notMounted: "not mounted now (a stopped container): read from the layer directories its runtime names",
  container: (name: string, runtime: string, id: string) => `container ${name} (${runtime}, ${id})`,
  noContainer: "no container named for it (a plain overlay, or no runtime could be asked)",
  store: (kind: string) => `store: ${kind}`,
  otherNamespace: (pid: number) => `mounted in another mount namespace, read through /proc/${pid}/root`,
  layersTitle: "image layers, top first:",
  layer: (number: number, dir: string, bytes: string, files: string) => `#${number}  ${dir}  ${bytes} in ${files} files`,
  upper: (dir: string, bytes: string, files: string) => `upper  ${dir}  ${bytes} in ${files} files (the container's writable layer)`,
  noUpper: "no upper layer: a read-only overlay",
  changesTitle: (count: string) => `changes (as docker diff lists them): ${count}`,
  noChanges: "no changes: the container has written nothing",
  changeKinds: { added: "added", changed: "changed", deleted: "deleted", opaque: "opaque dirs" } satisfies Record<ChangeKind, string>,
  changeCount: (kind: string, count: string, bytes: string, hidden: string) => `${kind} ${count}: ${bytes} written, hides ${hidden}`,
  largestChanges: "largest changes:",
  change: (kind: string, path: string, bytes: string, hidden: string) => `${kind} ${path}  ${bytes}, hides ${hidden} of the image`,
  hiddenTitle: (image: string, container: string) => `hidden: ${image} by the image's own layers, ${container} by the container`,
  largestHidden: "largest hidden:",
  causes: {
    whiteout: "deleted by a whiteout",
    opaque: "under an opaque directory",
    "newer-copy": "replaced by a newer copy",
  } satisfies Record<HideReason, string>,
  hidden: (bytes: string, files: string, path: string, layer: number, cause: string, by: string) =>
    `${bytes} (${files} files) ${path} in #${layer}, ${cause} in ${by}`,
  byLayer: (layer: number) => `#${layer}`,
  byContainer: "the container",
  verdictImage: (bytes: string, layer: number, path: string, cause: HideReason) =>
    `${bytes} of the image is hidden: see the step that made layer #${layer}, which ${cause === "whiteout" ? "removes" : cause === "opaque" ? "empties" : "replaces"} ${path}`,
  verdict: (image: string, container: string) => `${image}; ${container}`,
  verdictCleanImage: "nothing of the image is hidden by its own layers",
  verdictContainer: (bytes: string, copyUps: string, deletes: string) =>
    `the container hides ${bytes} of it (${copyUps} copy-ups, ${deletes} deletes)`,
  verdictNoContainerHidden: "the container hides none of it",
  notes: "notes:",
  unreadable: (dir: string, code: string) => `cannot read ${dir} (${code}): what is beneath it is not counted`,
  unresolved: (dir: string) => `layer ${dir} could not be resolved: not counted`,
  partial: (mounts: string) => `some layers could not be read (run as root to read them all): ${mounts}`,
  hiddenNamespaces: (count: number) => `${count} processes' mount namespaces could not be read: overlays mounted only there are not listed`,
  hiddenNamespacesNotRoot: (count: number) =>
    `${count} processes' mount namespaces could not be read (not root): overlays mounted only there are not listed; run with sudo to see them`,
};

export type InspectWords = typeof en;
