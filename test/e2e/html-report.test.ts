// inspect --html FILE in a real browser: Debian's Chromium opens the report from disk, and every
// figure it shows is held to the same run's --json (hidden bytes, the largest hidden item and the
// step or layer that hid it, each layer's bytes and what became of them); a click zooms the
// treemap into a layer (breadcrumb and figures follow), the hidden items sort by bytes and by
// path, the page makes no request but for its own file, a hostile file name stays text, and a
// screenshot is taken. On a kernel-made stack and on a podman image and container built here.
// Also: bad --html input is one line, exit 2, and nothing written.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatBytes } from "../../src/i18n/format.js";
import type { JsonImageReport } from "../../src/inspect/image/json.js";
import { expectSelfContained, openReport, readFigures, tableColumn } from "../helpers/browser.js";
import { CLI, runCli } from "../helpers/cli.js";
import { type InspectedMount, inspected, kernelStackDirs, makeKernelStack, wrappedByTerminal, writeBytes } from "../helpers/inspect.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { buildBusyboxBase, buildImage, cleanupTestContainersAndImages, podman, podmanEnv, testName } from "../helpers/podman.js";
import { Terminal } from "../helpers/tmux.js";

const HOSTILE = "<img src=x onerror=alert(1)>";
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The file holds everything it needs, and the hostile name only in its data, escaped. */
function expectSelfContainedReport(html: string): void {
  expectSelfContained(html);
  expect(html).not.toContain(HOSTILE);
}

/** A mount's page against its --json line: every figure, the largest item, each layer's bar. */
async function expectMountPage(file: string, json: InspectedMount, scratch: string): Promise<void> {
  const opened = await openReport(file, scratch);
  try {
    const { page } = opened;
    const shown = await readFigures(page);
    expect(shown.figures["image-hidden"]).toEqual({ bytes: json.imageHiddenBytes, text: formatBytes(json.imageHiddenBytes) });
    expect(shown.figures["container-hidden"]).toEqual({ bytes: json.containerHiddenBytes, text: formatBytes(json.containerHiddenBytes) });
    expect(shown.figures.written?.bytes).toBe(json.upper?.bytes);
    const largest = json.hidden[0];
    expect(shown.largest).toContain(formatBytes(largest?.bytes ?? 0));
    expect(shown.largest).toContain(largest?.path);
    expect(shown.largest).toContain(`#${largest?.hiddenByLayerNumber ?? ""}`);
    // Build order, the base first, the container's layer last; each bar's fates add up to its bytes.
    expect(shown.layers.map((layer) => layer.layer)).toEqual([...json.layers.map((layer) => String(layer.number)).reverse(), "upper"]);
    for (const [index, layer] of [...json.layers].reverse().entries()) {
      expect(shown.layers[index]?.bytes).toBe(layer.bytes);
      expect(sum(shown.layers[index]?.fateBytes ?? [])).toBe(layer.bytes);
    }
    const fate = (index: number) => sum(shown.layers.map((layer) => layer.fateBytes[index] ?? 0));
    expect([fate(1), fate(2), fate(3)]).toEqual([json.imageHiddenBytes, json.containerHiddenBytes, json.upper?.bytes]);
    // Zoom into the base layer: the breadcrumb names it, the figures are its own.
    const base = json.layers.at(-1);
    await page.click(`.cell[data-kind="layer"][data-layer="${base?.number}"]`, { position: { x: 6, y: 6 } }); // its header
    const zoomed = await readFigures(page);
    expect(zoomed.crumbs.at(-1)).toBe(`#${base?.number} ${base?.dir}`);
    expect(zoomed.crumbs).toHaveLength(3); // store › overlay › layer
    expect(zoomed.zoomed.bytes).toBe(base?.bytes);
    expect(zoomed.zoomed.text).toContain(formatBytes(base?.bytes ?? 0));
    expect(zoomed.cells.some((cell) => cell.text === HOSTILE)).toBe(true); // drawn, as text
    await page.click(".crumbs button >> nth=1");
    expect((await readFigures(page)).crumbs).toHaveLength(2);
    // The hidden items: largest first, then by path (A to Z), then by bytes again.
    const bytes = json.hidden.map((item) => String(item.bytes));
    expect(await tableColumn(page, "bytes")).toEqual(bytes);
    await page.click('#hidden th[data-column="path"] button');
    const paths = await tableColumn(page, "path");
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await page.click('#hidden th[data-column="bytes"] button');
    expect(await tableColumn(page, "bytes")).toEqual(bytes);
    expect(await page.$$eval("img, iframe, object, embed", (found) => found.length)).toBe(0);
    await page.screenshot({ path: join(scratch, "mount.png"), fullPage: true });
    expect(opened.problems).toEqual([]);
    expect(opened.requests).toEqual([pathToFileURL(file).href]);
  } finally {
    await opened.close();
  }
}

describeWith(["root", "chromium"], "inspect --html on a kernel-made stack, in Chromium", () => {
  const { parent, mounts } = kernelStackDirs("ol-html-");

  it("shows the --json figures in every language, zooms into a layer, sorts, loads nothing, and keeps a hostile name as text", async () => {
    const stack = makeKernelStack(parent(), mounts);
    writeBytes(join(stack.bottom, HOSTILE), 4000); // a stranger's name, seen by the container
    const json = await runCli(["inspect", stack.merged, "--json"]);
    expect(json.code).toBe(0);
    const [line] = inspected(json);
    if (line === undefined) throw new Error("no --json line");
    for (const lang of ["en", "zh", "ja"]) {
      const file = join(parent(), `report-${lang}.html`);
      const result = await runCli(["inspect", stack.merged, "--html", file, "--lang", lang]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split("\n").at(-1)).toContain(file);
      expectSelfContainedReport(readFileSync(file, "utf8"));
      await expectMountPage(file, line, parent());
    }
  });

  it.for([60, 80, 100].flatMap((columns) => ["en", "zh", "ja"].map((lang) => [columns, lang] as const)))(
    "in a terminal of %i columns, in %s, the line naming the file fits (a long path breaks after a /)",
    async ([columns, lang], context) => {
      skipUnless(context, "tmux");
      const stack = makeKernelStack(parent(), mounts);
      const dir = join(parent(), "a directory with a long name for the report", "and another below it");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `report-${lang}.html`);
      const terminal = new Terminal(
        [process.execPath, CLI, "inspect", stack.merged, "--html", file, "--lang", lang],
        { NO_COLOR: "1" },
        { columns },
      );
      try {
        expect(await terminal.exitCode(60_000)).toBe(0);
        expect(wrappedByTerminal(terminal)).toEqual([]);
        // The line names the whole path, over as many rows as it takes.
        const rows = terminal.screen().split("\n");
        const at = rows.findIndex((row) => /HTML/.test(row));
        const exit = rows.findIndex((row) => row.startsWith("EXIT="));
        expect(rows.slice(at, exit).join("").replaceAll(" ", "")).toContain(file.replaceAll(" ", ""));
      } finally {
        terminal.close();
      }
    },
  );

  it("writes the same --json line to stdout with --json --html, and the page embeds it", async () => {
    const stack = makeKernelStack(parent(), mounts);
    const file = join(parent(), "r.html");
    const result = await runCli(["inspect", stack.merged, "--json", "--html", file]);
    expect(result.code).toBe(0);
    expect(inspected(result)).toHaveLength(1);
    const data = /<script id="report-data" type="application\/json">(.*)<\/script>/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
    expect(JSON.parse(data).mounts[0].json).toEqual(inspected(result)[0]);
  });
});

const CONTAINERFILE = (base: string) => `FROM ${base}
RUN mkdir -p /data/cache && dd if=/dev/zero of=/data/cache/blob bs=1024 count=2048 && dd if=/dev/zero of=/data/tmpfile bs=1024 count=1024
RUN rm /data/tmpfile
RUN rm -rf /data/cache && mkdir /data/cache && echo fresh > /data/cache/fresh
CMD ["sh"]
`;

describeWith(["root", "podman", "chromium"], "inspect --html on a podman image and container, in Chromium", () => {
  const base = `localhost/${testName("html-base")}`;
  const image = `localhost/${testName("html-image")}`;
  const name = testName("html-web");
  const env = podmanEnv();
  let scratch = "";

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "ol-html-podman-"));
    buildBusyboxBase(base);
    buildImage(image, CONTAINERFILE(base));
    podman(["run", "-d", "--name", name, "--network", "none", image, "sleep", "600"]);
    podman(["exec", name, "sh", "-c", "rm /etc/ol-release && dd if=/dev/zero of=/tmp/new bs=1024 count=50"]);
  }, 600_000);

  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    podman(["rm", "--force", "--time", "0", name], { allowFailure: true });
    podman(["rmi", "--force", "--ignore", image, base], { allowFailure: true });
    cleanupTestContainersAndImages();
  }, 300_000);

  it("an image: its hidden bytes and the step that hid the largest item, as --json says; --ci still exits by the gate", async () => {
    const json = await runCli(["inspect", "--image", image, "--json"], { env, timeoutMs: 180_000 });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as JsonImageReport;
    const file = join(scratch, "image.html");
    const gated = await runCli(["inspect", "--image", image, "--html", file, "--ci", "--max-hidden", "1MiB", "--lang", "ja"], {
      env,
      timeoutMs: 180_000,
    });
    expect(gated.code).toBe(1); // 3 MiB hidden: the gate is crossed, and the report is written all the same
    expect(gated.stderr).toContain("--max-hidden");
    expectSelfContainedReport(readFileSync(file, "utf8"));
    const opened = await openReport(file, scratch);
    try {
      const shown = await readFigures(opened.page);
      expect(shown.figures["image-hidden"]).toEqual({ bytes: report.imageHiddenBytes, text: formatBytes(report.imageHiddenBytes) });
      expect(shown.figures["on-disk"]?.bytes).toBe(report.bytes);
      expect(shown.figures.seen?.bytes).toBe(report.visibleBytes);
      const [largest] = report.hidden;
      expect(largest?.hiddenBy).toContain("rm -rf /data/cache");
      expect(shown.largest).toContain(formatBytes(largest?.bytes ?? 0));
      expect(shown.largest).toContain("rm -rf /data/cache");
      expect(shown.largest).toContain(`#${largest?.hiddenByLayerNumber}`);
      // Each bar: the layer's bytes, what a container still sees of them and what later layers hide, as --json has them.
      const layers = [...report.layers].reverse();
      expect(shown.layers.map((layer) => [layer.layer, layer.bytes, layer.fateBytes[0], layer.fateBytes[1]])).toEqual(
        layers.map((layer) => [String(layer.number), layer.bytes, layer.visibleBytes, layer.hiddenBytes]),
      );
      const dd = layers.findIndex((layer) => layer.createdBy?.includes("dd if=/dev/zero") === true);
      await opened.page.click(`.bar-label >> nth=${dd}`);
      const zoomed = await readFigures(opened.page);
      expect(zoomed.zoomed.bytes).toBe(layers[dd]?.bytes);
      expect(zoomed.crumbs.at(-1)).toMatch(new RegExp(`^#${layers[dd]?.number} RUN mkdir -p /data/cache`));
      await opened.page.screenshot({ path: join(scratch, "image.png"), fullPage: true });
      expect(opened.problems).toEqual([]);
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await opened.close();
    }
  });

  it("a container: its figures as --json says", async () => {
    const json = await runCli(["inspect", name, "--json"], { env });
    const [line] = inspected(json);
    if (line === undefined) throw new Error(`no --json line: ${json.stderr}`);
    const file = join(scratch, "container.html");
    const result = await runCli(["inspect", name, "--html", file, "--lang", "zh"], { env });
    expect(result.code).toBe(0);
    const opened = await openReport(file, scratch);
    try {
      const shown = await readFigures(opened.page);
      expect(shown.figures["container-hidden"]?.bytes).toBe(line.containerHiddenBytes);
      expect(shown.figures["image-hidden"]?.bytes).toBe(line.imageHiddenBytes);
      expect(shown.figures.written?.bytes).toBe(line.upper?.bytes);
      expect(shown.largest).toContain(line.hidden[0]?.path);
      expect(shown.layers.map((layer) => layer.bytes)).toEqual([...line.layers.map((layer) => layer.bytes).reverse(), line.upper?.bytes]);
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("--html refuses what it cannot write to, before reading anything", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ol-html-input-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["a directory", (d: string) => d, /not a regular file/],
    ["a path in a missing directory", (d: string) => join(d, "missing", "r.html"), /directory does not exist/],
    [
      "a symlink",
      (d: string) => {
        writeFileSync(join(d, "target"), "keep");
        symlinkSync(join(d, "target"), join(d, "link.html"));
        return join(d, "link.html");
      },
      /not a regular file/,
    ],
  ])("%s: one line, exit 2, nothing written", async (_, path, message) => {
    const target = path(dir);
    mkdirSync(join(dir, "sub"));
    const before = readdirSync(dir).sort();
    const result = await runCli(["inspect", "/", "--html", target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
    expect(readdirSync(dir).sort()).toEqual(before);
    if (before.includes("target")) expect(readFileSync(join(dir, "target"), "utf8")).toBe("keep");
  });

  it("without a value, or without a TARGET or --image: one line, exit 2", async () => {
    for (const args of [
      ["inspect", "/", "--html"],
      ["inspect", "--html", join(dir, "r.html")],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
