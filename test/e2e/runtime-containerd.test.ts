// The containerd adapter against a real containerd of the test file's own
// (test/helpers/containerd.ts), as on a Kubernetes node: an image built without a registry and
// imported with `ctr images import`, two containers of one pod run with the kubelet's labels (one
// of them writing, deleting and appending), a third named as nerdctl names it. Then, through the
// built CLI: `inspect` names each with its pod, `inspect ID` (or a unique prefix) and
// `inspect NAMESPACE/POD` find them, every figure equals find's count of the snapshot dirs on
// disk; a stopped container (its task deleted) is still found with its writable layer; the store
// read from its own files lists every snapshot; and with the daemon stopped the running
// containers are still named, from their task bundles, with their bytes.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { storeProblemText } from "../../src/inspect/store-problems.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { adapterFor, type StoreContents } from "../../src/runtime/index.js";
import { CLI, runCli } from "../helpers/cli.js";
import { importPodmanImage, startContainerd, type TestContainerd } from "../helpers/containerd.js";
import {
  expectedChanges,
  hasOpaqueXattr,
  type InspectedMount,
  inspected,
  mountImageView,
  totals,
  unmountIfMounted,
  wrappedByTerminal,
} from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { buildBusyboxBase, buildImage, removeImages, testName } from "../helpers/podman.js";
import { Terminal } from "../helpers/tmux.js";

const KIB = 1024;
const POD = { namespace: "kube-system", name: "coredns-abc" };
const criLabels = (container: string): Record<string, string> => ({
  "io.kubernetes.pod.namespace": POD.namespace,
  "io.kubernetes.pod.name": POD.name,
  "io.kubernetes.container.name": container,
});
const WRITES = [
  `dd if=/dev/zero of=/data/new bs=1024 count=${64} 2>/dev/null`,
  "echo more >> /etc/ol-release",
  "rm /data/y",
  "mkdir -p /var/log/app && echo log > /var/log/app/log",
].join(" && ");
const LANGS = ["en", "zh", "ja"] as const;

describeWith(["root", "containerd"], "containerd, for real", () => {
  let containerd: TestContainerd | undefined;
  const daemon = (): TestContainerd => {
    if (containerd === undefined) throw new Error("the test containerd did not start");
    return containerd;
  };
  const savedAddress = process.env.CONTAINERD_ADDRESS;
  const id = { web: `ol-test-${process.pid}-web`, writer: `ol-test-${process.pid}-writer`, nerd: `ol-test-${process.pid}-nerd` };
  const podmanImages: string[] = [];
  let image = "";
  let view = "";
  const env = (): NodeJS.ProcessEnv => ({ CONTAINERD_ADDRESS: daemon().address });
  /** The JSON lines of `inspect ...args --json` for mounts of the test containerd (the host's other overlays left out). */
  const inspectJson = async (...args: string[]): Promise<InspectedMount[]> => {
    const result = await runCli(["inspect", ...args, "--json"], { env: env(), timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    return inspected(result).filter((mount) => mount.container?.runtime === "containerd" || mount.upper?.dir.startsWith(daemon().root));
  };
  const store = () => ({ kind: "containerd", root: daemon().root, layers: daemon().snapshotter });
  const readStore = (): Promise<StoreContents> => {
    const read = adapterFor("containerd").readStore;
    if (read === undefined) throw new Error("the containerd adapter reads no store");
    return read(store());
  };
  /** Every figure inspect gives of a mount, against find's count of its directories and the kernel's image-only view. */
  const expectFiguresOnDisk = (mount: InspectedMount | undefined): void => {
    if (mount?.upper == null) throw new Error("no upper");
    expect({ bytes: mount.upper.bytes, diskBytes: mount.upper.diskBytes }).toEqual({
      bytes: totals(mount.upper.dir).bytes,
      diskBytes: totals(mount.upper.dir).diskBytes,
    });
    for (const layer of mount.layers) {
      const counted = totals(layer.dir);
      expect({ dir: layer.dir, bytes: layer.bytes, files: layer.files }).toEqual({
        dir: layer.dir,
        bytes: counted.bytes,
        files: counted.files,
      });
    }
    mountImageView(
      mount.layers.map((layer) => layer.dir),
      view,
    );
    try {
      const upper = mount.upper.dir;
      const expected = expectedChanges(upper, view, (path) => hasOpaqueXattr(join(upper, path)));
      expect(mount.changes.map(({ path, kind, bytes, hiddenBytes }) => ({ path, kind, bytes, hiddenBytes }))).toEqual(
        expected.map(({ path, kind, bytes, hiddenBytes }) => ({ path, kind, bytes, hiddenBytes })),
      );
      expect(mount.containerHiddenBytes).toBe(expected.reduce((sum, change) => sum + change.hiddenBytes, 0));
    } finally {
      unmountIfMounted(view);
    }
    // The image's own RUN rm of a 256 KiB blob.
    expect(mount.imageHiddenBytes).toBe(256 * KIB);
  };

  beforeAll(() => {
    const started = performance.now();
    view = mkdtempSync(join(tmpdir(), "ol-test-containerd-view-"));
    containerd = startContainerd();
    // The adapter's own calls in this process find the test instance as a user's CONTAINERD_ADDRESS would.
    process.env.CONTAINERD_ADDRESS = containerd.address;
    const base = testName("ctd-base");
    const built = testName("ctd-img");
    podmanImages.push(built, base);
    buildBusyboxBase(base);
    buildImage(
      built,
      [
        `FROM ${base}`,
        `RUN mkdir -p /data && dd if=/dev/zero of=/data/blob bs=1024 count=${256} 2>/dev/null && echo y > /data/y`,
        "RUN rm /data/blob",
        "",
      ].join("\n"),
    );
    image = importPodmanImage(containerd, built, ["k8s.io", "default"]);
    containerd.run(id.web, image, criLabels("coredns"));
    containerd.run(id.writer, image, criLabels("sidecar"));
    containerd.run(id.nerd, image, { "nerdctl/name": "ol-web" }, { namespace: "default" });
    containerd.ctr(["tasks", "exec", "--fifo-dir", containerd.fifoDir, "--exec-id", "write", id.writer, "sh", "-c", WRITES]);
    console.info(`containerd: daemon, image and three containers in ${Math.round(performance.now() - started)} ms`);
  }, 300_000);

  afterAll(() => {
    if (savedAddress === undefined) delete process.env.CONTAINERD_ADDRESS;
    else process.env.CONTAINERD_ADDRESS = savedAddress;
    try {
      if (view !== "") {
        unmountIfMounted(view);
        rmSync(view, { recursive: true, force: true });
      }
      containerd?.stop();
    } finally {
      if (podmanImages.length > 0) removeImages(...podmanImages);
    }
  }, 120_000);

  it("the adapter: answers over CONTAINERD_ADDRESS, lists every namespace's containers, named from their labels, with their layers", async () => {
    const adapter = adapterFor("containerd");
    expect(await adapter.probe()).toMatchObject({ runtime: "containerd", state: "ok", driver: "overlayfs" });
    const listed = await adapter.cli.listContainers();
    expect(
      listed.map(({ id: listedId, names, state }) => ({ id: listedId, names, state })).sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      [
        { id: id.nerd, names: ["ol-web"], state: "running" },
        { id: id.web, names: ["coredns"], state: "running" },
        { id: id.writer, names: ["sidecar"], state: "running" },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const writer = await adapter.cli.findContainer(id.writer);
    expect(writer).toMatchObject({ runtime: "containerd", id: id.writer, name: "sidecar", image, driver: "overlayfs" });
    expect(writer?.pod).toEqual({ ...POD, container: "sidecar" });
    // The snapshotter's own word for its layers, asked of ctr here, not through the adapter.
    const mount = daemon().ctr(["snapshots", "mounts", "/x", id.writer]);
    expect(mount).toContain(`upperdir=${writer?.graphDriver.upper},`);
    expect(mount).toContain(`lowerdir=${writer?.graphDriver.lower.join(":")}`);
    expect(writer?.graphDriver.merged).toBe(`${daemon().state}/io.containerd.runtime.v2.task/k8s.io/${id.writer}/rootfs`);
    expect((await adapter.cli.findContainer("ol-web"))?.id).toBe(id.nerd);
  });

  it("inspect names each containerd container with its image and pod; nerdctl's by its name, in no pod", async () => {
    const mounts = await inspectJson();
    expect(mounts.map((mount) => [mount.mountPoint, mount.container]).sort()).toEqual(
      [
        [
          `${daemon().state}/io.containerd.runtime.v2.task/default/${id.nerd}/rootfs`,
          { runtime: "containerd", id: id.nerd, name: "ol-web", image, pod: null },
        ],
        [
          `${daemon().state}/io.containerd.runtime.v2.task/k8s.io/${id.web}/rootfs`,
          { runtime: "containerd", id: id.web, name: "coredns", image, pod: { ...POD, container: "coredns" } },
        ],
        [
          `${daemon().state}/io.containerd.runtime.v2.task/k8s.io/${id.writer}/rootfs`,
          { runtime: "containerd", id: id.writer, name: "sidecar", image, pod: { ...POD, container: "sidecar" } },
        ],
      ].sort(),
    );
    expect(mounts.every((mount) => mount.notes.length === 0)).toBe(true);
  });

  it("inspect ID and a unique prefix of it find the container; its figures are the bytes on disk; an ambiguous prefix is exit 2", async () => {
    const [mount, ...others] = await inspectJson(id.writer);
    expect(others).toEqual([]);
    expect(mount?.container?.id).toBe(id.writer);
    expectFiguresOnDisk(mount);
    expect(mount?.changes.find((change) => change.path === "/data/new")).toMatchObject({ kind: "added", bytes: 64 * KIB });
    expect(mount?.changes.find((change) => change.path === "/data/y")).toMatchObject({ kind: "deleted", hiddenBytes: 2 });
    const [byPrefix] = await inspectJson(id.writer.slice(0, -2));
    expect(byPrefix?.container?.id).toBe(id.writer);
    const ambiguous = await runCli(["inspect", `ol-test-${process.pid}-`], { env: env() });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr.trim().split("\n")).toHaveLength(1);
    expect(ambiguous.stdout).toBe("");
  });

  it("inspect NAMESPACE/POD selects every container of the pod; a pod with none is one line and exit 2", async () => {
    const mounts = await inspectJson(`${POD.namespace}/${POD.name}`);
    expect(mounts.map((mount) => mount.container?.id).sort()).toEqual([id.web, id.writer].sort());
    for (const lang of LANGS) {
      const result = await runCli(["inspect", `${POD.namespace}/${POD.name}`, "--lang", lang], { env: env(), timeoutMs: 180_000 });
      expect(result.code, result.stderr).toBe(0);
      const words = inspectWords(lang);
      for (const container of ["coredns", "sidecar"]) expect(result.stdout).toContain(words.pod(`${POD.namespace}/${POD.name}`, container));
      expect(result.stdout).toContain(words.store("containerd"));
    }
    const none = await runCli(["inspect", `${POD.namespace}/nosuch`], { env: env() });
    expect([none.code, none.stdout]).toEqual([2, ""]);
    // Every runtime that answers is asked (the host's podman too, where it answers).
    expect(none.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^overlay-lesson: no container of pod kube-system\/nosuch is known to (.*, )?containerd \(/),
    ]);
  });

  describeWith(["tmux"], "in a real terminal", () => {
    it.each([60, 80, 100].flatMap((columns) => LANGS.map((lang) => [columns, lang] as const)))(
      "inspect ID fits %i columns in %s, its pod on a line of its own",
      async (columns, lang) => {
        const argv = [process.execPath, CLI, "inspect", id.writer, "--lang", lang];
        const terminal = new Terminal(argv, { ...env(), NO_COLOR: "1", LANG: "C.UTF-8" } as Record<string, string>, { columns, rows: 60 });
        try {
          expect(await terminal.exitCode(120_000)).toBe(0);
          expect(wrappedByTerminal(terminal)).toEqual([]);
          const joined = terminal.screen().replace(/\n\s*/g, " ");
          expect(joined).toContain(inspectWords(lang).pod(`${POD.namespace}/${POD.name}`, "sidecar").replace(/\s+/g, " "));
        } finally {
          terminal.close();
        }
      },
      180_000,
    );
  });

  it("a stopped container (its task deleted, the container kept) is found by inspect ID, its writable layer counted", async () => {
    const [running] = await inspectJson(id.writer);
    daemon().ctr(["tasks", "kill", "-s", "KILL", id.writer]);
    for (
      let waited = 0;
      !/STOPPED/.test(
        daemon()
          .ctr(["tasks", "ls"])
          .split("\n")
          .find((line) => line.startsWith(id.writer)) ?? "",
      );
      waited += 100
    ) {
      if (waited > 10_000) throw new Error("the task did not stop");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    daemon().ctr(["tasks", "delete", id.writer]);
    const [stopped, ...others] = await inspectJson(id.writer);
    expect(others).toEqual([]);
    expect(stopped?.mountPoint).toBeNull();
    expect(stopped?.container).toEqual(running?.container);
    expect([stopped?.upper, stopped?.layers]).toEqual([running?.upper, running?.layers]);
    expectFiguresOnDisk(stopped);
    expect((await inspectJson(`${POD.namespace}/${POD.name}`)).map((mount) => mount.container?.id).sort()).toEqual(
      [id.web, id.writer].sort(),
    );
  });

  it("its store read from its own files: every snapshot on disk, the containers running or stopped, the images with their layers", async () => {
    const contents = await readStore();
    expect(contents.problems).toEqual([]);
    const onDisk = readdirSync(join(daemon().snapshotter, "snapshots")).sort((a, b) => Number(a) - Number(b));
    expect(contents.layers.map((layer) => [layer.id, layer.dir])).toEqual(
      onDisk.map((n) => [n, join(daemon().snapshotter, "snapshots", n, "fs")]),
    );
    const byId = new Map(contents.containers.map((container) => [container.id, container]));
    expect([...byId.keys()].sort()).toEqual([id.nerd, id.web, id.writer].sort());
    expect(byId.get(id.writer)).toMatchObject({ name: "sidecar", state: "stopped", image, pod: { ...POD, container: "sidecar" } });
    expect(byId.get(id.web)).toMatchObject({ name: "coredns", state: "running", mergedDir: expect.stringMatching(/\/rootfs$/) });
    const web = byId.get(id.web);
    // Imported into two namespaces, the image is unpacked into snapshots of each: its layers are those of a container there.
    const named = contents.images.filter((stored) => stored.names.includes(image));
    expect(named.map((stored) => stored.layers).sort()).toEqual([web?.lower, byId.get(id.nerd)?.lower].sort());
    expect(new Set(named.map((stored) => stored.id))).toEqual(new Set([web?.imageId]));
    // Each layer under the web container sits on the next, as its lowerdir stacks them.
    const idOf = (dir: string | undefined) => contents.layers.find((layer) => layer.dir === dir)?.id;
    const parents = contents.layers.filter((layer) => layer.parent !== undefined);
    expect(parents.find((layer) => layer.id === idOf(web?.upper))?.parent).toBe(idOf(web?.lower[0]));
  });

  it("with the daemon stopped, inspect still names the running containers from their task bundles, with their bytes", async () => {
    daemon().stopDaemon();
    const mounts = await inspectJson();
    const note = inspectWords("en").namedFromFiles("containerd");
    expect(mounts.map((mount) => mount.container).sort((a, b) => (a?.id ?? "").localeCompare(b?.id ?? ""))).toEqual(
      [
        { runtime: "containerd", id: id.nerd, name: "ol-web", image: null, pod: null },
        { runtime: "containerd", id: id.web, name: "coredns", image: null, pod: { ...POD, container: "coredns" } },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const mount of mounts) {
      expect(mount.notes).toEqual([note]);
      expect(mount.upper?.bytes).toBe(totals(mount.upper?.dir ?? "").bytes);
      for (const layer of mount.layers) expect(layer.bytes).toBe(totals(layer.dir).bytes);
    }
    const [web] = await inspectJson(id.web);
    expect(web?.container?.id).toBe(id.web);
    expect((await inspectJson(`${POD.namespace}/${POD.name}`)).map((mount) => mount.container?.id)).toEqual([id.web]);
    const contents = await readStore();
    expect(contents.problems).toHaveLength(1);
    expect(contents.problems[0]).toMatchObject({ kind: "daemon-silent", address: daemon().address });
    // Said to a person in their words, with the database that is not read.
    for (const lang of LANGS) {
      const text = storeProblemText(contents.problems[0] ?? { kind: "symlink", path: "" }, inspectWords(lang));
      expect(text, lang).toContain(daemon().address);
      expect(text, lang).toContain("io.containerd.metadata.v1.bolt/meta.db");
    }
    expect(contents.layers.length).toBe(readdirSync(join(daemon().snapshotter, "snapshots")).length);
    expect(contents.containers.map((container) => container.id).sort()).toEqual([id.nerd, id.web].sort());
    expect(contents.images).toEqual([]);
  });
});
