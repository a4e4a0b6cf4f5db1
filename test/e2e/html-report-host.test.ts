// inspect --summary --html FILE in a real browser: on this machine's own podman store (an image
// built here, a container of it running and one stopped; other stores, images and containers of
// the machine may be there too, ours are found by name), Chromium opens the page from disk and
// every figure it shows is held to the same run's --summary --json line, in en, zh and ja: the
// totals, the image's disk bytes, shared and its own, its containers, each container's writable
// bytes and state. The treemap zooms into the image (breadcrumb and figures follow, a shared layer
// says so when hovered), the containers sort, nothing is requested, no script fails. On a
// hand-made store under --root, hostile image and container names stay text. Bad --html input
// beside --summary is one line, exit 2, and nothing written; the line naming the file fits a
// terminal of 60, 80 and 100 columns.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatBytes, formatCount } from "../../src/i18n/format.js";
import { hostWhere, htmlWords } from "../../src/inspect/html/words/index.js";
import type { HostLayerMap } from "../../src/inspect/summary/layer-map.js";
import type { HostSummary } from "../../src/inspect/summary/model.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { embeddedData, hostTotals, openReport, readFigures, type TableRow, tableRows } from "../helpers/browser.js";
import { CLI, runCli } from "../helpers/cli.js";
import { wrappedByTerminal } from "../helpers/inspect.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { buildBusyboxBase, buildImage, cleanupTestContainersAndImages, podman, podmanEnv, testName } from "../helpers/podman.js";
import { Terminal } from "../helpers/tmux.js";

const LANGS = ["en", "zh", "ja"] as const;
const HOSTILE_IMAGE = "localhost/<img src=x onerror=alert(1)>:latest";
const HOSTILE_CONTAINER = "<b>web</b><img src=x onerror=alert(2)>";
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface HostPageData {
  kind: string;
  json: HostSummary;
  layerMap: HostLayerMap;
}

/** The file loads nothing: a policy that lets nothing load, and no element or attribute that would. */
function expectSelfContained(html: string): void {
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
  expect(markup).not.toMatch(/<(?:link|img|iframe|object|embed|base)\b/i);
  expect(markup).not.toMatch(/\s(?:src|href)=/i);
  expect(html).not.toMatch(/<script[^>]+src=/i);
}

function rowNamed(rows: readonly TableRow[], name: string): TableRow {
  const row = rows.find((at) => at.name?.value === name);
  if (row === undefined) throw new Error(`no row named ${name} in ${rows.map((at) => at.name?.value).join(", ")}`);
  return row;
}

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

const id = (letter: string) => letter.repeat(64);

/** A containers-storage store under `root` made by hand: one image of two layers named HOSTILE_IMAGE, one stopped container HOSTILE_CONTAINER. */
function makeHostileStore(root: string): void {
  const store = join(root, "var/lib/containers/storage");
  const [base, top, upper] = [id("a"), id("b"), id("c")];
  for (const layer of [base, top, upper]) mkdirSync(join(store, "overlay", layer, "diff"), { recursive: true });
  mkdirSync(join(store, "overlay/l"));
  writeFileSync(join(store, "overlay", base, "diff/base.bin"), Buffer.alloc(300_000, 1));
  writeFileSync(join(store, "overlay", top, "diff/<img src=x onerror=alert(3)>"), Buffer.alloc(100_000, 2));
  writeFileSync(join(store, "overlay", upper, "diff/w.bin"), Buffer.alloc(50_000, 3));
  const json = (path: string, value: unknown) => {
    mkdirSync(join(store, path, ".."), { recursive: true });
    writeFileSync(join(store, path), JSON.stringify(value));
  };
  json("overlay-layers/layers.json", [{ id: base }, { id: top, parent: base }, { id: upper, parent: top }]);
  json("overlay-images/images.json", [{ id: id("d"), names: [HOSTILE_IMAGE], layer: top }]);
  const metadata = JSON.stringify({ "image-name": HOSTILE_IMAGE, name: HOSTILE_CONTAINER });
  json("overlay-containers/containers.json", [{ id: id("e"), names: [HOSTILE_CONTAINER], image: id("d"), layer: upper, metadata }]);
}

describeWith(["root", "chromium"], "inspect --root DIR --summary --html on a hand-made store with hostile names, in Chromium", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ol-html-host-root-"));
    makeHostileStore(join(dir, "disk"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("draws a hostile image name and container name as text, runs nothing, and says where the stores were read", async () => {
    const file = join(dir, "host.html");
    const result = await runCli(["inspect", "--root", join(dir, "disk"), "--summary", "--json", "--html", file, "--lang", "zh"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const json = JSON.parse(result.stdout) as HostSummary;
    expect(json.images.map((image) => image.name)).toEqual([HOSTILE_IMAGE]);
    expect(json.containers.map((container) => [container.name, container.state])).toEqual([[HOSTILE_CONTAINER, "stopped"]]);
    const html = readFileSync(file, "utf8");
    expectSelfContained(html);
    expect(html).not.toContain("<img src=x"); // in the data, escaped; nowhere as markup
    expect((embeddedData(html) as HostPageData).json).toEqual(json);
    const opened = await openReport(file, dir);
    try {
      const { page } = opened;
      expect(await page.title()).toBe(htmlWords("zh").pageTitleHost(hostWhere(json.root, "zh")));
      expect(rowNamed(await tableRows(page, "images"), HOSTILE_IMAGE).containers?.text).toBe(HOSTILE_CONTAINER);
      expect(rowNamed(await tableRows(page, "containers"), HOSTILE_CONTAINER).image?.text).toBe(HOSTILE_IMAGE);
      await page.click('.cell[data-kind="store"]', { position: { x: 6, y: 6 } });
      const cells = (await readFigures(page)).cells.map((cell) => cell.text);
      expect(cells.some((text) => text.startsWith(`${HOSTILE_IMAGE} dddddddddddd`))).toBe(true);
      expect(cells).toContain(htmlWords("zh").host.names.writable(HOSTILE_CONTAINER));
      expect(await page.$$eval("img, iframe, object, embed, b", (found) => found.length)).toBe(0);
      // One image, sharing nothing: its hidden total is its own, with no note about adding up.
      expect(await page.textContent("#figure-image-hidden")).not.toContain(htmlWords("zh").host.figures.imageHiddenAdded);
      expect(opened.problems).toEqual([]); // no alert() dialog, no script error
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await opened.close();
    }
  });

  it("two images of the same layers, one hiding a file of the other: the hidden total says it adds each image's figure up", async () => {
    const store = join(dir, "twins/var/lib/containers/storage");
    const [base, top] = [id("a"), id("b")];
    for (const layer of [base, top]) mkdirSync(join(store, "overlay", layer, "diff"), { recursive: true });
    mkdirSync(join(store, "overlay/l"));
    writeFileSync(join(store, "overlay", base, "diff/big.bin"), Buffer.alloc(300_000, 1));
    execFileSync("mknod", [join(store, "overlay", top, "diff/big.bin"), "c", "0", "0"]); // a whiteout: RUN rm big.bin
    mkdirSync(join(store, "overlay-layers"));
    mkdirSync(join(store, "overlay-images"));
    writeFileSync(join(store, "overlay-layers/layers.json"), JSON.stringify([{ id: base }, { id: top, parent: base }]));
    const images = [id("d"), id("f")].map((image, index) => ({ id: image, names: [`localhost/twin${index}:latest`], layer: top }));
    writeFileSync(join(store, "overlay-images/images.json"), JSON.stringify(images));
    const file = join(dir, "twins.html");
    const result = await runCli(["inspect", "--root", join(dir, "twins"), "--summary", "--json", "--html", file, "--lang", "ja"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const json = JSON.parse(result.stdout) as HostSummary;
    expect(json.images.map((image) => image.hiddenBytes)).toEqual([300_000, 300_000]);
    expect(json.totals.imageHiddenBytes).toBeGreaterThan(json.totals.bytes); // each image's figure added up
    const opened = await openReport(file, dir);
    try {
      const figure = await opened.page.textContent("#figure-image-hidden");
      expect(figure).toContain(formatBytes(json.totals.imageHiddenBytes));
      expect(figure).toContain(htmlWords("ja").host.figures.imageHiddenAdded);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("a vfs store: flagged beside its driver with the reason, in the table and in the store's tooltip", async () => {
    const store = join(dir, "vfs/var/lib/containers/storage");
    mkdirSync(join(store, "vfs/dir", id("a")), { recursive: true });
    writeFileSync(join(store, "vfs/dir", id("a"), "f"), Buffer.alloc(200_000, 1));
    for (const what of ["layers", "images"]) mkdirSync(join(store, `vfs-${what}`));
    writeFileSync(join(store, "vfs-layers/layers.json"), JSON.stringify([{ id: id("a") }]));
    writeFileSync(join(store, "vfs-images/images.json"), JSON.stringify([{ id: id("d"), names: ["localhost/v:1"], layer: id("a") }]));
    const file = join(dir, "vfs.html");
    const result = await runCli(["inspect", "--root", join(dir, "vfs"), "--summary", "--html", file, "--lang", "ja"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const opened = await openReport(file, dir);
    try {
      const { page } = opened;
      const reason = inspectWords("ja").summary.fullCopies;
      const [row] = await tableRows(page, "stores");
      expect(row?.driver).toMatchObject({ text: `vfs${reason}`, data: { fullCopies: "true" } });
      await page.locator('.cell[data-kind="store"]').hover({ position: { x: 6, y: 6 } });
      expect(await page.$$eval(".tip div", (lines) => lines.map((line) => line.textContent))).toContain(reason);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it.each(LANGS)(
    "a store with nothing in it: the page says there is nothing to draw and no image, with no empty map (%s)",
    async (lang) => {
      const empty = join(dir, "empty");
      mkdirSync(join(empty, "var/lib/containers/storage/overlay/l"), { recursive: true });
      mkdirSync(join(empty, "var/lib/containers/storage/overlay-layers"));
      const file = join(dir, "empty.html");
      const result = await runCli(["inspect", "--root", empty, "--summary", "--html", file, "--lang", lang]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      const opened = await openReport(file, dir);
      try {
        const { page } = opened;
        const words = htmlWords(lang).host;
        expect(await page.textContent("#treemap .empty-map")).toBe(words.treemap.empty);
        expect(await page.$$eval(".treemap, .cell", (found) => found.length)).toBe(0);
        expect(await page.textContent("#images .help:last-child")).toBe(words.images.noImages);
        expect(await page.textContent("#containers .help:last-child")).toBe(words.containers.none);
        expect(await page.textContent("#unused .help")).toBe(words.unused.none);
        expect(opened.problems).toEqual([]);
      } finally {
        await opened.close();
      }
    },
  );

  it.for([60, 80, 100].flatMap((columns) => LANGS.map((lang) => [columns, lang] as const)))(
    "in a terminal of %i columns, in %s, the summary and the line naming the file fit",
    async ([columns, lang], context) => {
      skipUnless(context, "tmux");
      const sub = join(dir, "a directory with a long name for the report", "and another below it");
      mkdirSync(sub, { recursive: true });
      const file = join(sub, `host-${lang}.html`);
      const argv = [process.execPath, CLI, "inspect", "--root", join(dir, "disk"), "--summary", "--html", file, "--lang", lang];
      const terminal = new Terminal(argv, { NO_COLOR: "1" }, { columns });
      try {
        expect(await terminal.exitCode(60_000)).toBe(0);
        expect(wrappedByTerminal(terminal)).toEqual([]);
        const rows = terminal.screen().split("\n");
        const at = rows.findIndex((row) => row.includes("HTML"));
        const exit = rows.findIndex((row) => row.startsWith("EXIT="));
        expect(rows.slice(at, exit).join("").replaceAll(" ", "")).toContain(file.replaceAll(" ", ""));
        // The path ends the line, so that a break falls in the path (after a /), never before a lone word of the sentence.
        expect(rows[exit - 1]?.trimEnd().endsWith(`host-${lang}.html`)).toBe(true);
        expect(readFileSync(file, "utf8")).toContain('"kind":"host"');
      } finally {
        terminal.close();
      }
    },
  );
});

describe("inspect --summary --html refuses bad input, before reading anything", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ol-html-host-input-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LANGS)(
    "no value, a directory, a symlink, a missing directory, a TARGET or --image beside it: one line, exit 2, nothing written (%s)",
    async (lang) => {
      writeFileSync(join(dir, "target"), "keep");
      symlinkSync(join(dir, "target"), join(dir, "link.html"));
      mkdirSync(join(dir, "sub"));
      const before = readdirSync(dir).sort();
      const words = htmlWords(lang);
      const summary = inspectWords(lang).summary;
      const cases: Array<[string[], RegExp | string]> = [
        [["--summary", "--html"], /--html/],
        [["--summary", "--html", dir], words.notFile(dir)],
        [["--summary", "--html", join(dir, "link.html")], words.notFile(join(dir, "link.html"))],
        [["--summary", "--html", join(dir, "missing", "r.html")], words.noDirectory(join(dir, "missing", "r.html"))],
        [["web", "--summary", "--html", join(dir, "r.html")], summary.notWith("web")],
        [["--summary", "--image", "busybox", "--html", join(dir, "r.html")], summary.notWith("--image busybox")],
      ];
      for (const [args, line] of cases) {
        const result = await runCli(["inspect", ...args, "--lang", lang]);
        const label = args.join(" ");
        expect([result.code, result.stdout], label).toEqual([2, ""]);
        expect(result.stderr.trim().split("\n"), label).toHaveLength(1);
        if (typeof line === "string") expect(result.stderr, label).toBe(`overlay-lesson: ${line}\n`);
        else expect(result.stderr, label).toMatch(line);
      }
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readFileSync(join(dir, "target"), "utf8")).toBe("keep");
    },
  );
});
