// Regenerates the README's pictures of the HTML report (docs/report-en.png, docs/report-ja.png,
// docs/report-host-en.png) from a real run: a podman image built here from a static busybox (no registry; a RUN that
// writes a cache and a blob, a RUN rm, a RUN rm -rf && mkdir, a COPY over a base file, and a
// source tree of a few hundred files), `inspect --image IMG --html` in English and Japanese, each
// page opened from its file in Debian's Chromium (playwright-core, offline) and captured whole
// (the Japanese one zoomed into the layer that wastes the most). Then two containers of that image
// (ol-shot-web running, having written 1 MiB; ol-shot-batch stopped, having written 3 MiB) and
// `inspect --summary --html` of this host, captured zoomed into that image, its base layer's
// tooltip shown (whatever else this host's stores hold is in the page's tables too).
// The image, the containers and every temporary file are removed afterwards. Needs root, podman, runc, chromium
// and a CJK font (fonts-noto-cjk).
//   sudo node scripts/report-screenshots.mjs
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { podmanEnv } from "../bench/inspect-image.mjs";
import { launchOffline } from "./chromium.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");

function run(argv, env) {
  const result = spawnSync(argv[0], argv.slice(1), { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** A base of busybox and /etc/ol-release, imported; then the image the README describes. */
function buildImage(work, env, base, image) {
  const rootfs = join(work, "rootfs");
  mkdirSync(join(rootfs, "bin"), { recursive: true });
  mkdirSync(join(rootfs, "etc"));
  mkdirSync(join(rootfs, "tmp"));
  writeFileSync(join(rootfs, "etc/ol-release"), "overlay-lesson busybox base\n");
  copyFileSync("/bin/busybox", join(rootfs, "bin/busybox"));
  for (const applet of ["sh", "rm", "mkdir", "dd", "echo", "seq", "cp", "sleep"]) symlinkSync("busybox", join(rootfs, "bin", applet));
  run(["tar", "-C", rootfs, "-cf", join(work, "base.tar"), "."], env);
  run(["podman", "import", "--quiet", join(work, "base.tar"), base], env);
  const context = join(work, "context");
  for (let dir = 0; dir < 12; dir++) {
    mkdirSync(join(context, "src", `module${dir}`), { recursive: true });
    for (let file = 0; file < 30; file++)
      writeFileSync(join(context, "src", `module${dir}`, `part${file}.js`), "x".repeat(200 + ((dir * 37 + file * 101) % 9000)));
  }
  writeFileSync(join(context, "ol-release"), "overwritten by a later COPY\n");
  writeFileSync(
    join(context, "Containerfile"),
    [
      `FROM ${base}`,
      "COPY src /app/src",
      "RUN mkdir -p /var/cache/build && dd if=/dev/zero of=/var/cache/build/blob bs=1024 count=3072 && dd if=/dev/zero of=/tmp/build.log bs=1024 count=1024",
      "RUN rm /tmp/build.log",
      "RUN rm -rf /var/cache/build && mkdir /var/cache/build && echo fresh > /var/cache/build/fresh",
      "COPY ol-release /etc/ol-release",
      'CMD ["sh"]',
    ].join("\n"),
  );
  run(["podman", "build", "--quiet", "--layers", "-t", image, "-f", join(context, "Containerfile"), context], env);
}

/** A report opened in Debian's Chromium, offline, with a fresh profile in `work`, drawn. */
async function openPage(file, work) {
  const context = await launchOffline(mkdtempSync(join(work, "profile-")), { width: 1200, height: 900 });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("body[data-ready=true]");
    return { context, page };
  } catch (failure) {
    await context.close();
    throw failure;
  }
}

/** The page whole; `zoom`: zoomed first into the layer that wastes the most (the third bar). */
async function shoot(file, png, work, zoom) {
  const { context, page } = await openPage(file, work);
  try {
    if (zoom) await page.click(".bar-label >> nth=2");
    // The tooltip of the largest box.
    const box = await page.locator(".cell.leaf").first().boundingBox();
    if (box !== null) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.screenshot({ path: png, fullPage: true });
  } finally {
    await context.close();
  }
}

/** The host page whole, zoomed into `image` (through its store), hovering its base layer, which the base image shares. */
async function shootHost(file, png, work, image) {
  const { context, page } = await openPage(file, work);
  try {
    // As tall as the page first: a full-page capture resizes the window, and the map's redraw on a
    // resize would hide the tooltip.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1200, height });
    await page.waitForTimeout(200);
    const at = await page.evaluate((name) => {
      const data = JSON.parse(document.getElementById("report-data")?.textContent ?? "{}");
      const index = data.json.images.findIndex((row) => row.name === `${name}:latest`);
      return { image: index, store: data.layerMap.stores.findIndex((store) => store.images.includes(index)) };
    }, image);
    await page.click(`.cell[data-kind="store"][data-store="${at.store}"]`, { position: { x: 6, y: 6 } });
    // However small other images leave its box, a click anywhere in it zooms into the image.
    const imageBox = await page.locator(`.cell[data-kind="image"][data-image="${at.image}"]`).boundingBox();
    if (imageBox !== null) await page.mouse.click(imageBox.x + imageBox.width / 2, imageBox.y + imageBox.height / 2);
    const base = page.locator(`.cell[data-kind="layer"][data-image="${at.image}"]`).first();
    const box = await base.boundingBox();
    // Two steps, so that the page sees a move inside the box (the click left the pointer in another).
    if (box !== null) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(40, box.height / 2), { steps: 2 });
    await page.waitForSelector(".tip:not([hidden])");
    await page.screenshot({ path: png });
  } finally {
    await context.close();
  }
}

if (process.getuid?.() !== 0) {
  console.error("report-screenshots: podman's root store is read: run as root");
  process.exit(2);
}
// The page asks for system fonts only: without a CJK face the Japanese picture would be boxes.
if (!/\S/.test(spawnSync("fc-list", [":lang=ja"], { encoding: "utf8" }).stdout ?? "")) {
  console.error("report-screenshots: no Japanese font here: apt-get install fonts-noto-cjk");
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "ol-report-shot-"));
const env = podmanEnv(work);
const base = `localhost/ol-shot-${process.pid}-base`;
const image = "localhost/ol-shot-app";
const containers = ["ol-shot-web", "ol-shot-batch"];
// Their names are shown in the pictures, so they are not unique: never remove what this run did not make.
const taken = [
  ...(spawnSync("podman", ["image", "exists", image], { env }).status === 0 ? [`podman rmi ${image}`] : []),
  ...containers
    .filter((name) => spawnSync("podman", ["container", "exists", name], { env }).status === 0)
    .map((name) => `podman rm ${name}`),
];
if (taken.length > 0) {
  console.error(`report-screenshots: these exist already: remove them first (${taken.join("; ")})`);
  rmSync(work, { recursive: true, force: true });
  process.exit(2);
}
let started = [];
try {
  buildImage(work, env, base, image);
  for (const lang of ["en", "ja"]) {
    const file = join(work, `report-${lang}.html`);
    run([process.execPath, cli, "inspect", "--image", image, "--html", file, "--lang", lang], env);
    await shoot(file, join(root, `docs/report-${lang}.png`), work, lang === "ja");
    console.log(`docs/report-${lang}.png`);
  }
  const [web, batch] = containers;
  started = containers;
  run(["podman", "run", "-d", "--name", web, "--network", "none", image, "sleep", "600"], env);
  run(["podman", "exec", web, "dd", "if=/dev/zero", "of=/tmp/session", "bs=1024", "count=1024"], env);
  run(["podman", "run", "--name", batch, "--network", "none", image, "dd", "if=/dev/zero", "of=/tmp/out", "bs=1024", "count=3072"], env);
  const file = join(work, "report-host-en.html");
  run([process.execPath, cli, "inspect", "--summary", "--html", file, "--lang", "en"], env);
  await shootHost(file, join(root, "docs/report-host-en.png"), work, image);
  console.log("docs/report-host-en.png");
} finally {
  if (started.length > 0) spawnSync("podman", ["rm", "--force", "--time", "0", ...started], { env, stdio: "ignore" });
  spawnSync("podman", ["rmi", "--force", "--ignore", image, base], { env, stdio: "ignore" });
  rmSync(work, { recursive: true, force: true });
}
