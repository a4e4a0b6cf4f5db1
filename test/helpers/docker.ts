// Real docker for the tests of the docker adapter: a dockerd of the test file's own, with its
// data root, exec root, pid file and socket in a temp dir of the suite, reached through
// DOCKER_HOST (DESIGN.md, Facts: no iptables, no bridge, overlay2, a nofile ulimit these VMs
// allow). Its images are made without a registry: `docker import` of the busybox base, then
// `DOCKER_BUILDKIT=0 docker build`. The daemon and the containerd it starts are recorded as made,
// so that the suite's teardown kills them if a test could not; stop() stops them on every way out.
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findProgram } from "../../src/sys/host.js";
import { isRoot } from "./cli.js";
import { alive, endProcess, sleepSync } from "./daemons.js";
import { removeTree } from "./leftovers.js";
import { busyboxBaseTar, isStaticBusybox } from "./podman.js";
import { recordMade } from "./suite.js";

const INSTALL = "apt-get install docker.io busybox-static";

/** Why the docker tests must skip on this machine, or undefined when they can start a dockerd. */
export function dockerReason(): string | undefined {
  if (!isRoot) return "not root: a test dockerd needs root";
  if (findProgram("dockerd") === undefined) return `dockerd is not installed (${INSTALL})`;
  if (findProgram("docker") === undefined) return `the docker CLI is not installed (${INSTALL})`;
  if (!isStaticBusybox()) return `/bin/busybox is missing or not static: the base image has no libc (${INSTALL})`;
  return undefined;
}

export interface TestDocker {
  /** unix://… of its socket: DOCKER_HOST for the CLIs a test starts. */
  host: string;
  /** Its data root (where overlay2/ is). */
  dataRoot: string;
  /** `docker ...args` against this daemon; throws with its stderr when it fails. */
  docker(args: readonly string[], options?: { allowFailure?: boolean; env?: NodeJS.ProcessEnv }): string;
  /**
   * Stop the daemon (and its containerd) and leave everything on disk: its containers stop with it
   * (no live-restore), their layers stay in the data root, as on a host whose dockerd is down.
   */
  stopDaemon(): void;
  /** Remove its containers (if it still runs), stop it (and its containerd), unmount and remove its directory. */
  stop(): void;
}

/** Start a dockerd of our own and wait until it answers (a few seconds at most on these VMs). */
export function startDocker(): TestDocker {
  const dir = mkdtempSync(join(tmpdir(), "ol-test-docker-"));
  const host = `unix://${join(dir, "docker.sock")}`;
  const dataRoot = join(dir, "data");
  const log = openSync(join(dir, "dockerd.log"), "w");
  const daemon = spawn(
    "dockerd",
    [
      ...["--data-root", dataRoot, "--exec-root", join(dir, "exec"), "--pidfile", join(dir, "docker.pid"), "-H", host],
      ...["--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=overlay2"],
      ...["--default-ulimit", "nofile=1024:1024"],
    ],
    { stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  const pid = daemon.pid ?? 0;
  recordMade("daemon", String(pid), `dockerd of a docker test, in ${dir}`);
  daemon.unref();
  const run = (args: readonly string[], options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {}): string => {
    const result: SpawnSyncReturns<string> = spawnSync("docker", args, {
      encoding: "utf8",
      env: { ...process.env, ...options.env, DOCKER_HOST: host, LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    if (result.status !== 0 && options.allowFailure !== true) {
      throw new Error(`docker ${args.join(" ")} failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
    }
    return result.stdout ?? "";
  };
  let containerd: number | undefined;
  const stopDaemon = (): void => {
    if (alive(pid)) {
      process.kill(pid, "SIGTERM");
      endProcess(pid, 20_000);
    }
    if (containerd !== undefined && alive(containerd)) endProcess(containerd, 5_000);
  };
  const stop = (): void => {
    if (alive(pid)) {
      const containers = run(["ps", "-aq"], { allowFailure: true }).split("\n").filter(Boolean);
      if (containers.length > 0) run(["rm", "-f", ...containers], { allowFailure: true });
    }
    stopDaemon();
    removeTree(dir);
  };
  for (let waited = 0; run(["info", "--format", "{{.Driver}}"], { allowFailure: true }).trim() !== "overlay2"; waited += 250) {
    if (waited > 30_000 || !alive(pid)) {
      const why = existsSync(join(dir, "dockerd.log")) ? readFileSync(join(dir, "dockerd.log"), "utf8").split("\n").slice(-5) : [];
      stop();
      throw new Error(`the test dockerd did not answer within 30 s:\n${why.join("\n")}`);
    }
    sleepSync(250);
  }
  // dockerd started a containerd of its own, which outlives a SIGKILLed dockerd: record it too.
  const containerdPid = Number(readFileSync(join(dir, "exec/containerd/containerd.pid"), "utf8").trim());
  if (Number.isInteger(containerdPid) && containerdPid > 0) {
    containerd = containerdPid;
    recordMade("daemon", String(containerdPid), `containerd of the test dockerd in ${dir}`);
  }
  return { host, dataRoot, docker: run, stopDaemon, stop };
}

/** A base image with no registry: `docker import` of the busybox base. */
export function importBusyboxBase(docker: TestDocker, tag: string): void {
  const dir = mkdtempSync(join(tmpdir(), "ol-test-docker-base-"));
  try {
    docker.docker(["import", busyboxBaseTar(dir), tag]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `docker build` with the classic builder (no BuildKit here) of `dockerfile` and `contextFiles`. */
export function buildDockerImage(docker: TestDocker, tag: string, dockerfile: string, contextFiles: Record<string, string> = {}): void {
  const dir = mkdtempSync(join(tmpdir(), "ol-test-docker-context-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), dockerfile);
    for (const [path, content] of Object.entries(contextFiles)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    docker.docker(["build", "-q", "-t", tag, dir], { env: { DOCKER_BUILDKIT: "0" } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A prefix for runCli's `wrap`: the CLI runs in a mount namespace of its own where /etc/docker
 * holds a daemon.json naming this daemon's data root, as a host whose dockerd was configured so
 * (this daemon takes its data root from a flag, which nothing outside it can read once it is
 * down). The namespace ends with the CLI; the host's /etc/docker is never touched.
 */
export function withDaemonJson(docker: TestDocker): string[] {
  if (!existsSync("/etc/docker")) throw new Error("/etc/docker is missing: docker.io makes it (apt-get install docker.io)");
  const etc = join(dirname(docker.dataRoot), "etc-docker");
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, "daemon.json"), JSON.stringify({ "data-root": docker.dataRoot }));
  return ["unshare", "--mount", "--propagation", "private", "sh", "-c", 'mount --bind "$0" /etc/docker && exec "$@"', etc];
}
