// inspect --summary --html FILE in a real browser, on this machine's own podman store: an image
// built here and two containers of it, one running and one stopped (other stores, images and
// containers of the machine may be there too: ours are found by name). Chromium opens the page
// from disk and every figure it shows is held to the same run's --summary --json line, in en, zh
// and ja: the totals, the image's disk bytes, shared and its own, its containers, each
// container's writable bytes and state. The treemap zooms into the image (breadcrumb and figures
// follow, a shared layer says so when hovered, zh and ja punctuate in full width), the containers
// sort, nothing is requested, no script fails. Hand-made stores under --root, bad input and the
// terminal's lines: html-report-host-root.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatBytes, formatCount } from "../../src/i18n/format.js";
import { hostWhere, htmlWords } from "../../src/inspect/html/words/index.js";
import type { HostSummary } from "../../src/inspect/summary/model.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import {
  embeddedData,
  expectSelfContained,
  type HostPageData,
  hostTotals,
  openReport,
  readFigures,
  rowNamed,
  tableRows,
} from "../helpers/browser.js";
import { runCli } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { buildBusyboxBase, buildImage, cleanupTestContainersAndImages, podman, podmanEnv, testName } from "../helpers/podman.js";

const LANGS = ["en", "zh", "ja"] as const;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The totals line, the five figures and the tables' rows of ours, against the --json object. */
async function expectHostFigures(page: Page, json: HostSummary, lang: (typeof LANGS)[number], ours: Ours): Promise<void> {
  const w = inspectWords(lang).summary;
  const { totals } = json;
  const counts = [totals.stores, totals.images, totals.containers, totals.running, totals.stopped].map(formatCount);
  const shownTotals = await hostTotals(page);
  expect(shownTotals.counts).toEqual({
    stores: totals.stores,
    images: totals.images,
    containers: totals.containers,
    running: totals.running,
    stopped: totals.stopped,
  });
  const [stores = "", images = "", containers = "", running = "", stopped = ""] = counts;
  expect(shownTotals.text).toBe(
    w.title(hostWhere(json.root, lang), formatBytes(totals.diskBytes), stores, images, containers, running, stopped),
  );
  const { figures } = await readFigures(page);
  const writable = sum(json.containers.map((container) => container.writableDiskBytes));
  expect(figures).toEqual({
    "on-disk": { bytes: totals.diskBytes, text: formatBytes(totals.diskBytes) },
    writable: { bytes: writable, text: formatBytes(writable) },
    "image-hidden": { bytes: totals.imageHiddenBytes, text: formatBytes(totals.imageHiddenBytes) },
    "container-hidden": { bytes: totals.containerHiddenBytes, text: formatBytes(totals.containerHiddenBytes) },
    unused: { bytes: json.unusedLayers.diskBytes, text: formatBytes(json.unusedLayers.diskBytes) },
  });
  const image = json.images.find((at) => at.name === ours.image);
  if (image === undefined) throw new Error(`--json has no image ${ours.image}`);
  const imageRows = await tableRows(page, "images");
  const imageRow = rowNamed(imageRows, ours.image);
  // Of the images as large as ours (the intermediate images podman build --layers keeps), ours, named, comes first.
  expect(imageRows.find((row) => row.diskBytes?.value === String(image.diskBytes))?.name?.value).toBe(ours.image);
  expect(imageRow.diskBytes?.value).toBe(String(image.diskBytes));
  expect(imageRow.diskBytes?.data).toMatchObject({ shared: String(image.sharedDiskBytes), unique: String(image.uniqueDiskBytes) });
  expect(imageRow.diskBytes?.text).toContain(formatBytes(image.diskBytes));
  const split = htmlWords(lang).host.images.split(formatBytes(image.sharedDiskBytes), formatBytes(image.uniqueDiskBytes));
  expect(imageRow.diskBytes?.text).toContain(split);
  expect(image.sharedDiskBytes).toBeGreaterThan(0); // the busybox layer, which the base image holds too
  expect(imageRow.hiddenBytes?.value).toBe(String(image.hiddenBytes));
  expect(JSON.parse(imageRow.containers?.data.names ?? "[]")).toEqual(image.containers);
  expect(image.containers).toEqual(expect.arrayContaining([ours.running, ours.stopped]));
  const containerRows = await tableRows(page, "containers");
  for (const [name, state] of [
    [ours.running, "running"],
    [ours.stopped, "stopped"],
  ] as const) {
    const container = json.containers.find((at) => at.name === name);
    expect(container?.state).toBe(state);
    const row = rowNamed(containerRows, name);
    expect([row.state?.value, row.state?.text]).toEqual([state, w.states[state]]);
    expect(row.writableDiskBytes?.value).toBe(String(container?.writableDiskBytes));
    expect(row.writableDiskBytes?.data.dataBytes).toBe(String(container?.writableBytes));
    expect(row.writableDiskBytes?.text).toBe(formatBytes(container?.writableDiskBytes ?? -1));
    expect(row.hiddenBytes?.value).toBe(String(container?.hiddenBytes));
  }
}

interface Ours {
  image: string;
  base: string;
  running: string;
  stopped: string;
}

/** Zoom into our image through its store, hover its base layer, zoom back out: every figure as --json says. */
async function expectZoomIntoImage(page: Page, data: HostPageData, ours: Ours, lang: (typeof LANGS)[number]): Promise<void> {
  const words = htmlWords(lang);
  const { json, layerMap } = data;
  const imageIndex = json.images.findIndex((image) => image.name === ours.image);
  const image = json.images[imageIndex];
  const storeIndex = layerMap.stores.findIndex((store) => store.images.includes(imageIndex));
  const store = json.stores[storeIndex];
  if (image === undefined || store === undefined) throw new Error("our image or its store is not in the page's data");
  await page.click(`.cell[data-kind="store"][data-store="${storeIndex}"]`, { position: { x: 6, y: 6 } }); // its header
  await page.click(`.cell[data-kind="image"][data-image="${imageIndex}"]`, { position: { x: 6, y: 6 } });
  const zoomed = await readFigures(page);
  expect(zoomed.crumbs).toEqual([
    hostWhere(json.root, lang),
    words.host.names.store(store.runtime, store.root, store.owner),
    `${image.name} ${image.id.slice(0, 12)}`,
  ]);
  // Its layers (those drawn under a larger image that shares them counted apart) and its containers' writable layers.
  const roles = await page.$eval(".zoomed", (line) => ({
    roles: ((line as unknown as { dataset: Record<string, string> }).dataset.roleBytes ?? "").split(",").map(Number),
    elsewhere: Number((line as unknown as { dataset: Record<string, string> }).dataset.elsewhereBytes),
  }));
  const [own = 0, shared = 0, written = 0, unused = 0] = roles.roles;
  expect(own + shared + roles.elsewhere).toBe(image.diskBytes);
  const containers = json.containers.filter((container) => image.containers.includes(container.name));
  expect(written).toBe(sum(containers.map((container) => container.writableDiskBytes)));
  expect(unused).toBe(0);
  expect(zoomed.zoomed.bytes).toBe(own + shared + written);
  expect(zoomed.zoomed.text).toContain(formatBytes(zoomed.zoomed.bytes));
  const drawnContainers = await page.$$eval('.cell[data-kind="container-layer"]', (cells) =>
    cells.map((cell) => Number((cell as unknown as { dataset: Record<string, string> }).dataset.container)),
  );
  for (const name of [ours.running, ours.stopped]) {
    expect(drawnContainers).toContain(json.containers.findIndex((container) => container.name === name));
  }
  // The base layer (#1) is the base image's too: drawn here once, its tooltip says who else holds it.
  const layerCells = page.locator(`.cell[data-kind="layer"][data-image="${imageIndex}"]`);
  expect(await layerCells.count()).toBe(image.layers);
  await layerCells.first().hover();
  const tipLines = await page.$$eval(".tip div", (lines) => lines.map((line) => line.textContent ?? ""));
  const tip = tipLines.join("\n");
  // zh and ja punctuate in full width: no ASCII colon or parenthesis after a word, no space after a full-width one.
  if (lang !== "en") for (const text of [zoomed.zoomed.text, ...tipLines]) expect(text).not.toMatch(/: | \(|） /);
  const base = json.images.find((at) => at.name === ours.base);
  expect(tip).toContain(words.host.tip.layerOf(1, `${image.name} ${image.id.slice(0, 12)}`));
  expect(tip).toContain(words.aside(`${base?.name} ${base?.id.slice(0, 12)}`, "#1"));
  expect(tip).toContain(`/var/lib/containers/storage/overlay/`);
  await page.click(".crumbs button >> nth=0");
  expect((await readFigures(page)).crumbs).toHaveLength(1);
}

/** The containers table sorts by name (A to Z, then Z to A) and by writable bytes (the largest first). */
async function expectContainersSort(page: Page): Promise<void> {
  const column = async (id: string) => (await tableRows(page, "containers")).map((row) => row[id]?.value ?? "");
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const writable = await column("writableDiskBytes");
  expect(writable.map(Number)).toEqual([...writable.map(Number)].sort((a, b) => b - a)); // as drawn first
  await page.click('#containers th[data-column="name"] button');
  const names = await column("name");
  expect(names).toEqual([...names].sort(byText));
  expect(await page.getAttribute('#containers th[data-column="name"]', "aria-sort")).toBe("ascending");
  await page.click('#containers th[data-column="name"] button');
  expect(await column("name")).toEqual([...names].sort(byText).reverse());
  await page.click('#containers th[data-column="writableDiskBytes"] button');
  expect((await column("writableDiskBytes")).map(Number)).toEqual([...writable.map(Number)].sort((a, b) => b - a));
}

describeWith(["root", "podman", "chromium"], "inspect --summary --html on this machine's podman store, in Chromium", () => {
  const ours: Ours = {
    base: `localhost/${testName("host-base")}:latest`,
    image: `localhost/${testName("host-image")}:latest`,
    running: testName("host-running"),
    stopped: testName("host-stopped"),
  };
  const env = podmanEnv();
  let scratch = "";

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "ol-html-host-"));
    buildBusyboxBase(ours.base);
    buildImage(ours.image, `FROM ${ours.base}\nRUN mkdir /data && dd if=/dev/zero of=/data/blob bs=1024 count=8192\nCMD ["sh"]\n`);
    podman(["run", "-d", "--name", ours.running, "--network", "none", ours.image, "sleep", "600"]);
    podman(["exec", ours.running, "dd", "if=/dev/zero", "of=/tmp/new", "bs=1024", "count=1024"]);
    // Runs, writes 2 MiB and exits: a stopped container, its writable layer still on disk.
    podman(["run", "--name", ours.stopped, "--network", "none", ours.image, "dd", "if=/dev/zero", "of=/tmp/s", "bs=1024", "count=2048"]);
  }, 600_000);

  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    podman(["rm", "--force", "--time", "0", ours.running, ours.stopped], { allowFailure: true });
    podman(["rmi", "--force", "--ignore", ours.image, ours.base], { allowFailure: true });
    cleanupTestContainersAndImages();
  }, 300_000);

  it("--summary --json --html: the page embeds the very --json line and shows its figures in en, zh and ja; zooms, sorts, loads nothing", async () => {
    for (const lang of LANGS) {
      const file = join(scratch, `host-${lang}.html`);
      const result = await runCli(["inspect", "--summary", "--json", "--html", file, "--lang", lang], { env, timeoutMs: 180_000 });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split("\n");
      expect(lines).toHaveLength(1); // the --json line alone: no "written" line beside --json
      const json = JSON.parse(lines[0] ?? "") as HostSummary;
      const html = readFileSync(file, "utf8");
      expectSelfContained(html);
      const data = embeddedData(html) as HostPageData;
      expect(data.kind).toBe("host");
      expect(data.json).toEqual(json);
      const opened = await openReport(file, scratch);
      try {
        await expectHostFigures(opened.page, json, lang, ours);
        await expectZoomIntoImage(opened.page, data, ours, lang);
        if (lang === "en") {
          await expectContainersSort(opened.page);
        }
        // The page says the files are not drawn, and where they are.
        expect(await opened.page.textContent("#treemap .no-files")).toBe(htmlWords(lang).host.treemap.noFiles);
        await opened.page.screenshot({ path: join(scratch, `host-${lang}.png`), fullPage: true });
        expect(opened.problems).toEqual([]);
        expect(opened.requests).toEqual([pathToFileURL(file).href]);
      } finally {
        await opened.close();
      }
    }
    expect(readdirSync(scratch).filter((name) => name.endsWith(".png"))).toHaveLength(3);
  }, 300_000);

  it("--summary --html alone: the summary on stdout as a person reads it, then the line naming the file", async () => {
    const file = join(scratch, "host-human.html");
    const result = await runCli(["inspect", "--summary", "--html", file], { env, timeoutMs: 180_000 });
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toContain(ours.stopped);
    expect(result.stdout.trim().split("\n").at(-1)).toBe(htmlWords("en").written(file));
    expect((embeddedData(readFileSync(file, "utf8")) as HostPageData).json.containers.map((c) => c.name)).toContain(ours.running);
  }, 300_000);
});
