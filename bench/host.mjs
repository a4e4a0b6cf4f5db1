// The host rows (part 13): 16 containers of one 40,000-file podman image, each writing 500 files,
// built here from a busybox base (no registry). `inspect --json` of the whole host against
// `inspect ONE --json` (each layer read once: all 16 must cost ≤ 2.5× one), and against
// `podman system df -v` on the same host in the same run (≤ 1.0×: more answers, in less time).
// Warm cache, alternating pairs, medians. Everything it makes is named ol-bench-<pid>-… and
// removed on every way out.
//   node bench/host.mjs [PAIRS]          the rows alone (root, podman, /bin/busybox static)
//   import { hostRows } from "./host.mjs"  the rows for bench/run.mjs
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { podmanEnv } from "./inspect-image.mjs";
import { exitOnSignals, pairs } from "./timing.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;
const CONTAINERS = 16;
const WRITES = 500;

function run(argv, env) {
  const result = spawnSync(argv[0], argv.slice(1), { env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** A 40,000-file image: a busybox base with 400 directories of 100 files in /usr/lib. */
export function build(work, env, image) {
  run(["podman", "import", "--quiet", "--change", 'CMD ["sh"]', imageTar(work, env), image], env);
}

/** The image's files as a tar (work/image.tar): what build imports, and bench/docker-host.mjs too. */
export function imageTar(work, env) {
  const rootfs = join(work, "rootfs");
  mkdirSync(join(rootfs, "bin"), { recursive: true });
  mkdirSync(join(rootfs, "tmp"));
  copyFileSync("/bin/busybox", join(rootfs, "bin/busybox"));
  for (const applet of ["sh", "mkdir", "echo", "seq", "sleep", "touch"]) symlinkSync("busybox", join(rootfs, "bin", applet));
  for (let directory = 0; directory < 400; directory++) {
    const path = join(rootfs, "usr/lib", `d${directory}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < 100; file++) writeFileSync(join(path, `f${file}`), "x".repeat(64 + ((directory * 100 + file) % 1000)));
  }
  run(["tar", "-C", rootfs, "-cf", join(work, "image.tar"), "."], env);
  rmSync(rootfs, { recursive: true, force: true });
  return join(work, "image.tar");
}

/** The script each container runs: it writes its files, then touches /data/done. */
export const WRITER = `mkdir -p /data && for i in $(seq 1 ${WRITES}); do echo "file $i" > /data/f$i; done; touch /data/done; sleep 100000`;

export { CONTAINERS, WRITES };

/** The containers, each having written its files (it touches /data/done last). */
export function start(env, image, prefix) {
  const script = WRITER;
  const names = [];
  for (let index = 0; index < CONTAINERS; index++) {
    const name = `${prefix}-c${index}`;
    run(["podman", "run", "-d", "--network", "none", "--name", name, image, "sh", "-c", script], env);
    names.push(name);
  }
  for (const name of names) {
    const upper = run(["podman", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", name], env).trim();
    for (let tries = 0; !existsSync(join(upper, "data/done")); tries++) {
      if (tries > 600) throw new Error(`${name} did not write its files`);
      spawnSync("sleep", ["0.1"]);
    }
  }
  return names;
}

/**
 * `body` run on the host (the image built, its containers written), with podman's environment,
 * the temp dir and the containers' names; everything removed after it, on every way out.
 */
export async function withHost(body) {
  const work = mkdtempSync(join(tmpdir(), `ol-bench-${process.pid}-`));
  const env = podmanEnv(work);
  const prefix = `ol-bench-${process.pid}`;
  const image = `localhost/${prefix}-host`;
  const stopExiting = exitOnSignals();
  let names = [];
  try {
    build(work, env, image);
    names = start(env, image, prefix);
    return await body({ env, work, names });
  } finally {
    for (const name of names) spawnSync("podman", ["rm", "--force", "--time", "0", name], { env, stdio: "ignore" });
    spawnSync("podman", ["rmi", "--force", "--ignore", image], { env, stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
    stopExiting();
  }
}

/** The rows, in bench/run.mjs's shape. */
export function hostRows({ count = 7 } = {}) {
  return withHost(({ env, names }) => {
    const all = [node, cli, "inspect", "--json"];
    const one = [node, cli, "inspect", names[0], "--json"];
    const lines = run(all, env).trim().split("\n");
    const mounts = lines.length;
    // The shared count must give each container the figures of its own walk, to the byte.
    const alone = run(one, env).trim();
    if (!lines.includes(alone))
      throw new Error(`inspect --json of the host does not hold ${names[0]}'s line as inspect ${names[0]} gives it`);
    const extra = { containers: CONTAINERS, imageFiles: 40_000, writesEach: WRITES, mountsOnHost: mounts };
    return [
      pairs(`inspect --json (${mounts} mounts) vs inspect ONE --json`, all, one, count, 2.5, { env, extra }),
      pairs(`inspect --json (${mounts} mounts) vs podman system df -v`, all, ["podman", "system", "df", "-v"], count, 1.0, { env, extra }),
    ];
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: the host rows run podman containers as root: run as root");
    process.exit(2);
  }
  for (const row of await hostRows({ count: Number(process.argv[2] ?? 7) })) console.log(JSON.stringify(row));
}
