// inspect --root DIR --summary --html FILE on stores made by hand (no runtime, no registry), in
// Chromium: hostile image and container names stay text and run nothing; two images of the same
// layers, one hiding a file, get the note that the hidden total adds each image's figure up; a
// vfs store is flagged with the reason; a store with nothing in it draws no empty map. The line
// naming the file fits a terminal of 60, 80 and 100 columns in en, zh and ja, the path last. And
// bad --html input beside --summary is one line, exit 2, and nothing written. The host's own
// podman store: html-report-host.test.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatBytes } from "../../src/i18n/format.js";
import { hostWhere, htmlWords } from "../../src/inspect/html/words/index.js";
import type { HostSummary } from "../../src/inspect/summary/model.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { embeddedData, expectSelfContained, type HostPageData, openReport, readFigures, rowNamed, tableRows } from "../helpers/browser.js";
import { CLI, runCli } from "../helpers/cli.js";
import { wrappedByTerminal } from "../helpers/inspect.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { Terminal } from "../helpers/tmux.js";

const LANGS = ["en", "zh", "ja"] as const;
const HOSTILE_IMAGE = "localhost/<img src=x onerror=alert(1)>:latest";
const HOSTILE_CONTAINER = "<b>web</b><img src=x onerror=alert(2)>";

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

  it("images of one chain hide their bytes once in the total; two built on one base may repeat a base file, and the page says so", async () => {
    const store = join(dir, "branches/var/lib/containers/storage");
    const [base, left, right] = [id("a"), id("b"), id("c")];
    for (const layer of [base, left, right]) mkdirSync(join(store, "overlay", layer, "diff"), { recursive: true });
    mkdirSync(join(store, "overlay/l"));
    writeFileSync(join(store, "overlay", base, "diff/big.bin"), Buffer.alloc(300_000, 1));
    // Both tops delete the base's file (RUN rm big.bin): each image hides it.
    for (const top of [left, right]) execFileSync("mknod", [join(store, "overlay", top, "diff/big.bin"), "c", "0", "0"]);
    mkdirSync(join(store, "overlay-layers"));
    mkdirSync(join(store, "overlay-images"));
    const layers = [{ id: base }, { id: left, parent: base }, { id: right, parent: base }];
    writeFileSync(join(store, "overlay-layers/layers.json"), JSON.stringify(layers));
    const image = (digit: string, name: string | null, layer: string) => ({ id: id(digit), names: name === null ? [] : [name], layer });
    const summarize = async (images: unknown[], file: string) => {
      writeFileSync(join(store, "overlay-images/images.json"), JSON.stringify(images));
      const result = await runCli(["inspect", "--root", join(dir, "branches"), "--summary", "--json", "--html", file, "--lang", "ja"]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      return JSON.parse(result.stdout) as HostSummary;
    };
    // Two names of one chain and its base image (podman build's intermediate): hidden once.
    const chain = await summarize(
      [image("d", "localhost/twin0:latest", left), image("e", "localhost/twin1:latest", left), image("f", null, base)],
      join(dir, "chain.html"),
    );
    expect(chain.images.map((at) => at.hiddenBytes)).toEqual([300_000, 300_000, 0]);
    expect([chain.totals.imageHiddenBytes, chain.totals.imageHiddenMayRepeat]).toEqual([300_000, false]);
    // Two images built on the base, each deleting its file: the sum holds the file twice, and says it may.
    const file = join(dir, "branches.html");
    const branches = await summarize([image("d", "localhost/left:latest", left), image("e", "localhost/right:latest", right)], file);
    expect([branches.totals.imageHiddenBytes, branches.totals.imageHiddenMayRepeat]).toEqual([600_000, true]);
    const opened = await openReport(file, dir);
    try {
      const figure = await opened.page.textContent("#figure-image-hidden");
      expect(figure).toContain(formatBytes(branches.totals.imageHiddenBytes));
      expect(figure).toContain(htmlWords("ja").host.figures.imageHiddenAdded);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
    const once = await openReport(join(dir, "chain.html"), dir);
    try {
      expect(await once.page.textContent("#figure-image-hidden")).not.toContain(htmlWords("ja").host.figures.imageHiddenAdded);
    } finally {
      await once.close();
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
