// The benchmark row for `inspect --image` (issue 13: an image of 200,000 files analysed in
// ≤ 1.5× `du -s` of its layer dirs): a real podman image built here from a busybox base, no
// registry, of 5 layers and 201,000 files (a base of 100,000, a COPY of 60,000, a COPY of 40,000,
// a RUN rm -rf of 10,000 of the base's and a RUN that rewrites 1,000 copied files), then
// `inspect --image IMG --json` against `du -s` of the same layer dirs, warm cache, alternating
// pairs, medians. Everything it makes is named ol-bench-<pid>-… and removed on every way out.
//   node bench/inspect-image.mjs [PAIRS]                run the row alone (root, podman, /bin/busybox static)
//   node bench/inspect-image.mjs PAIRS --image IMAGE    time an image already here instead (not removed)
//   import { inspectImageRow } from "./inspect-image.mjs"   the row for bench/run.mjs
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { exitOnSignals, pairs } from "./timing.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;

/** The environment podman needs on these VMs (DESIGN.md, Facts), unless the caller set its own. */
export function podmanEnv(dir) {
  if (process.env.CONTAINERS_CONF) return { ...process.env, BUILDAH_ISOLATION: process.env.BUILDAH_ISOLATION ?? "chroot" };
  const conf = join(dir, "containers.conf");
  writeFileSync(
    conf,
    '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]\n\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\n',
  );
  return { ...process.env, CONTAINERS_CONF: conf, BUILDAH_ISOLATION: "chroot" };
}

function run(argv, env, options = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { env, encoding: "utf8", maxBuffer: 1 << 26, ...options });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** A file of a size that varies with its number, so that sums are not a multiple of one size. */
function content(number) {
  return "x".repeat(64 + (number % 1000));
}

function files(dir, directories, perDirectory, prefix) {
  for (let directory = 0; directory < directories; directory++) {
    const path = join(dir, `d${directory}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < perDirectory; file++) writeFileSync(join(path, `${prefix}${file}`), content(directory * perDirectory + file));
  }
}

/** Build the image; its layer dirs, top first. */
export function build(work, env, base, image) {
  const rootfs = join(work, "rootfs");
  mkdirSync(join(rootfs, "bin"), { recursive: true });
  mkdirSync(join(rootfs, "tmp"));
  copyFileSync("/bin/busybox", join(rootfs, "bin/busybox"));
  for (const applet of ["sh", "rm", "mkdir", "echo", "seq"]) symlinkSync("busybox", join(rootfs, "bin", applet));
  files(join(rootfs, "usr/lib"), 1000, 100, "f");
  run(["tar", "-C", rootfs, "-cf", join(work, "base.tar"), "."], env);
  rmSync(rootfs, { recursive: true, force: true });
  run(["podman", "import", "--quiet", join(work, "base.tar"), base], env);
  const context = join(work, "context");
  files(join(context, "app"), 600, 100, "a");
  files(join(context, "data"), 400, 100, "b");
  writeFileSync(
    join(context, "Containerfile"),
    [
      `FROM ${base}`,
      "COPY app /opt/app",
      "COPY data /srv/data",
      // 10,000 of the base's files removed: whiteouts over 100 directories.
      "RUN rm -rf /usr/lib/d1?? && echo removed",
      // 1,000 of the copied files rewritten: newer copies.
      'RUN for d in $(seq 0 9); do for f in $(seq 0 99); do echo new > "/opt/app/d$d/a$f"; done; done',
      'CMD ["sh"]',
    ].join("\n"),
  );
  run(["podman", "build", "--quiet", "--layers", "-t", image, "-f", join(context, "Containerfile"), context], env);
  rmSync(context, { recursive: true, force: true });
  return imageLayers(env, image);
}

/** An image's layer dirs, top first, as podman names them. */
function imageLayers(env, image) {
  const format = (field) => run(["podman", "image", "inspect", "--format", `{{.GraphDriver.Data.${field}}}`, image], env).trim();
  return [
    format("UpperDir"),
    ...format("LowerDir")
      .split(":")
      .filter((dir) => dir !== ""),
  ];
}

/**
 * `body` run on the bench's image (built here, or `existing`), with podman's environment, the temp
 * dir, the image's name and its layer dirs (top first); what was built removed after it.
 */
export async function withImage(existing, body) {
  const work = mkdtempSync(join(tmpdir(), `ol-bench-${process.pid}-`));
  const env = podmanEnv(work);
  const base = `localhost/ol-bench-${process.pid}-base`;
  const image = existing ?? `localhost/ol-bench-${process.pid}-image`;
  // The build and the timing are synchronous: a signal's handler runs only once they are done,
  // after the finally below has removed the images. Ctrl-C also stops the podman or inspect child,
  // whose failure ends the row early (and the finally still runs).
  const stopExiting = exitOnSignals();
  try {
    const layers = existing === undefined ? build(work, env, base, image) : imageLayers(env, image);
    return await body({ env, work, image, layers });
  } finally {
    if (existing === undefined) spawnSync("podman", ["rmi", "--force", "--ignore", image, base], { env, stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
    stopExiting();
  }
}

/** The row, in bench/run.mjs's shape: inspect --image IMG --json against du -s of the layers, `count` alternating pairs. */
export function inspectImageRow({ count = 11, target = 1.5, existing } = {}) {
  return withImage(existing, ({ env, image, layers }) => {
    const report = JSON.parse(run([node, cli, "inspect", "--image", image, "--json"], env));
    const subject = [node, cli, "inspect", "--image", image, "--json"];
    const name = `inspect --image (${report.files.toLocaleString("en")} files) vs du -s`;
    const extra = { layers: layers.length, files: report.files, imageHiddenBytes: report.imageHiddenBytes };
    return pairs(name, subject, ["du", "-s", ...layers], count, target, { env, extra });
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: inspect --image reads root's podman store: run as root");
    process.exit(2);
  }
  const imageFlag = process.argv.indexOf("--image");
  const existing = imageFlag === -1 ? undefined : process.argv[imageFlag + 1];
  const row = await inspectImageRow({ count: Number(process.argv[2] ?? 11), existing });
  console.log(JSON.stringify(row));
}
