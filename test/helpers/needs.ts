// What a test needs from the machine, found out by asking it (is the program on PATH and does it
// answer a real call), never from a flag. A suite whose needs are not met is skipped with one
// printed line naming the program and the Debian package that brings it, and the reason is
// written down for the run's last line (test/skip-tally.ts: what was skipped and why).
//
// A contributor's machine has Node and util-linux; the full suite also drives podman (with runc
// and a static busybox for a base image without a registry), a dockerd of its own (docker.io), a
// containerd of its own (containerd), getfattr (attr), tmux, a second user, and Chromium for the HTML
// report. `.ci/run` installs them; README "Develop" gives the one apt-get line.
import { spawnSync } from "node:child_process";
import { describe } from "vitest";
import { findProgram } from "../../src/sys/host.js";
import { barePathReason } from "./bare-path.js";
import { chromiumReason } from "./browser.js";
import { containerdReason } from "./containerd.js";
import { dockerReason } from "./docker.js";
import { podmanReason } from "./podman.js";
import { appendRecord } from "./suite.js";

export type Need =
  | "root"
  | "podman"
  | "dockerd"
  | "containerd"
  | "tmux"
  | "getfattr"
  | "nobody"
  | "dpkg"
  | "chromium"
  | "useradd"
  | "newuidmap";

/** The one line that installs everything the suite can drive (README "Develop" says the same). */
export const INSTALL_ALL = "sudo apt-get install podman runc busybox-static docker.io containerd attr uidmap tmux chromium";

const answers = (program: string, args: readonly string[]): boolean =>
  spawnSync(program, args, { stdio: "ignore", timeout: 10_000 }).status === 0;

const PROBES: Record<Need, () => string | undefined> = {
  root: () => (process.getuid?.() === 0 ? undefined : "not root: real overlay mounts need root (CI runs the suite as root)"),
  podman: () => podmanReason(),
  // A dockerd of the test's own (test/helpers/docker.ts), never the machine's: only its programs are asked for.
  dockerd: () => dockerReason(),
  // A containerd of the test's own (test/helpers/containerd.ts), never the machine's: containerd and ctr on PATH, podman to build its image.
  containerd: () => containerdReason(),
  tmux: () => (answers("tmux", ["-V"]) ? undefined : "tmux is not installed (apt-get install tmux)"),
  getfattr: () => (answers("getfattr", ["--version"]) ? undefined : "getfattr is not installed (apt-get install attr)"),
  nobody: () => (answers("id", ["-u", "nobody"]) ? undefined : "there is no user nobody to run the lessons as an ordinary user"),
  dpkg: () => barePathReason(),
  // The HTML report's page is tested in Debian's Chromium, driven by playwright-core (never a downloaded browser).
  chromium: () => chromiumReason(),
  // A user of the test's own, made and removed by it (test/helpers/rootless-podman.ts).
  useradd: () =>
    ["useradd", "usermod", "userdel", "runuser"].every((program) => findProgram(program) !== undefined)
      ? undefined
      : "useradd, usermod, userdel or runuser is missing (apt-get install passwd util-linux)",
  // Rootless podman maps the user's subordinate ids with these setuid helpers.
  newuidmap: () =>
    findProgram("newuidmap") !== undefined && findProgram("newgidmap") !== undefined
      ? undefined
      : "newuidmap is not installed (apt-get install uidmap)",
};

const cache = new Map<Need, string | undefined>();

/** Why the first of `needs` that this machine lacks is lacking, or undefined when it has them all. */
export function unmet(...needs: readonly Need[]): string | undefined {
  for (const need of needs) {
    if (!cache.has(need)) cache.set(need, PROBES[need]());
    const reason = cache.get(need);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

export interface SkipRecord {
  suite: string;
  reason: string;
}

/** One printed line, and the reason kept for the tally. */
export function announceSkip(suite: string, reason: string): void {
  console.log(`skipping "${suite}": ${reason}`);
  appendRecord("skips", { suite, reason } satisfies SkipRecord);
}

/**
 * Inside a test: skip it, with its reason for the tally, where `needs` are not met. For a test of
 * a suite that otherwise runs (the terminal checks of a lesson's suite need tmux, the rest not).
 */
export function skipUnless(context: { skip(note?: string): never; task: { name: string } }, ...needs: readonly Need[]): void {
  const reason = unmet(...needs);
  if (reason === undefined) return;
  console.log(`skipping "${context.task.name}": ${reason}`);
  context.skip(reason);
}

/**
 * describe() that runs only where `needs` are met, else skips with its reason. Whatever the suite
 * makes belongs in its hooks, not in `body` itself: vitest still calls `body` to collect the tests
 * of a skipped suite.
 */
export function describeWith(needs: readonly Need[], name: string, body: () => void): void {
  const reason = unmet(...needs);
  if (reason !== undefined) announceSkip(name, reason);
  describe.skipIf(reason !== undefined)(name, body);
}
