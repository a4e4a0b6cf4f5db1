// docker, through its CLI: dockerd must answer (`docker info`). Its store is overlay2.
//
// overlay2 (moby daemon/graphdriver/overlay2/overlay.go): home is <data-root>/overlay2; Init makes
// <home>/l; each layer is <home>/<id>/diff, with a "link" file naming its short link
// <home>/l/<SHORTID> -> ../<id>/diff; a container's layer is <id>, its init layer <id>-init
// (/etc/hosts, /etc/resolv.conf, .dockerenv) sits above the image's layers.
//
// Its own files are read when dockerd is down, or for a store dockerd does not serve (docker-
// files.ts: containers/<id>/config.v2.json, image/overlay2/layerdb, repositories.json), found
// beneath a root by docker-stores.ts (daemon.json's data-root, rootless users' stores).
import { posix } from "node:path";
import type { RuntimeAdapter, StoreLayout } from "./adapter.js";
import { dockerCompatible } from "./docker-compatible.js";
import { readDockerStore } from "./docker-files.js";
import { closedDockerStores, dockerStores } from "./docker-stores.js";
import { driverLayer, isDirectoryIn } from "./layer-paths.js";
import { mountedFor } from "./live-mounts.js";

export const dockerOverlay2 = {
  kind: "docker-overlay2" as const,
  matchLayer(path, namespace) {
    const layer = driverLayer(path);
    // One diff per layer, in a home named overlay2 that has its short links' l/ (made at start-up).
    if (layer === undefined || layer.diffNumber !== "" || posix.basename(layer.home) !== "overlay2") return undefined;
    if (!isDirectoryIn(namespace, posix.join(layer.home, "l"))) return undefined;
    return { kind: "docker-overlay2", storeRoot: layer.home, id: layer.id };
  },
  storesUnder: (root) => dockerStores(root),
  closedUnder: (root) => closedDockerStores(root),
} satisfies StoreLayout;

const cli = dockerCompatible({
  runtime: "docker",
  program: "docker",
  infoFormat: "{{.ServerVersion}}\t{{.Driver}}",
  // docker's `rm -f` kills at once (and has no -t).
  removeFlags: [],
  // Without it docker prints sizes for humans ("2.1MB").
  historyFlags: ["--human=false"],
  emptyLayerFlags: false,
});

export const docker: RuntimeAdapter = {
  name: "docker",
  program: "docker",
  layout: dockerOverlay2,
  environment: ["DOCKER_HOST", "DOCKER_CONFIG"],
  // In its -init layer, with /etc/hosts and /etc/resolv.conf, which it bind-mounts over too.
  ownFiles: [".dockerenv"],
  reclaim: ["docker system prune --all"],
  // "overlay" is docker's older driver, removed in docker 24: its containers are overlay mounts too.
  overlayDrivers: new Set(["overlay2", "overlay"]),
  ...cli,
  readStore: (store, mounted) => readDockerStore(store, mountedFor(store, mounted)),
  fixes: (t) => ({ noDaemon: t.doctor.dockerStart, permission: t.doctor.dockerPermission }),
};
