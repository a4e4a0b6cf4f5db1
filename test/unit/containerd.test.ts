// What the containerd adapter reads from shapes alone, without a daemon: the pod in the kubelet's
// labels and in the CRI plugin's spec annotations, the name a container goes by, a task's bundle
// and a snapshot from their paths (under any root), `ctr plugins ls -d`'s overlayfs block, and
// NAMESPACE/POD as a TARGET. The real daemon's answers are test/e2e/runtime-containerd.test.ts.
import { describe, expect, it } from "vitest";
import { overlayfsPlugin } from "../../src/runtime/containerd-ctr.js";
import { containerdSnapshots, snapshotOf, taskOfMountPoint } from "../../src/runtime/containerd-layout.js";
import { containerName } from "../../src/runtime/containerd-names.js";
import { isInPod, parsePodTarget, podFromAnnotations, podFromLabels, podOf } from "../../src/runtime/pods.js";

const KUBELET = {
  "io.kubernetes.pod.namespace": "kube-system",
  "io.kubernetes.pod.name": "coredns-5d78c9869d-abcde",
  "io.kubernetes.pod.uid": "0d6f1c1e",
  "io.kubernetes.container.name": "coredns",
};

describe("pods", () => {
  it("come from the kubelet's labels; a sandbox is its pod's POD; no labels, no pod", () => {
    expect(podFromLabels(KUBELET)).toEqual({ namespace: "kube-system", name: "coredns-5d78c9869d-abcde", container: "coredns" });
    const { "io.kubernetes.container.name": _name, ...podLabels } = KUBELET;
    expect(podFromLabels({ ...podLabels, "io.cri-containerd.kind": "sandbox" })?.container).toBe("POD");
    expect(podFromLabels({ "io.kubernetes.pod.name": "web" })).toBeNull();
    expect(podFromLabels({ "io.kubernetes.pod.namespace": "", "io.kubernetes.pod.name": "web" })).toBeNull();
    expect(podFromLabels({ "com.docker.compose.project": "web" })).toBeNull();
  });

  it("come from the CRI plugin's annotations in a task's spec, else from labels copied there", () => {
    const cri = {
      "io.kubernetes.cri.container-type": "container",
      "io.kubernetes.cri.sandbox-namespace": "default",
      "io.kubernetes.cri.sandbox-name": "web-0",
      "io.kubernetes.cri.container-name": "nginx",
      "io.kubernetes.cri.image-name": "docker.io/library/nginx:1.27",
    };
    expect(podFromAnnotations(cri)).toEqual({ namespace: "default", name: "web-0", container: "nginx" });
    const pause = {
      "io.kubernetes.cri.container-type": "sandbox",
      "io.kubernetes.cri.sandbox-namespace": "default",
      "io.kubernetes.cri.sandbox-name": "web-0",
    };
    expect(podFromAnnotations(pause)?.container).toBe("POD");
    expect(podFromAnnotations(KUBELET)?.container).toBe("coredns");
    expect(podFromAnnotations({})).toBeNull();
  });

  it("of a container: the adapter's when it read one (even none), else its labels'", () => {
    expect(podOf({ labels: KUBELET })).toMatchObject({ name: "coredns-5d78c9869d-abcde" });
    expect(podOf({ labels: KUBELET, pod: null })).toBeNull();
    expect(podOf({ labels: {}, pod: { namespace: "a", name: "b", container: "c" } })).toEqual({
      namespace: "a",
      name: "b",
      container: "c",
    });
  });

  it("as a TARGET: NAMESPACE/POD, one slash, not leading, no spaces", () => {
    expect(parsePodTarget("kube-system/coredns-abc")).toEqual({ namespace: "kube-system", name: "coredns-abc" });
    for (const target of ["/kube-system/coredns", "kube-system/", "/coredns", "a/b/c", "coredns", "a b/c", ""]) {
      expect(parsePodTarget(target), target).toBeUndefined();
    }
    expect(isInPod(podFromLabels(KUBELET), { namespace: "kube-system", name: "coredns-5d78c9869d-abcde" })).toBe(true);
    expect(isInPod(podFromLabels(KUBELET), { namespace: "default", name: "coredns-5d78c9869d-abcde" })).toBe(false);
    expect(isInPod(null, { namespace: "kube-system", name: "x" })).toBe(false);
  });
});

describe("containerd names", () => {
  it("nerdctl's name first, then the container's name in its pod, else the id", () => {
    expect(containerName("abc123", { "nerdctl/name": "web", ...KUBELET })).toBe("web");
    expect(containerName("abc123", KUBELET)).toBe("coredns");
    expect(containerName("abc123", {}, { "nerdctl/name": "from-spec" })).toBe("from-spec");
    expect(
      containerName(
        "abc123",
        {},
        { "io.kubernetes.cri.sandbox-namespace": "a", "io.kubernetes.cri.sandbox-name": "b", "io.kubernetes.cri.container-name": "app" },
      ),
    ).toBe("app");
    expect(containerName("abc123", { "io.kubernetes.container.name": "" })).toBe("abc123");
    expect(containerName("abc123", {})).toBe("abc123");
  });
});

describe("containerd's paths", () => {
  it("a task's rootfs names its state dir, namespace and id, under any state dir", () => {
    expect(taskOfMountPoint("/run/containerd/io.containerd.runtime.v2.task/k8s.io/3f2a9c/rootfs")).toEqual({
      state: "/run/containerd",
      namespace: "k8s.io",
      id: "3f2a9c",
      dir: "/run/containerd/io.containerd.runtime.v2.task/k8s.io/3f2a9c",
    });
    expect(taskOfMountPoint("/tmp/t/state/io.containerd.runtime.v2.task/default/web/rootfs")?.state).toBe("/tmp/t/state");
    for (const path of [
      "/run/containerd/io.containerd.runtime.v2.task/k8s.io/3f2a9c",
      "/run/containerd/io.containerd.runtime.v2.task/k8s.io/a/b/rootfs",
      "/var/lib/docker/overlay2/x/merged",
    ]) {
      expect(taskOfMountPoint(path), path).toBeUndefined();
    }
  });

  it("a snapshot's fs dir names its snapshotter and id, under any root; its work dir and others are no layer", () => {
    const root = "/tmp/x y/root/io.containerd.snapshotter.v1.overlayfs";
    expect(snapshotOf(`${root}/snapshots/12/fs`)).toEqual({ snapshotter: root, id: "12" });
    expect(containerdSnapshots.matchLayer(`${root}/snapshots/12/fs`)).toEqual({ kind: "containerd", storeRoot: root, id: "12" });
    for (const path of [
      `${root}/snapshots/12/work`,
      `${root}/snapshots/abc/fs`,
      "/var/lib/containerd/io.containerd.snapshotter.v1.native/snapshots/1/fs",
    ]) {
      expect(snapshotOf(path), path).toBeUndefined();
    }
    expect(containerdSnapshots.storeOf(root)).toEqual({ kind: "containerd", root: "/tmp/x y/root", layers: root });
  });
});

describe("ctr plugins ls -d", () => {
  const block = (id: string, root: string, error = "") =>
    [
      `Type:          io.containerd.snapshotter.v1`,
      `ID:            ${id}`,
      "Platforms:     linux/amd64",
      "Exports:      ",
      `               root      ${root}`,
      error,
      "                      ",
    ].join("\n");

  it("tells the overlayfs snapshotter's root, and whether it loaded", () => {
    const detailed = [
      block("btrfs", "/var/lib/containerd/io.containerd.snapshotter.v1.btrfs", "Error:        \n               Code:        Unknown"),
      block("overlayfs", "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs"),
      block("zfs", "/var/lib/containerd/io.containerd.snapshotter.v1.zfs"),
    ].join("\n");
    expect(overlayfsPlugin(detailed)).toEqual({ loaded: true, root: "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs" });
    expect(overlayfsPlugin(block("overlayfs", "/r", "Error:        \n               Message:     not supported"))).toEqual({
      loaded: false,
      root: "/r",
    });
    expect(overlayfsPlugin(block("native", "/r"))).toBeUndefined();
  });
});
