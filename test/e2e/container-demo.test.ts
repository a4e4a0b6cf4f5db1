// container-demo end to end on real podman: a busybox-based image built here (no registry), the
// lesson run as a learner runs it, and afterwards podman's containers and the kernel's overlay
// mounts exactly as before. Also --keep then cleanup, the refusals (no runtime, a runtime that does
// not answer, bad --runtime and --image), each one line and exit 2 with nothing created.
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBytes, formatCount } from "../../src/i18n/format.js";
import { en } from "../../src/lessons/container-demo/en.js";
import { ja } from "../../src/lessons/container-demo/ja.js";
import { zh } from "../../src/lessons/container-demo/zh.js";
import { findProgram } from "../../src/sys/host.js";
import { CLI, runCli, summaryOf, useParent } from "../helpers/cli.js";
import {
  BLOB_BYTES,
  buildLessonImage,
  CACHE_BYTES,
  lessonContainerName,
  OS_RELEASE_BYTES,
  ourContainers,
  overlayUppers,
  removeOrphanedLessonContainers,
  stableInventory,
} from "../helpers/container-demo.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { cleanupTestContainersAndImages, podman, podmanEnv, testName, usePodmanEnv } from "../helpers/podman.js";
import { LANG_WIDTHS, squash, Terminal } from "../helpers/tmux.js";

const STEPS = ["start", "graph-driver", "image-layers", "exec-write", "exec-rm", "disk-usage", "remove"];

interface Summary {
  ok: boolean;
  kept: boolean;
  steps: Array<{ id: string; ok: boolean; checks: Array<{ id: string; ok: boolean; expected: string; observed: string }> }>;
  metrics: Record<string, number | string>;
}

describeWith(["root", "podman"], "container-demo on real podman", () => {
  const parent = useParent();
  let image = "";
  const env = (): NodeJS.ProcessEnv => ({ ...podmanEnv() });

  beforeAll(() => {
    usePodmanEnv();
    image = buildLessonImage();
  }, 180_000);
  afterAll(() => {
    removeOrphanedLessonContainers();
    cleanupTestContainersAndImages();
  });

  it("--json: every check holds; podman's containers and the kernel's overlays are as before", async () => {
    const before = stableInventory();
    const result = await runCli(["container-demo", "--runtime", "podman", "--image", image, "--yes", "--json", "--dir", parent()], {
      env: env(),
    });
    expect(result.code, result.stderr).toBe(0);
    const summary = summaryOf(result) as unknown as Summary;
    expect(summary.steps.map((step) => step.id)).toEqual(STEPS);
    const failed = summary.steps.flatMap((step) => step.checks.filter((check) => !check.ok));
    expect(failed).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.steps.flatMap((step) => step.checks).length).toBeGreaterThanOrEqual(20);
    expect(summary.metrics).toMatchObject({ runtime: "podman", image, imageLayers: 3 });
    // What step 5 says the container hides is what step 6 and the summary say: the whiteout's
    // bytes and the copy-up's, and never the cache the image's own `RUN rm` hides.
    const containerHides = BLOB_BYTES + OS_RELEASE_BYTES;
    expect(summary.metrics).toMatchObject({
      containerHiddenBytes: containerHides,
      containerHiddenBytesAfterRm: containerHides,
      imageHiddenBytes: CACHE_BYTES,
    });
    // Exact figures in checks say what they count.
    const check = (id: string) => summary.steps.flatMap((step) => step.checks).find((item) => item.id === id);
    expect(check("hidden-bytes")).toMatchObject({ expected: `${formatCount(BLOB_BYTES)} B`, observed: `${formatCount(BLOB_BYTES)} B` });
    expect(check("container-hides")).toMatchObject({ expected: `${formatCount(containerHides)} B` });
    expect(check("image-stays")).toMatchObject({ expected: `${formatCount(BLOB_BYTES)} B` });
    // The commands a learner sees, whole in JSON (no shortened hashes).
    const commands = result.events.filter((event) => event.type === "command").map((event) => (event.argv as string[]).join(" "));
    expect(commands.some((command) => command.startsWith("podman run -d --name overlay-lesson-"))).toBe(true);
    expect(commands).toContain(`podman exec ${summary.metrics.container} sh -c rm /data/blob`);
    expect(commands.join("\n")).not.toContain("…");
    // podman's containers and images as before; the lesson's container and its mount are gone.
    expect(stableInventory()).toEqual(before);
    const name = lessonContainerName(result.events);
    expect(name).toBe(summary.metrics.container);
    expect(ourContainers().map((container) => container.name)).not.toContain(name);
    const graph = result.events.find((event) => event.type === "command" && event.step === "graph-driver");
    const upper = /UpperDir=(\S+)/.exec(String(graph?.stdout))?.[1];
    expect(upper).toMatch(/^\/var\/lib\/containers\/storage\/overlay\/[0-9a-f]{64}\/diff$/);
    expect(overlayUppers()).not.toContain(upper);
  });

  it.each([
    ["zh", /启动一个容器[\s\S]*whiteout/],
    ["ja", /コンテナを起動する[\s\S]*ホワイトアウト/],
  ])("a human run in %s: every check held, in that language, nothing left", async (lang, words) => {
    const before = stableInventory();
    const result = await runCli(["container-demo", "--runtime", "podman", "--image", image, "--yes", "--lang", lang, "--dir", parent()], {
      env: env(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(words);
    expect(result.stdout).toMatch(/7\/7/);
    expect(result.stdout).not.toContain("✗");
    // Long hashes are shortened on screen.
    expect(result.stdout).toMatch(/overlay\/[0-9a-f]{12}…\/diff/);
    expect(stableInventory()).toEqual(before);
  });

  it("--keep leaves the container running and says how to remove and inspect it; cleanup removes it", async () => {
    const before = stableInventory();
    const result = await runCli(["container-demo", "--runtime", "podman", "--image", image, "--yes", "--keep", "--dir", parent()], {
      env: env(),
    });
    expect(result.code, result.stderr).toBe(0);
    const name = /podman rm -f (overlay-lesson-[0-9a-f]+)/.exec(result.stdout)?.[1] ?? "";
    expect(name).not.toBe("");
    expect(result.stdout).toContain(`overlay-lesson inspect ${name}`);
    expect(podman(["container", "inspect", "--format", "{{.State.Status}}", name]).trim()).toBe("running");
    expect(ourContainers().map((container) => container.name)).toContain(name);

    const cleanup = await runCli(["cleanup", "--dir", parent(), "--json"], { env: env() });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    // A cleanup run by a test beside us may have removed it first; then it is simply gone.
    const mine = cleanup.events.find((event) => event.type === "container" && event.name === name);
    if (mine !== undefined) expect(mine).toMatchObject({ runtime: "podman", action: "removed" });
    expect(cleanup.events.at(-1)).toMatchObject({ type: "summary", ok: true, removed: 1 });
    expect(ourContainers().map((container) => container.name)).not.toContain(name);
    expect(stableInventory()).toEqual(before);
  });

  // A new user read `hidden (under whiteouts and copy-ups) 262144 B` in step 5 (the whiteout
  // alone; step 6 said 262162), `layer 1 of 3 (top)` for the top layer, and du's figures beside
  // the lesson's with nothing to say why they differ. Read on a real terminal, in each language
  // and width: whitespace is dropped before comparing, since a narrow terminal wraps anywhere.
  const WORDS = { en, zh, ja };
  it.for(LANG_WIDTHS)("in %s at %i columns, every figure agrees with the others", async ([lang, columns], context) => {
    skipUnless(context, "tmux");
    const w = WORDS[lang];
    const terminal = new Terminal(
      [process.execPath, CLI, "container-demo", "--runtime", "podman", "--image", image, "--yes", "--lang", lang, "--dir", parent()],
      { ...env(), NO_COLOR: "1" } as Record<string, string>,
      { columns, rows: 50 },
    );
    let screen = "";
    try {
      expect(await terminal.exitCode(90_000)).toBe(0);
      screen = terminal.screen();
    } finally {
      terminal.close();
    }
    const flat = squash(screen);
    const layer = (number: number): string => w.layerName(number, 3);
    // podman history's SIZE (decimal, the layer's tar) is not the lesson's count: it says so.
    expect(flat).toContain(squash(w.layers.historySize("podman")));
    // Build order, as a Dockerfile reads: the base is layer 1, the top (the RUN rm) layer 3.
    const step3 = flat.slice(flat.indexOf(squash(w.layers.order)));
    expect(step3.indexOf(squash(layer(1)))).toBeLessThan(step3.indexOf(squash(layer(2))));
    expect(step3.indexOf(squash(layer(2)))).toBeLessThan(step3.indexOf(squash(layer(3))));
    expect(flat).toContain(squash(w.layers.planned("/etc/os-release", formatBytes(OS_RELEASE_BYTES), layer(2))));
    expect(flat).toContain(squash(w.layers.planned("/data/blob", formatBytes(BLOB_BYTES), layer(2))));
    // Step 5: the whiteout's share and the container's total, which step 6 repeats.
    const hides = BLOB_BYTES + OS_RELEASE_BYTES;
    const parts = w.delete.hidesParts(formatBytes(BLOB_BYTES), formatBytes(OS_RELEASE_BYTES));
    expect(flat).toContain(squash(`${w.delete.containerHides} ${formatBytes(hides)} = ${parts}`));
    expect(flat).toContain(squash(`${w.usage.containerHidden} ${formatBytes(hides)}`));
    expect(flat).toContain(squash(`${w.usage.imageHidden} ${formatBytes(CACHE_BYTES)}`));
    // Step 6: who hides each file, the image's own later step or the container.
    for (const item of [
      w.usage.item("/data/cache.tar", formatBytes(CACHE_BYTES), layer(2), w.usage.byImage.whiteout(layer(3))),
      w.usage.item("/data/blob", formatBytes(BLOB_BYTES), layer(2), w.usage.byContainer.whiteout),
      w.usage.item("/etc/os-release", formatBytes(OS_RELEASE_BYTES), layer(2), w.usage.byContainer["newer-copy"]),
    ]) {
      expect(flat).toContain(squash(item));
    }
    // Every figure du printed is split into files, directories and links on screen, and what
    // `podman ps --size` printed is the sum the lesson gives for it.
    // A row of output too wide for the terminal goes on in rows marked ↪: made one row again.
    const unwrapped = screen.replace(/\n\s+↪ /g, "");
    const duFigures = [...unwrapped.matchAll(/^\s+(\d+)\s*\/var\/lib\/containers\/storage\/overlay\/\S+$/gm)].map((match) =>
      Number(match[1]),
    );
    expect(duFigures.length).toBeGreaterThanOrEqual(5);
    for (const figure of duFigures) expect(flat).toContain(`${formatCount(figure)}B=`);
    const psSize = /overlay-lesson-[0-9a-f]+\s*(\d+)B \(virtual/.exec(unwrapped)?.[1];
    expect(psSize).toBeDefined();
    expect(flat).toContain(`=${formatCount(Number(psSize))}B`);
  });

  describe("refusals: exit 2, one line, nothing created", () => {
    const refuse = async (args: string[], environment: NodeJS.ProcessEnv, pattern: RegExp): Promise<void> => {
      const before = stableInventory();
      const result = await runCli(["container-demo", "--dir", parent(), ...args], { env: { ...env(), ...environment } });
      expect(result.code, result.stderr).toBe(2);
      const lines = result.stderr.trim().split("\n");
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(readdirSync(parent())).toEqual([]);
      expect(stableInventory()).toEqual(before);
    };

    it("no docker and no podman on PATH: how to install one", async () => {
      // A PATH with the programs a lesson needs but neither runtime (/usr/local/bin/docker exists here).
      const bin = mkdtempSync(join(tmpdir(), "ol-test-bin-"));
      try {
        for (const program of ["mount", "umount", "findmnt", "stat", "dd", "md5sum", "du", "sync", "find", "ls", "cat", "head"]) {
          const found = findProgram(program);
          if (found !== undefined) symlinkSync(found, join(bin, program));
        }
        await refuse(["--json"], { PATH: bin }, /neither docker nor podman.*install podman/);
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });

    it("--runtime docker with no daemon: start it, or use podman", async () => {
      await refuse(["--runtime", "docker", "--json"], {}, /docker is installed, but its daemon does not answer: start the daemon/);
    });

    it.each([
      [["--runtime", "rkt"], /--runtime rkt: choose docker or podman/],
      [["--image", "Bad Image!"], /--image "Bad Image!": not an image name/],
      [["--image", "Alpine:Latest:x"], /--image "Alpine:Latest:x": not an image name/],
    ])("%j", async (args, pattern) => {
      await refuse(args, {}, pattern);
    });

    it("an image podman cannot find or pull: names --image and the images here", async () => {
      const absent = testName("absent");
      await refuse(
        ["--runtime", "podman", "--image", absent, "--json"],
        {},
        new RegExp(`--image ${absent}: podman cannot find or pull it .*Images here: \\S`),
      );
    });
  });
});
