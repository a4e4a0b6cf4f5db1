// Real podman for the tests that need a container runtime: whether it can run here, the
// environment it needs on these VMs (DESIGN.md, Facts), a busybox base image made without a
// registry, images built on it, and removal of everything a test run made.
//
// Every image and container a test makes is named `ol-test-<pid>-…`: the pid says which test
// process made it, so cleanup removes this process's things and those of test processes that
// died before their afterAll, never those of a suite still running beside it.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findProgram } from "../../src/sys/host.js";
import { isRoot } from "./cli.js";
import { recordMade, suiteDir } from "./suite.js";

export const TEST_PREFIX = "ol-test-";
const BUSYBOX = "/bin/busybox";
const INSTALL = "apt-get install podman runc busybox-static";
// Applets the lessons and tests run inside a container; the base links every applet anyway.
const NEEDED_APPLETS = "sh ls cat rm mkdir dd echo sleep stat du find touch cp mv head printf true".split(" ");

/**
 * `ol-test-<pid>-<what>`: a name for an image or container of this test process, written down
 * for the global teardown, which removes it if a failed test left it.
 */
export function testName(what: string): string {
  const name = `${TEST_PREFIX}${process.pid}-${what}`;
  recordMade("podman", name);
  return name;
}

let environment: Record<string, string> | undefined;

/**
 * The variables podman needs on these VMs: CONTAINERS_CONF (ulimits it may set without
 * CAP_SYS_RESOURCE, runc, cgroupfs on hybrid cgroups) and BUILDAH_ISOLATION=chroot. One file for
 * the whole suite, in the suite's directory, which the global teardown removes (vitest's workers
 * are ended without running exit hooks, so a per-process temp dir would be left behind).
 */
const podmanConfDir = (): string => join(suiteDir(), "containers-conf");

export function podmanEnv(): Record<string, string> {
  if (environment !== undefined) return environment;
  mkdirSync(podmanConfDir(), { recursive: true, mode: 0o700 });
  const conf = join(podmanConfDir(), "containers.conf");
  // Written whole and renamed into place: workers running side by side may all write it.
  const staged = `${conf}.${process.pid}`;
  writeFileSync(
    staged,
    [
      "[containers]",
      'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
      "",
      "[engine]",
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      "",
    ].join("\n"),
  );
  renameSync(staged, conf);
  environment = { CONTAINERS_CONF: conf, BUILDAH_ISOLATION: "chroot" };
  return environment;
}

/**
 * Put podmanEnv() into this process's environment: src/runtime runs podman through
 * sys/exec.ts, whose children inherit process.env, exactly as a learner's CONTAINERS_CONF
 * reaches them.
 */
export function usePodmanEnv(): void {
  Object.assign(process.env, podmanEnv());
}

/** Run podman with podmanEnv(); throws with its stderr when it fails. */
export function podman(args: readonly string[], options: { allowFailure?: boolean } = {}): string {
  const result: SpawnSyncReturns<string> = spawnSync("podman", args, {
    encoding: "utf8",
    env: { ...process.env, ...podmanEnv(), LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 300_000,
  });
  if (result.status !== 0 && options.allowFailure !== true) {
    throw new Error(`podman ${args.join(" ")} failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
  }
  return result.stdout ?? "";
}

/** Why the podman tests must skip on this machine, or undefined when podman can run them. */
export function podmanReason(): string | undefined {
  if (!isRoot) return "not root: the podman tests use root's container store (CI runs as root)";
  if (findProgram("podman") === undefined) return `podman is not installed (${INSTALL})`;
  if (findProgram("runc") === undefined) return `runc is not installed (${INSTALL})`;
  if (!isStaticBusybox()) return `${BUSYBOX} is missing or not static: the base image has no libc (${INSTALL})`;
  const info = spawnSync("podman", ["info", "--format", "{{.Store.GraphDriverName}}"], {
    encoding: "utf8",
    env: { ...process.env, ...podmanEnv(), LC_ALL: "C" },
    timeout: 60_000,
  });
  if (info.status !== 0) return `podman does not work here: ${(info.stderr ?? "").trim().split("\n")[0] ?? info.error?.message}`;
  if (info.stdout.trim() !== "overlay") return `podman's storage driver is ${info.stdout.trim()}, not overlay`;
  return undefined;
}

/** A dynamically linked busybox names its loader (PT_INTERP) within the first bytes of the file. */
export function isStaticBusybox(): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(BUSYBOX, "r");
    const head = Buffer.alloc(4096);
    const length = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, length).toString("latin1");
    return text.startsWith("\x7fELF") && !/ld-linux|ld-musl|ld\.so/.test(text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The one regular file of the base besides busybox, for a later COPY to replace. */
export const BASE_FILE = { path: "/etc/ol-release", content: "overlay-lesson busybox base\n" };

/**
 * The root of a base image with no registry, as a tar in `dir`: the static /bin/busybox and a
 * symlink for each of its applets (/bin/sh → busybox, …), /tmp and BASE_FILE. Returns its path.
 */
export function busyboxBaseTar(dir: string): string {
  const root = join(dir, "root");
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(join(root, "tmp"));
  chmodSync(join(root, "tmp"), 0o1777); // past the umask
  mkdirSync(join(root, dirname(BASE_FILE.path)), { recursive: true });
  writeFileSync(join(root, BASE_FILE.path), BASE_FILE.content);
  copyFileSync(BUSYBOX, join(root, "bin/busybox"));
  const listed = spawnSync(BUSYBOX, ["--list"], { encoding: "utf8" }).stdout.split("\n");
  const applets = new Set([...NEEDED_APPLETS, ...listed.filter((name) => /^[\w.[-]+$/.test(name))]);
  applets.delete("busybox");
  for (const applet of applets) symlinkSync("busybox", join(root, "bin", applet));
  const tar = join(dir, "base.tar");
  const tarred = spawnSync("tar", ["-C", root, "-cf", tar, "."], { encoding: "utf8" });
  if (tarred.status !== 0) throw new Error(`tar failed: ${tarred.stderr}`);
  return tar;
}

/** A base image with no registry: `podman import` of busyboxBaseTar(). Returns its id. */
export function buildBusyboxBase(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEST_PREFIX}base-`));
  try {
    return podman(["import", "--quiet", busyboxBaseTar(dir), tag]).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `podman build` of `containerfile` with `contextFiles` (path → content) in its context, every
 * step kept as a layer. Returns the image id.
 */
export function buildImage(tag: string, containerfile: string, contextFiles: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEST_PREFIX}context-`));
  try {
    writeFileSync(join(dir, "Containerfile"), containerfile);
    for (const [path, content] of Object.entries(contextFiles)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const output = podman(["build", "--quiet", "--layers", "-t", tag, "-f", join(dir, "Containerfile"), dir]);
    return output.trim().split("\n").at(-1) ?? "";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Remove images by name or id (and the intermediate images only they used); absent ones are fine. */
export function removeImages(...images: string[]): void {
  if (images.length > 0) podman(["rmi", "--force", "--ignore", ...images]);
}

/** The pid in an `ol-test-<pid>-…` name, when the name is one of ours. */
function testPidOf(name: string): number | undefined {
  const match = new RegExp(`^(?:localhost/)?${TEST_PREFIX}(\\d+)-`).exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function isOursToRemove(name: string): boolean {
  const pid = testPidOf(name);
  if (pid === undefined) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false; // a test process still running beside us
  } catch {
    return true;
  }
}

/** For afterAll: remove this test process's containers and images, and those of dead test runs. */
export function cleanupTestContainersAndImages(): void {
  const containers = fieldsPerLine(podman(["ps", "-a", "--format", "{{.ID}} {{.Names}}"]))
    .filter(([, name]) => name !== undefined && isOursToRemove(name))
    .map(([id]) => id);
  if (containers.length > 0) podman(["rm", "--force", "--time", "0", "--volumes", ...containers]);
  const images = fieldsPerLine(podman(["images", "--format", "{{.ID}} {{.Repository}}"]))
    .filter(([, name]) => name !== undefined && isOursToRemove(name))
    .map(([id]) => id);
  if (images.length > 0) removeImages(...new Set(images));
}

/** `podman ps -a -q --no-trunc` and `podman images -a -q --no-trunc`, to compare before and after. */
/**
 * The containers and images this test process made (named testName(…)) that still exist. Other
 * test files and other users of the machine make their own in the meantime: only ours count.
 */
export function ourPodmanObjectsLeft(): string[] {
  const mine = `${TEST_PREFIX}${process.pid}-`;
  const names = (output: string): string[] => output.split("\n").filter((line) => line.includes(mine));
  return [
    ...names(podman(["ps", "-a", "--format", "{{.Names}}"])),
    ...names(podman(["images", "--format", "{{.Repository}}:{{.Tag}}"])),
  ].sort();
}

function fieldsPerLine(output: string): Array<[string, string | undefined]> {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [id = "", name] = line.trim().split(/\s+/);
      return [id, name];
    });
}
