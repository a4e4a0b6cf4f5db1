// containerd, as on a Kubernetes node (its CRI plugin runs the kubelet's pods in namespace k8s.io)
// or under nerdctl: asked through `ctr` over its socket (containerd-ctr.ts), and read from its
// store's own files when it does not answer (containerd-store.ts). Its layers are the overlayfs
// snapshotter's; its containers' overlays are mounted at their task's rootfs
// (containerd-layout.ts). Its containers are named from their labels (containerd-names.ts), their
// pods from the kubelet's labels or the CRI plugin's annotations (pods.ts).
//
// No lifecycle: container-demo runs on docker or podman (registry.ts lessonRuntimes leaves this
// one out), and `cleanup` has no containerd containers of ours to remove. No image layers either:
// ctr names a committed snapshot by its chain id and never says its directory (that is in the
// snapshotter's own database), so `inspect --image` does not read containerd's images.
import type { RuntimeAdapter } from "./adapter.js";
import { findContainer, inspectContainers, listContainers } from "./containerd-containers.js";
import { eachLimited, imageRows, namespaces, probeContainerd } from "./containerd-ctr.js";
import { containerdSnapshots } from "./containerd-layout.js";
import { OVERLAY_SNAPSHOTTER } from "./containerd-names.js";
import { readContainerdStore } from "./containerd-store.js";
import type { ImageSummary } from "./types.js";

export { containerdSnapshots } from "./containerd-layout.js";

/** Every image name in every namespace, one summary per image (its manifest digest), as `ctr images ls` lists them. */
async function listImages(): Promise<ImageSummary[]> {
  const rows = (await eachLimited(await namespaces(), imageRows)).flat();
  const byDigest = new Map<string, string[]>();
  for (const row of rows) byDigest.set(row.digest, [...new Set([...(byDigest.get(row.digest) ?? []), row.name])]);
  // ctr prints sizes for people ("2.3 MiB"): not a byte count to pass on.
  return [...byDigest].map(([id, names]) => ({ runtime: "containerd", id, names, size: undefined }));
}

export const containerd: RuntimeAdapter = {
  name: "containerd",
  program: "ctr",
  layout: containerdSnapshots,
  // ctr reads both: where the daemon is, and the namespace it works in when -n is not given.
  environment: ["CONTAINERD_ADDRESS", "CONTAINERD_NAMESPACE"],
  // containerd adds nothing of its own to a container's root (the CRI plugin bind-mounts /etc/hosts and the like).
  ownFiles: [],
  overlayDrivers: new Set([OVERLAY_SNAPSHOTTER]),
  imageLayers: false,
  probe: probeContainerd,
  cli: {
    listContainers,
    inspectContainers,
    findContainer,
    findImage: async () => undefined,
    imageHistory: async () => [],
    listImages,
  },
  readStore: readContainerdStore,
  fixes: (t) => ({ noDaemon: t.doctor.containerdStart, permission: t.doctor.containerdPermission }),
};
