// What a containerd container is called. containerd itself names none (an id is all it has):
// the tools that make containers put their names in its labels. In order: nerdctl's own name
// (`nerdctl run --name web` sets the label nerdctl/name), the container's name in its Kubernetes
// pod (the kubelet's io.kubernetes.container.name; a pod's sandbox is its "POD"), else the id.
// The spec's annotations stand in for the labels where only a task bundle can be read.
import { CONTAINER_NAME_LABEL, podFromAnnotations, podFromLabels } from "./pods.js";

/** The snapshotter whose snapshots are overlay layers (plugins/snapshots/overlay registers "overlayfs"). */
export const OVERLAY_SNAPSHOTTER = "overlayfs";
export const NERDCTL_NAME_LABEL = "nerdctl/name";

type Strings = Readonly<Record<string, string>>;

export function containerName(id: string, labels: Strings, annotations: Strings = {}): string {
  const nerdctl = labels[NERDCTL_NAME_LABEL] ?? annotations[NERDCTL_NAME_LABEL];
  if (nerdctl !== undefined && nerdctl !== "") return nerdctl;
  const inPod = labels[CONTAINER_NAME_LABEL] ?? (podFromLabels(labels) ?? podFromAnnotations(annotations))?.container;
  return inPod !== undefined && inPod !== "" ? inPod : id;
}
