// The host rows on docker (part 13: "the same host against docker system df -v where dockerd
// runs"): a dockerd of the bench's own (its data root, exec root and socket in a temp dir, as the
// tests start one: DESIGN.md, Facts), the 40,000-file image of bench/host.mjs imported from the
// same tar, 16 containers each writing 500 files; `inspect --json` of the whole host against
// `inspect ONE --json` and against `docker system df -v`, with DOCKER_HOST naming that daemon.
// Without dockerd, docker or a static busybox the rows are skipped with the reason printed.
// Everything it makes is removed on every way out: containers, image, daemon, its containerd,
// their mounts and the temp dir.
//   node bench/docker-host.mjs [PAIRS]        the rows alone (root)
//   import { dockerHostRows } from "./docker-host.mjs"   the rows for bench/run.mjs
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CONTAINERS, imageTar, WRITER, WRITES } from "./host.mjs";
import { exitOnSignals, pairs } from "./timing.mjs";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;

const sleep = (seconds) => spawnSync("sleep", [String(seconds)]);
const has = (program) => spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;

/** Why the docker rows cannot run here, or undefined. */
function missing() {
  if (!has("dockerd") || !has("docker")) return "dockerd or docker is not installed (apt-get install docker.io)";
  // ldd (libc-bin, always there) says "not a dynamic executable" of a static one.
  const ldd = spawnSync("ldd", ["/bin/busybox"], { encoding: "utf8" });
  if (!existsSync("/bin/busybox") || !/not a dynamic executable/.test(`${ldd.stdout}${ldd.stderr}`))
    return "/bin/busybox is missing or not static (apt-get install busybox-static)";
  return undefined;
}

function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function end(pid, seconds) {
  for (let waited = 0; alive(pid) && waited < seconds * 10; waited++) sleep(0.1);
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

/** A dockerd of our own in `dir` (started, not yet answering); `docker` runs its CLI against it. */
function startDaemon(dir) {
  const host = `unix://${join(dir, "docker.sock")}`;
  const log = openSync(join(dir, "dockerd.log"), "w");
  const daemon = spawn(
    "dockerd",
    [
      ...["--data-root", join(dir, "data"), "--exec-root", join(dir, "exec"), "--pidfile", join(dir, "docker.pid"), "-H", host],
      ...["--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=overlay2", "--default-ulimit", "nofile=1024:1024"],
    ],
    { stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  daemon.unref();
  const env = { ...process.env, DOCKER_HOST: host, LC_ALL: "C" };
  const docker = (args, { allowFailure = false } = {}) => {
    const result = spawnSync("docker", args, { env, encoding: "utf8", maxBuffer: 1 << 28 });
    if (result.status !== 0 && !allowFailure) throw new Error(`docker ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    return result.stdout ?? "";
  };
  return { pid: daemon.pid ?? 0, env, docker, containerd: undefined };
}

/** Wait until the daemon answers (a few seconds here), and learn the containerd it started. */
function waitForDaemon(started, dir) {
  for (let waited = 0; started.docker(["info", "--format", "{{.Driver}}"], { allowFailure: true }).trim() !== "overlay2"; waited++) {
    if (waited > 120 || !alive(started.pid)) throw new Error(`the bench dockerd did not answer (see ${dir}/dockerd.log)`);
    sleep(0.25);
  }
  const containerd = Number(readFileSync(join(dir, "exec/containerd/containerd.pid"), "utf8").trim());
  if (Number.isInteger(containerd) && containerd > 0) started.containerd = containerd;
}

/** Stop the daemon and its containerd, unmount what is left beneath `dir`, remove it. */
function stopDaemon(started, dir) {
  if (started !== undefined) {
    if (alive(started.pid)) {
      const containers = started.docker(["ps", "-aq"], { allowFailure: true }).split("\n").filter(Boolean);
      if (containers.length > 0) started.docker(["rm", "-f", ...containers], { allowFailure: true });
      process.kill(started.pid, "SIGTERM");
      end(started.pid, 20);
    }
    if (started.containerd !== undefined && alive(started.containerd)) {
      process.kill(started.containerd, "SIGTERM");
      end(started.containerd, 5);
    }
  }
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point.startsWith(`${dir}/`))
    .reverse();
  for (const point of mounts) spawnSync("umount", ["-l", point]);
  rmSync(dir, { recursive: true, force: true });
}

/** The containers, each having written its files (it touches /data/done last). */
function startContainers(started, image, prefix) {
  const names = [];
  for (let index = 0; index < CONTAINERS; index++) {
    const name = `${prefix}-c${index}`;
    started.docker(["run", "-d", "--network", "none", "--name", name, image, "sh", "-c", WRITER]);
    names.push(name);
  }
  for (const name of names) {
    const upper = started.docker(["inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", name]).trim();
    for (let tries = 0; !existsSync(join(upper, "data/done")); tries++) {
      if (tries > 600) throw new Error(`${name} did not write its files`);
      sleep(0.1);
    }
  }
  return names;
}

/** The rows, in bench/run.mjs's shape (none, with the reason printed, where docker cannot run). */
export function dockerHostRows({ count = 7 } = {}) {
  const why = missing();
  if (why !== undefined) {
    console.log(`· docker host rows skipped: ${why}`);
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), `ol-bench-docker-${process.pid}-`));
  let started;
  const stopExiting = exitOnSignals(() => stopDaemon(started, dir));
  try {
    started = startDaemon(dir);
    waitForDaemon(started, dir);
    const prefix = `ol-bench-${process.pid}`;
    const image = `${prefix}-host:latest`;
    started.docker(["import", "--change", 'CMD ["sh"]', imageTar(dir, started.env), image]);
    const names = startContainers(started, image, prefix);
    const { env } = started;
    const all = [node, cli, "inspect", "--json"];
    const one = [node, cli, "inspect", names[0], "--json"];
    const lines = spawnSync(all[0], all.slice(1), { env, encoding: "utf8", maxBuffer: 1 << 28 })
      .stdout.trim()
      .split("\n");
    const alone = spawnSync(one[0], one.slice(1), { env, encoding: "utf8", maxBuffer: 1 << 28 }).stdout.trim();
    // The shared count must give each container the figures of its own walk, to the byte.
    if (!lines.includes(alone))
      throw new Error(`inspect --json of the docker host does not hold ${names[0]}'s line as inspect ${names[0]} gives it`);
    const extra = { runtime: "docker", containers: CONTAINERS, imageFiles: 40_000, writesEach: WRITES, mountsOnHost: lines.length };
    return [
      pairs(`docker: inspect --json (${lines.length} mounts) vs inspect ONE`, all, one, count, 2.5, { env, extra }),
      pairs(`docker: inspect --json (${lines.length} mounts) vs docker system df -v`, all, ["docker", "system", "df", "-v"], count, 1.0, {
        env,
        extra,
      }),
    ];
  } finally {
    stopDaemon(started, dir);
    stopExiting();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: the docker host rows start a dockerd: run as root");
    process.exit(2);
  }
  for (const row of dockerHostRows({ count: Number(process.argv[2] ?? 7) })) console.log(JSON.stringify(row));
}
