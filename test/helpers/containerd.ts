// Real containerd for the tests of the containerd adapter: an instance of the test file's own,
// with its root, state, sockets and opt dir in a temp dir of the suite (never the host's
// /var/lib/containerd or /run/containerd), its CRI plugin off (the tests set the kubelet's labels
// themselves), reached through CONTAINERD_ADDRESS. Images come without a registry: built with
// podman (test/helpers/podman.ts), saved as a docker archive and `ctr images import`ed. The
// daemon and each task's init process are recorded as made, so that the suite's
// teardown kills them if a test could not; stop() removes every task, container and image, stops
// the daemon and removes the directory, on every way out.
//
// runc's root and ctr's FIFOs are the test's too (run's --runc-root, --fifo-dir; exec in the test
// passes fifoDir). One thing is shared with the host: containerd 1.6's shims put their sockets in
// /run/containerd/s whatever --state says; each is removed when its task is deleted.
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProgram } from "../../src/sys/host.js";
import { isRoot } from "./cli.js";
import { alive, endProcess, sleepSync } from "./daemons.js";
import { removeTree } from "./leftovers.js";
import { podman, podmanReason } from "./podman.js";
import { recordMade } from "./suite.js";

const INSTALL = "apt-get install containerd";

/** Why the containerd tests must skip on this machine, or undefined when they can start a containerd. */
export function containerdReason(): string | undefined {
  if (!isRoot) return "not root: a test containerd needs root";
  if (findProgram("containerd") === undefined) return `containerd is not installed (${INSTALL})`;
  if (findProgram("ctr") === undefined) return `ctr, containerd's CLI, is not installed (${INSTALL})`;
  // The test image is built with podman, there being no registry to pull one from.
  return podmanReason();
}

export interface CtrOptions {
  allowFailure?: boolean;
  namespace?: string;
}

export interface TestContainerd {
  /** Its socket: CONTAINERD_ADDRESS for the CLIs a test starts. */
  address: string;
  /** containerd's root (snapshots, metadata) and state (task bundles). */
  root: string;
  state: string;
  /** The overlayfs snapshotter's root, beneath `root`. */
  snapshotter: string;
  /** Where ctr makes a task's stdio FIFOs (`tasks exec --fifo-dir`): not the host's /run/containerd/fifo. */
  fifoDir: string;
  /** `ctr ...args` against this instance (namespace k8s.io unless said); throws with its stderr when it fails. */
  ctr(args: readonly string[], options?: CtrOptions): string;
  /** `ctr run -d ID sleep 1000` with labels; the task's init process is recorded as made. */
  run(id: string, image: string, labels: Readonly<Record<string, string>>, options?: { namespace?: string }): void;
  /** SIGTERM the daemon alone: its shims, their tasks and mounts stay, as on a node whose containerd is restarted. */
  stopDaemon(): void;
  /** Start the daemon again on the same root and state. */
  startDaemon(): void;
  /** Every task, container and image removed, the daemon stopped, anything mounted beneath undone, the directory removed. */
  stop(): void;
}

function configFile(dir: string): string {
  const path = join(dir, "config.toml");
  writeFileSync(
    path,
    [
      "version = 2",
      `root = "${join(dir, "root")}"`,
      `state = "${join(dir, "state")}"`,
      // The kubelet's CRI plugin would want CNI and a sandbox image from a registry: the tests label containers as it would.
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      "[grpc]",
      `  address = "${join(dir, "containerd.sock")}"`,
      "[ttrpc]",
      `  address = "${join(dir, "containerd.sock.ttrpc")}"`,
      "[debug]",
      `  address = "${join(dir, "debug.sock")}"`,
      // Its default is the host's /opt/containerd.
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = "${join(dir, "opt")}"`,
      "",
    ].join("\n"),
  );
  return path;
}

export function startContainerd(): TestContainerd {
  const dir = mkdtempSync(join(tmpdir(), "ol-test-containerd-"));
  const config = configFile(dir);
  const address = join(dir, "containerd.sock");
  const root = join(dir, "root");
  let pid = 0;
  const ctr = (args: readonly string[], options: CtrOptions = {}): string => {
    const result: SpawnSyncReturns<string> = spawnSync("ctr", ["--address", address, "-n", options.namespace ?? "k8s.io", ...args], {
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    if (result.status !== 0 && options.allowFailure !== true) {
      throw new Error(`ctr ${args.join(" ")} failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
    }
    return result.stdout ?? "";
  };
  const answers = (): boolean => spawnSync("ctr", ["--address", address, "version"], { stdio: "ignore", timeout: 10_000 }).status === 0;
  const startDaemon = (): void => {
    const log = openSync(join(dir, "containerd.log"), "a");
    const daemon = spawn("containerd", ["--config", config], { stdio: ["ignore", log, log], detached: true });
    closeSync(log);
    pid = daemon.pid ?? 0;
    recordMade("daemon", String(pid), `containerd of a containerd test, in ${dir}`);
    daemon.unref();
    for (let waited = 0; !existsSync(address) || !answers(); waited += 100) {
      if (waited > 20_000 || !alive(pid)) {
        const why = readFileSync(join(dir, "containerd.log"), "utf8").split("\n").slice(-5);
        throw new Error(`the test containerd did not answer within 20 s:\n${why.join("\n")}`);
      }
      sleepSync(100);
    }
  };
  const stopDaemon = (): void => {
    if (!alive(pid)) return;
    process.kill(pid, "SIGTERM");
    endProcess(pid, 10_000);
  };
  const run = (id: string, image: string, labels: Readonly<Record<string, string>>, options: { namespace?: string } = {}): void => {
    const flags = Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
    // runc's state and the stdio FIFOs would default to the host's /run/containerd/runc and …/fifo.
    ctr(["run", "-d", "--runc-root", join(dir, "runc"), "--fifo-dir", join(dir, "fifo"), ...flags, image, id, "sleep", "1000"], options);
    // Its init process, for the suite's teardown to kill if the test could not. Not its shim: once
    // its task is deleted the shim exits, reparented to PID 1, and where PID 1 reaps nothing (CI in
    // a container) it stays a zombie, which the teardown would take for a leftover.
    const init = Number(ctr(["tasks", "ls"], options).match(new RegExp(`^${id}\\s+(\\d+)`, "m"))?.[1]);
    recordMade("daemon", String(init), `task ${id} of the test containerd in ${dir}`);
  };
  const removeEverything = (): void => {
    for (const namespace of ctr(["namespaces", "ls", "-q"], { allowFailure: true }).split("\n").filter(Boolean)) {
      const inNamespace = { namespace, allowFailure: true };
      for (const id of ctr(["tasks", "ls", "-q"], inNamespace).split("\n").filter(Boolean)) {
        ctr(["tasks", "kill", "-s", "KILL", id], inNamespace);
        ctr(["tasks", "delete", "-f", id], inNamespace);
      }
      const containers = ctr(["containers", "ls", "-q"], inNamespace).split("\n").filter(Boolean);
      if (containers.length > 0) ctr(["containers", "rm", ...containers], inNamespace);
      const images = ctr(["images", "ls", "-q"], inNamespace).split("\n").filter(Boolean);
      if (images.length > 0) ctr(["images", "rm", ...images], inNamespace);
    }
  };
  const stop = (): void => {
    try {
      if (!alive(pid)) startDaemon();
      removeEverything();
    } finally {
      stopDaemon();
      removeTree(dir);
    }
  };
  startDaemon();
  return {
    address,
    root,
    state: join(dir, "state"),
    snapshotter: join(root, "io.containerd.snapshotter.v1.overlayfs"),
    fifoDir: join(dir, "fifo"),
    ctr,
    run,
    stopDaemon,
    startDaemon,
    stop,
  };
}

/** A podman image saved as a docker archive and imported into each of the test containerd's `namespaces`; its name there. */
export function importPodmanImage(containerd: TestContainerd, image: string, namespaces: readonly string[] = ["k8s.io"]): string {
  const dir = mkdtempSync(join(tmpdir(), "ol-test-containerd-image-"));
  try {
    const archive = join(dir, "image.tar");
    podman(["save", "--format", "docker-archive", "-o", archive, image]);
    for (const namespace of namespaces) containerd.ctr(["images", "import", archive], { namespace });
    return image.includes("/") ? image : `localhost/${image}:latest`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
