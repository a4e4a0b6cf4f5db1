// The Kubernetes pod a container belongs to, read from what Kubernetes itself writes on it. The
// kubelet labels every container it asks a CRI runtime for (the pod's namespace and name, the
// container's name; containerd internal/cri/labels/labels.go), and containerd's CRI plugin also
// writes them into the OCI spec's annotations (internal/cri/annotations/annotations.go), which
// is what a task bundle's config.json holds when the daemon cannot be asked. Any runtime's
// container carrying the labels has a pod (docker's under cri-dockerd too); a podman pod is not
// a Kubernetes pod, and a container without the labels has none.
import type { PodRef } from "./adapter.js";
import type { ContainerInfo } from "./types.js";

export const POD_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
export const POD_NAME_LABEL = "io.kubernetes.pod.name";
export const CONTAINER_NAME_LABEL = "io.kubernetes.container.name";

/** The CRI plugin's own label for a pod's sandbox (its pause container): "sandbox" or "container". */
const CRI_KIND_LABEL = "io.cri-containerd.kind";

/** The annotations the CRI plugin writes into every spec it makes. */
const CRI_ANNOTATIONS = {
  type: "io.kubernetes.cri.container-type",
  namespace: "io.kubernetes.cri.sandbox-namespace",
  name: "io.kubernetes.cri.sandbox-name",
  container: "io.kubernetes.cri.container-name",
  image: "io.kubernetes.cri.image-name",
  sandboxImage: "io.kubernetes.cri.podsandbox.image-name",
} as const;

/**
 * What the sandbox is called among its pod's containers: the pod's infra container, named "POD"
 * as Kubernetes names it (internal/cri/labels PodInfraContainerName). It holds the pod's
 * namespaces and has a writable layer of its own like any other container.
 */
export const SANDBOX_CONTAINER = "POD";

type Strings = Readonly<Record<string, string>>;

/** The pod in a container's labels, or null when the kubelet did not put one there. */
export function podFromLabels(labels: Strings): PodRef | null {
  const namespace = labels[POD_NAMESPACE_LABEL];
  const name = labels[POD_NAME_LABEL];
  if (namespace === undefined || namespace === "" || name === undefined || name === "") return null;
  const sandbox = labels[CRI_KIND_LABEL] === "sandbox";
  return { namespace, name, container: labels[CONTAINER_NAME_LABEL] ?? (sandbox ? SANDBOX_CONTAINER : "") };
}

/** The pod in an OCI spec's annotations: the CRI plugin's, else labels copied there (`ctr run --label` copies them). */
export function podFromAnnotations(annotations: Strings): PodRef | null {
  const namespace = annotations[CRI_ANNOTATIONS.namespace];
  const name = annotations[CRI_ANNOTATIONS.name];
  if (namespace === undefined || namespace === "" || name === undefined || name === "") return podFromLabels(annotations);
  const sandbox = annotations[CRI_ANNOTATIONS.type] === "sandbox";
  return { namespace, name, container: annotations[CRI_ANNOTATIONS.container] ?? (sandbox ? SANDBOX_CONTAINER : "") };
}

/** The image the CRI plugin says a container (or a sandbox) was made from, as the kubelet named it. */
export function imageFromAnnotations(annotations: Strings): string | undefined {
  return annotations[CRI_ANNOTATIONS.image] ?? annotations[CRI_ANNOTATIONS.sandboxImage];
}

/** A container's pod: the one its adapter found (from labels or a spec), else its labels'. */
export function podOf(container: Pick<ContainerInfo, "labels" | "pod">): PodRef | null {
  return container.pod !== undefined ? container.pod : podFromLabels(container.labels);
}

/** `NAMESPACE/POD` as a user types it: one "/", not leading, both sides non-empty. */
export function parsePodTarget(target: string): { namespace: string; name: string } | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(target);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { namespace: match[1], name: match[2] };
}

export function isInPod(pod: PodRef | null, wanted: { namespace: string; name: string }): boolean {
  return pod !== null && pod.namespace === wanted.namespace && pod.name === wanted.name;
}
