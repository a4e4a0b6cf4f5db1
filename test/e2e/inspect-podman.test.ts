// inspect on a real podman container: an image built with real layers (a file made, then
// removed by a later RUN; a directory removed and made again), a container that copies up, adds
// and deletes. inspect must name it, list podman's own LowerDir (top first) and UpperDir, and
// give every change and both hidden totals as find(1) and the kernel's own views count them,
// without changing a byte, a time or an entry in any layer.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import {
  expectedChanges,
  hasOpaqueXattr,
  inspected,
  JSON_FIELDS,
  mountImageView,
  snapshot,
  totals,
  unmountIfMounted,
  wrappedByTerminal,
} from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { buildBusyboxBase, buildImage, cleanupTestContainersAndImages, podman, podmanEnv, testName } from "../helpers/podman.js";
import { Terminal } from "../helpers/tmux.js";

const CONTAINERFILE = (base: string) => `FROM ${base}
RUN mkdir -p /data/cache /keep && dd if=/dev/zero of=/data/big bs=1024 count=300 && for i in 1 2 3; do dd if=/dev/zero of=/data/cache/c$i bs=1024 count=20; done && dd if=/dev/zero of=/keep/a bs=1024 count=5 && echo hello > /etc/motd
RUN rm /data/big
RUN rm -rf /data/cache && mkdir /data/cache && echo fresh > /data/cache/fresh
`;

const LANGS = ["en", "zh", "ja"] as const;

/** The verdict on the container below: /data/big (300 KiB) removed by the step of layer #3. */
const VERDICT = {
  en: "360 KiB of the image is hidden by its own layers: see the step that made layer #3, which removes /data/big",
  zh: "镜像自身的层遮住了 360 KiB：请看生成 #3 层的那一步，它删除了 /data/big",
  ja: "イメージ自身のレイヤーが 360 KiB を隠しています：レイヤー #3 を作ったステップが /data/big を削除しています",
} as const;

const byPath = <T extends { path: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

describeWith(["root", "podman"], "inspect on a real podman container", () => {
  const base = `localhost/${testName("inspect-base")}`;
  const image = `localhost/${testName("inspect-layers")}`;
  const name = testName("inspect-web");
  let scratch = "";
  let imageView = "";

  beforeAll(() => {
    buildBusyboxBase(base);
    buildImage(image, CONTAINERFILE(base));
    podman(["run", "-d", "--name", name, "--network", "none", image, "sleep", "600"]);
    const exec = (script: string) => podman(["exec", name, "sh", "-c", script]);
    exec("echo more >> /etc/motd"); // copy-up of a file from the first RUN
    exec("echo x >> /keep/a"); // copy-up of 5 KiB
    exec("dd if=/dev/zero of=/tmp/new bs=1024 count=50"); // added
    exec("rm /etc/ol-release"); // deleted: a file from the base
    exec("rm -rf /data/cache"); // deleted: a directory the last RUN re-made
    exec("rm -rf /keep && mkdir /keep && echo k > /keep/b"); // opaque: hides the copied-up /keep/a's original
  }, 600_000);

  afterEach(() => {
    if (imageView !== "") unmountIfMounted(imageView);
  });

  afterAll(() => {
    if (imageView !== "") unmountIfMounted(imageView);
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    podman(["rm", "--force", "--time", "0", name], { allowFailure: true });
    podman(["rmi", "--force", "--ignore", image, base], { allowFailure: true });
    cleanupTestContainersAndImages();
  }, 300_000);

  it("names the container, lists podman's own layer dirs, and counts every byte as find and the kernel do", async () => {
    const lowerDir = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.LowerDir}}", name]).trim();
    const upperDir = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", name]).trim();
    const id = podman(["container", "inspect", "--format", "{{.Id}}", name]).trim();
    const lowers = lowerDir.split(":");
    expect(lowers.length).toBeGreaterThanOrEqual(4); // base + three RUNs

    const before = snapshot([...lowers, upperDir]);
    const result = await runCli(["inspect", name, "--json"], { env: podmanEnv(), timeoutMs: 180_000 });
    const after = snapshot([...lowers, upperDir]);
    expect(after).toEqual(before);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [report, ...others] = inspected(result);
    expect(others).toEqual([]);
    if (report === undefined) return;
    expect(Object.keys(report).sort()).toEqual(JSON_FIELDS);
    // The image as podman ran it; a podman container is in no Kubernetes pod.
    expect(report.container).toEqual({ runtime: "podman", id, name, image: `${image}:latest`, pod: null });
    expect(report.layers.map((layer) => layer.dir)).toEqual(lowers);
    expect(report.upper?.dir).toBe(upperDir);
    // Top first, as podman's LowerDir lists them, numbered in build order (the base is #1).
    expect(report.layers).toEqual(lowers.map((dir, index) => ({ dir, number: lowers.length - index, ...totals(dir) })));
    expect(report.upper?.bytes).toBe(totals(upperDir).bytes);

    scratch = mkdtempSync(join(tmpdir(), "ol-inspect-podman-"));
    imageView = join(scratch, "image");
    mkdirSync(imageView);
    mountImageView(lowers, imageView);
    const merged = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.MergedDir}}", name]).trim();
    expect(report.mountPoint).toBe(merged);
    const lowerBytes = lowers.reduce((sum, dir) => sum + totals(dir).bytes, 0);
    const imageVisible = totals(imageView).bytes;
    expect(report.imageHiddenBytes).toBe(lowerBytes - imageVisible);
    expect(report.containerHiddenBytes).toBe(imageVisible - (totals(merged).bytes - totals(upperDir).bytes));
    // By hand: the RUN rm'd /data/big (300 KiB) and /data/cache's three 20 KiB files.
    expect(report.imageHiddenBytes).toBe(300 * 1024 + 3 * 20 * 1024);
    // The container: motd's 6 bytes, /keep/a's 5 KiB (under the opaque /keep), ol-release, /data/cache/fresh's 6.
    expect(report.containerHiddenBytes).toBe(6 + 5 * 1024 + "overlay-lesson busybox base\n".length + 6);
    expect(byPath(report.changes)).toEqual(expectedChanges(upperDir, imageView, (path) => hasOpaqueXattr(join(upperDir, path))));
    expect(report.changes).toContainEqual({ path: "/data/cache", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 6 });
    expect(report.changes).toContainEqual({ path: "/keep", kind: "opaque", bytes: 0, diskBytes: 0, hiddenBytes: 5 * 1024 });
    const written = { path: "/tmp/new", kind: "added", bytes: 50 * 1024, diskBytes: expect.any(Number), hiddenBytes: 0 };
    expect(report.changes).toContainEqual(written);
    expect(report.changes.find((change) => change.path === "/tmp/new")?.diskBytes).toBeGreaterThanOrEqual(50 * 1024);
    expect(report.hidden[0]).toMatchObject({ path: "/data/big", bytes: 300 * 1024, cause: "whiteout", scope: "image" });
    expect(report.notes).toEqual([]);
  });

  it("finds the same container with no TARGET, and by its mount point", async () => {
    const merged = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.MergedDir}}", name]).trim();
    for (const args of [
      ["inspect", "--json"],
      ["inspect", merged, "--json"],
    ]) {
      const result = await runCli(args, { env: podmanEnv(), timeoutMs: 180_000 });
      const report = inspected(result).find((mount) => mount.mountPoint === merged);
      expect(report?.container?.name).toBe(name);
    }
    const human = await runCli(["inspect", name], { env: podmanEnv(), timeoutMs: 180_000 });
    expect(human.stdout).toContain(`container ${name} (podman,`);
    expect(human.stdout).toContain(`, image ${image}:latest\n`);
  });

  it.each(LANGS)("numbers layers as inspect --image does; with --top 0 the verdict still names the step's layer (%s)", async (lang) => {
    const env = podmanEnv();
    const steps = JSON.parse((await runCli(["inspect", "--image", image, "--json"], { env, timeoutMs: 180_000 })).stdout) as {
      layers: Array<{ number: number; createdBy: string | null }>;
    };
    // The step that hid the largest bytes (300 KiB of /data/big) made the layer inspect --image numbers so.
    const rm = steps.layers.find((layer) => layer.createdBy === "/bin/sh -c rm /data/big");
    expect(rm?.number).toBe(3);
    const [mount] = inspected(await runCli(["inspect", name, "--json"], { env, timeoutMs: 180_000 }));
    expect(mount?.layers.map((layer) => layer.number)).toEqual(steps.layers.map((layer) => layer.number));
    expect(mount?.hidden[0]).toMatchObject({ path: "/data/big", layerNumber: 2, hiddenByLayerNumber: 3 });
    const result = await runCli(["inspect", name, "--top", "0", "--lang", lang], { env, timeoutMs: 180_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(VERDICT[lang]);
  });

  describeWith(["tmux"], "in a real terminal", () => {
    it.each([60, 80, 100].flatMap((columns) => LANGS.map((lang) => [columns, lang] as const)))(
      "inspect NAME and inspect --image fit %i columns in %s, ids shortened",
      async (columns, lang) => {
        for (const args of [
          [name, "--top", "3"],
          ["--image", image],
        ]) {
          const argv = [process.execPath, CLI, "inspect", ...args, "--lang", lang];
          const terminal = new Terminal(argv, { ...podmanEnv(), NO_COLOR: "1", LANG: "C.UTF-8" }, { columns, rows: 60 });
          try {
            expect(await terminal.exitCode(180_000)).toBe(0);
            expect(wrappedByTerminal(terminal), args.join(" ")).toEqual([]);
            const screen = terminal.screen();
            expect(screen).not.toMatch(/[0-9a-f]{13}/);
            expect(screen).toMatch(/[0-9a-f]{12}…/);
          } finally {
            terminal.close();
          }
        }
      },
      300_000,
    );
  });
});
