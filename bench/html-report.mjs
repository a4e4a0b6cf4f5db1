// The benchmark rows for the HTML report (issue 15: a 200,000-file image gives a file ≤ 5 MiB,
// which Chromium draws in under 2 s, and writing it costs ≤ 1.2× the same --json run): the
// podman image of bench/inspect-image.mjs (201,000 files in 5 layers, built here from a busybox
// base, no registry), then `inspect --image IMG --json --html FILE` against `inspect --image IMG
// --json` in alternating pairs, the file's size, and in Debian's Chromium (playwright-core,
// offline, a fresh profile each time) the time from navigation to the treemap drawn and painted.
// Then the host page: on the host of bench/host.mjs (16 containers of a 40,000-file image),
// `inspect --summary --json --html FILE` against `inspect --summary --json` (≤ 1.2×: the page is
// drawn from the summary's own figures, no layer walked again), its file size and its render.
//   node bench/html-report.mjs [PAIRS]                 the rows alone (root, podman, chromium)
//   node bench/html-report.mjs PAIRS --image IMAGE     time an image already here instead (not removed; no host rows)
//   node bench/html-report.mjs PAIRS --summary         the host page's rows alone
//   import { htmlReportRows } from "./html-report.mjs"  the rows for bench/run.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchOffline } from "../scripts/chromium.mjs";
import { withHost } from "./host.mjs";
import { withImage } from "./inspect-image.mjs";
import { median, pairs, round } from "./timing.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;

/** Navigation start to the treemap drawn (the page's own mark) and to the next paint after it, in ms; median of `count` fresh loads. */
async function renderTimes(file, work, count) {
  const drawn = [];
  const painted = [];
  for (let index = 0; index < count; index++) {
    const context = await launchOffline(mkdtempSync(join(work, "profile-")), { width: 1280, height: 900 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
      const times = await page.evaluate(
        () =>
          new Promise((done) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                done({ drawn: performance.getEntriesByName("treemap-drawn")[0]?.startTime ?? Number.NaN, painted: performance.now() }),
              ),
            ),
          ),
      );
      drawn.push(times.drawn);
      painted.push(times.painted);
    } finally {
      await context.close();
    }
  }
  return {
    drawnMs: round(median(drawn)),
    paintedMs: round(median(painted)),
    rangeMs: [round(Math.min(...painted)), round(Math.max(...painted))],
  };
}

/** Its render in Chromium, as a row: navigation to the treemap painted, median of 5 fresh loads, under 2 s. */
async function renderRow(file, work, name) {
  const times = await renderTimes(file, work, 5);
  const row = { name, ...times, target: 2000, ok: times.paintedMs < 2000 };
  console.log(
    `${row.ok ? "✓" : "✗"} ${row.name} ${times.paintedMs} ms [${times.rangeMs.join("–")}] (drawn at ${times.drawnMs} ms; target < 2 s)`,
  );
  return row;
}

function sizeRow(file, name, target) {
  const mib = statSync(file).size / 2 ** 20;
  const row = { name, mib: round(mib), target, ok: mib <= target };
  console.log(`${row.ok ? "✓" : "✗"} ${row.name.padEnd(34)} ${row.mib} MiB (target ≤ ${target} MiB)`);
  return row;
}

/** The host page's rows, on bench/host.mjs's host (its image and 16 containers, removed on every way out). */
export async function summaryHtmlRows({ count = 11 } = {}) {
  return withHost(async ({ env, work, names }) => {
    const file = join(work, "host.html");
    const json = [node, cli, "inspect", "--summary", "--json"];
    const made = spawnSync(node, [cli, ...json.slice(2), "--html", file], { env, encoding: "utf8", maxBuffer: 1 << 26 });
    if (made.status !== 0) throw new Error(`inspect --summary --html exited ${made.status}: ${made.stderr}`);
    const { totals } = JSON.parse(made.stdout);
    const extra = { containers: names.length, imageFiles: 40_000, containersOnHost: totals.containers, imagesOnHost: totals.images };
    const name = `inspect --summary --json --html (${totals.containers} containers) vs --json`;
    const write = pairs(name, [...json, "--html", file], json, count, 1.2, { env, extra });
    const size = sizeRow(file, "HTML page of that host: file size", 1);
    return [write, size, await renderRow(file, work, "the host page's render in Chromium (navigation to the treemap painted)")];
  });
}

export async function htmlReportRows({ count = 11, existing, host = existing === undefined } = {}) {
  const rows = await imageHtmlRows({ count, existing });
  // The host page's rows once that image is gone: their host is bench/host.mjs's alone.
  return host ? [...rows, ...(await summaryHtmlRows({ count }))] : rows;
}

/** The --image report's rows: write time against --json, size, render. */
async function imageHtmlRows({ count, existing }) {
  return withImage(existing, async ({ env, work, image }) => {
    const file = join(work, "report.html");
    const json = [node, cli, "inspect", "--image", image, "--json"];
    const made = spawnSync(node, [...json.slice(1), "--html", file], { env, encoding: "utf8", maxBuffer: 1 << 26 });
    if (made.status !== 0) throw new Error(`inspect --html exited ${made.status}: ${made.stderr}`);
    const files = JSON.parse(made.stdout).files;
    const name = `inspect --image --json --html (${files.toLocaleString("en")} files) vs --json`;
    const write = pairs(name, [...json, "--html", file], json, count, 1.2, { env });
    const size = sizeRow(file, "HTML report of that image: file size", 5);
    const render = await renderRow(file, work, "its render in Chromium (navigation to the treemap painted)");
    return [write, size, render];
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: inspect --image reads root's podman store: run as root");
    process.exit(2);
  }
  const imageFlag = process.argv.indexOf("--image");
  const existing = imageFlag === -1 ? undefined : process.argv[imageFlag + 1];
  const count = Number(process.argv[2] ?? 11);
  if (process.argv.includes("--summary")) console.log(JSON.stringify(await summaryHtmlRows({ count })));
  else console.log(JSON.stringify(await htmlReportRows({ count, existing })));
}
