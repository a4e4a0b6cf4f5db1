// A user of the test's own running rootless podman, as on a shared host where each user keeps
// containers in their home: made with useradd (subordinate ids in /etc/subuid and /etc/subgid,
// added when useradd did not), a runtime dir of their own, podman's settings for these VMs
// (DESIGN.md: runc, cgroupfs, the ulimits it may set) in ~/.config/containers/containers.conf,
// and, when asked for, a storage.conf choosing overlay (rootless podman 4.3 picks vfs without
// one). Everything they do runs as them (runuser); as root, the test then reads their store. The
// user is recorded as made, so that the suite's teardown removes them if the test could not;
// remove() ends their processes (by pid), their store, their home and their subordinate ids.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { chownSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { busyboxBaseTar } from "./podman.js";
import { recordMade } from "./suite.js";
import { removeTestUser, subordinateRanges } from "./users.js";

export interface TestUser {
  name: string;
  uid: number;
  home: string;
  /** `podman ...args` as the user; throws with its stderr when it fails. */
  podman(args: readonly string[], options?: { allowFailure?: boolean }): string;
  /** A base image of busybox, imported as the user. */
  importBase(tag: string): void;
  /** `podman build` as the user, every step kept as a layer. */
  buildImage(tag: string, containerfile: string): void;
  /** Write a storage.conf choosing `driver` and start their store afresh on it. */
  useDriver(driver: "overlay" | "vfs"): void;
  /** End their processes, remove them, their home (their store with it), their ids and runtime dir. */
  remove(): void;
}

const run = (program: string, args: readonly string[]): SpawnSyncReturns<string> =>
  spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000, env: { ...process.env, LC_ALL: "C" } });

function must(program: string, args: readonly string[]): string {
  const result = run(program, args);
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return result.stdout;
}

const CONTAINERS_CONF = [
  "[containers]",
  'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
  "",
  "[engine]",
  'runtime = "runc"',
  'cgroup_manager = "cgroupfs"',
  "",
].join("\n");

/** Write `content` at `path` in the user's home, theirs. */
function writeAs(user: { uid: number }, path: string, content: string): void {
  writeFileSync(path, content);
  chownSync(path, user.uid, user.uid);
}

/**
 * A user `olt<pid><tag>` with rootless podman ready; `driver`: a storage.conf choosing it (none:
 * podman's own choice, vfs for rootless podman 4.3).
 */
export function createPodmanUser(tag: string, options: { driver?: "overlay" | "vfs" } = {}): TestUser {
  const name = `olt${process.pid}${tag}`;
  recordMade("user", name, `a rootless podman user of a test (${tag})`);
  must("useradd", ["--create-home", "--shell", "/bin/sh", name]);
  const uid = Number(must("id", ["-u", name]).trim());
  const home = must("getent", ["passwd", name]).split(":")[5] ?? `/home/${name}`;
  // Ranges far apart per test process, so that files running side by side never overlap.
  const start = 300_000_000 + (process.pid % 4000) * 65_536;
  if (subordinateRanges("/etc/subuid", name).length === 0) must("usermod", ["--add-subuids", `${start}-${start + 65_535}`, name]);
  if (subordinateRanges("/etc/subgid", name).length === 0) must("usermod", ["--add-subgids", `${start}-${start + 65_535}`, name]);
  const runtimeDir = `/run/user/${uid}`;
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  chownSync(runtimeDir, uid, uid);
  const config = join(home, ".config/containers");
  for (const dir of [join(home, ".config"), config]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, uid);
  }
  writeAs({ uid }, join(config, "containers.conf"), CONTAINERS_CONF);
  if (options.driver !== undefined) writeAs({ uid }, join(config, "storage.conf"), `[storage]\ndriver = "${options.driver}"\n`);
  const podman = (args: readonly string[], opts: { allowFailure?: boolean } = {}): string => {
    const env = [
      `HOME=${home}`,
      `XDG_RUNTIME_DIR=${runtimeDir}`,
      "BUILDAH_ISOLATION=chroot",
      "LC_ALL=C",
      `TMPDIR=${tmpdir()}`,
      `PATH=${process.env.PATH ?? ""}`,
    ];
    const result = spawnSync("runuser", ["-u", name, "--", "env", "-i", ...env, "podman", ...args], {
      encoding: "utf8",
      cwd: home,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
    });
    if (result.status !== 0 && opts.allowFailure !== true) {
      throw new Error(`podman ${args.join(" ")} as ${name} failed (${result.status ?? result.signal}): ${result.stderr}`);
    }
    return result.stdout ?? "";
  };
  /** A directory in their home, theirs, for a tar or a build context. */
  const scratch = (what: string): string => {
    const dir = join(home, what);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const chownTree = (dir: string) => must("chown", ["-R", `${uid}:${uid}`, dir]);
  return {
    name,
    uid,
    home,
    podman,
    importBase(imageTag) {
      const dir = scratch("base");
      const tar = busyboxBaseTar(dir);
      chownTree(dir);
      podman(["import", "--quiet", tar, imageTag]);
      rmSync(dir, { recursive: true, force: true });
    },
    buildImage(imageTag, containerfile) {
      const dir = scratch("context");
      writeFileSync(join(dir, "Containerfile"), containerfile);
      chownTree(dir);
      podman(["build", "--quiet", "--layers", "-t", imageTag, dir]);
      rmSync(dir, { recursive: true, force: true });
    },
    useDriver(driver) {
      writeAs({ uid }, join(config, "storage.conf"), `[storage]\ndriver = "${driver}"\n`);
      podman(["system", "reset", "--force"]);
    },
    remove() {
      podman(["rm", "--all", "--force", "--time", "0"], { allowFailure: true });
      removeTestUser(name);
    },
  };
}
