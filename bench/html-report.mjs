// The benchmark rows for the HTML report (issue 15: a 200,000-file image gives a file ≤ 5 MiB,
// which Chromium draws in under 2 s, and writing it costs ≤ 1.2× the same --json run): the
// podman image of bench/inspect-image.mjs (201,000 files in 5 layers, built here from a busybox
// base, no registry), then `inspect --image IMG --json --html FILE` against `inspect --image IMG
// --json` in alternating pairs, the file's size, and in Debian's Chromium (playwright-core,
// offline, a fresh profile each time) the time from navigation to the treemap drawn and painted.
//   node bench/html-report.mjs [PAIRS]                 the rows alone (root, podman, chromium)
//   node bench/html-report.mjs PAIRS --image IMAGE     time an image already here instead (not removed)
//   import { htmlReportRows } from "./html-report.mjs"  the rows for bench/run.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { build, podmanEnv } from "./inspect-image.mjs";
import { median, pairs, round } from "./timing.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;
const FLAGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Navigation start to the treemap drawn (the page's own mark) and to the next paint after it, in ms; median of `count` fresh loads. */
async function renderTimes(file, work, count) {
  const drawn = [];
  const painted = [];
  for (let index = 0; index < count; index++) {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(work, "profile-")), {
      executablePath: "/usr/bin/chromium",
      args: FLAGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
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

export async function htmlReportRows({ count = 11, existing } = {}) {
  const work = mkdtempSync(join(tmpdir(), `ol-bench-${process.pid}-`));
  const env = podmanEnv(work);
  const base = `localhost/ol-bench-${process.pid}-base`;
  const image = existing ?? `localhost/ol-bench-${process.pid}-image`;
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const onSignal = (signal) => process.exit(signals[signal]);
  for (const signal of Object.keys(signals)) process.on(signal, onSignal);
  try {
    if (existing === undefined) build(work, env, base, image);
    const file = join(work, "report.html");
    const json = [node, cli, "inspect", "--image", image, "--json"];
    const made = spawnSync(node, [cli, "inspect", "--image", image, "--json", "--html", file], {
      env,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (made.status !== 0) throw new Error(`inspect --html exited ${made.status}: ${made.stderr}`);
    const files = JSON.parse(made.stdout).files;
    const write = pairs(
      `inspect --image --json --html (${files.toLocaleString("en")} files) vs --json`,
      [...json, "--html", file],
      json,
      count,
      1.2,
      { env },
    );
    const mib = statSync(file).size / 2 ** 20;
    const size = { name: "HTML report of that image: file size", mib: round(mib), target: 5, ok: mib <= 5 };
    console.log(`${size.ok ? "✓" : "✗"} ${size.name.padEnd(34)} ${size.mib} MiB (target ≤ 5 MiB)`);
    const times = await renderTimes(file, work, 5);
    const render = {
      name: "its render in Chromium (navigation to the treemap painted)",
      ...times,
      target: 2000,
      ok: times.paintedMs < 2000,
    };
    console.log(
      `${render.ok ? "✓" : "✗"} ${render.name} ${times.paintedMs} ms [${times.rangeMs.join("–")}] (drawn at ${times.drawnMs} ms; target < 2 s)`,
    );
    return [write, size, render];
  } finally {
    if (existing === undefined) spawnSync("podman", ["rmi", "--force", "--ignore", image, base], { env, stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
    for (const signal of Object.keys(signals)) process.off(signal, onSignal);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: inspect --image reads root's podman store: run as root");
    process.exit(2);
  }
  const imageFlag = process.argv.indexOf("--image");
  const existing = imageFlag === -1 ? undefined : process.argv[imageFlag + 1];
  console.log(JSON.stringify(await htmlReportRows({ count: Number(process.argv[2] ?? 11), existing })));
}
