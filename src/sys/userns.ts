// Rootless mode: the lesson re-runs itself inside a user and mount namespace of its own
// (`unshare --user --map-root-user --mount --propagation private`), where an ordinary user is
// "root" over its own files and may mount overlays with `-o userxattr` (Linux >= 5.11). The
// guarantee root mode cannot give: every mount lives in that private namespace, so when the
// lesson's process dies, even by SIGKILL, the kernel drops them all.
//
// The process tree stays two deep: this process (outside) and the lesson (inside; unshare
// execs it, it does not fork). The outside process only waits, passes signals on, and holds a
// pipe whose closing tells the lesson that the outside is gone (SIGKILLed), so it tears down.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Socket } from "node:net";
import { constants, release } from "node:os";
import type { Messages } from "../i18n/index.js";
import { atLeast, findProgram, parseKernelVersion } from "./host.js";
import { SIGNAL_EXIT_CODES, type TerminationSignal } from "./signals.js";

/** Set by the outside process for the lesson it starts inside the namespace. */
export const ROOTLESS_ENV = "OVERLAY_LESSON_ROOTLESS";
/** The file descriptor of the pipe from the outside process. */
const PARENT_FD = 3;

export type RootlessProblem =
  | { kind: "no-unshare" }
  | { kind: "old-kernel"; version: string }
  | { kind: "apparmor" }
  | { kind: "max-user-namespaces" }
  | { kind: "userns-clone" }
  | { kind: "denied"; detail: string };

function readSysctl(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The identity map "0 0 4294967295" is the host's own: no user namespace of ours. */
const HOST_MAP = /^\s*0\s+0\s+4294967295\s*$/;

/** Are we the lesson inside its namespace (uid 0 mapped from an ordinary user)? */
export function insideLessonNamespace(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[ROOTLESS_ENV] !== "1") return false;
  // The variable alone proves nothing: the map must be the namespace's.
  return !HOST_MAP.test(readSysctl("/proc/self/uid_map") ?? "");
}

/**
 * The uid we have on the host: inside rootless mode's user namespace we are 0, mapped from the
 * uid that started the lesson (/proc/self/uid_map: `0 <host uid> 1`), which may be root's own.
 */
export function hostUid(): number | undefined {
  const map = readSysctl("/proc/self/uid_map") ?? "";
  const [inside, outside] = map.split(/\s+/);
  return map === "" || HOST_MAP.test(map) || inside !== "0" || outside === undefined ? process.getuid?.() : Number(outside);
}

/** What decides whether rootless mode can work: read from this host, or given by a test. */
export interface HostFacts {
  unshare: string | undefined;
  kernelRelease: string;
  sysctl(path: string): string | undefined;
  /** Try for real: can this user make a user and mount namespace? */
  probe(unshare: string): { ok: boolean; detail: string };
}

export function hostFacts(): HostFacts {
  return {
    unshare: findProgram("unshare"),
    kernelRelease: release(),
    sysctl: readSysctl,
    probe(unshare) {
      const result = spawnSync(unshare, ["--user", "--map-root-user", "--mount", "--propagation", "private", "true"], {
        encoding: "utf8",
        timeout: 10_000,
        env: { ...process.env, LC_ALL: "C" },
      });
      const detail = (result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n")[0] ?? "";
      return { ok: result.status === 0, detail };
    },
  };
}

/** Why an ordinary user cannot mount an overlay here, or undefined when it can (probed for real). */
export function rootlessProblem(facts: HostFacts = hostFacts()): RootlessProblem | undefined {
  if (facts.unshare === undefined) return { kind: "no-unshare" };
  const version = parseKernelVersion(facts.kernelRelease);
  if (version !== undefined && !atLeast(version, 5, 11)) return { kind: "old-kernel", version: facts.kernelRelease };
  // Each switch that turns unprivileged user namespaces off, named so the fix can be exact.
  if (facts.sysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") === "1") return { kind: "apparmor" };
  if (facts.sysctl("/proc/sys/user/max_user_namespaces") === "0") return { kind: "max-user-namespaces" };
  if (facts.sysctl("/proc/sys/kernel/unprivileged_userns_clone") === "0") return { kind: "userns-clone" };
  // Then ask the kernel: a container without the capability, seccomp, or a policy we cannot read.
  const probe = facts.probe(facts.unshare);
  return probe.ok ? undefined : { kind: "denied", detail: probe.detail };
}

/** The one line that says why rootless mode cannot run here and what to do, or undefined. */
export function rootlessRefusal(t: Messages, sudo: string, facts: HostFacts = hostFacts()): string | undefined {
  const problem = rootlessProblem(facts);
  if (problem === undefined) return undefined;
  switch (problem.kind) {
    case "old-kernel":
      return t.errors.rootless["old-kernel"](sudo, problem.version);
    case "denied":
      return t.errors.rootless.denied(sudo, problem.detail);
    default:
      return t.errors.rootless[problem.kind](sudo);
  }
}

/**
 * Run this same command again inside a fresh user and mount namespace, wait for it, and return
 * its exit code. Terminal signals reach both processes (one process group); ours only pass
 * them on, so that the lesson alone decides how to stop.
 */
export function runInNamespace(argv: readonly string[] = process.argv): Promise<number> {
  const unshare = findProgram("unshare") ?? "unshare";
  const [node = process.execPath, bin = "", ...args] = argv;
  const child = spawn(unshare, ["--user", "--map-root-user", "--mount", "--propagation", "private", node, bin, ...args], {
    stdio: ["inherit", "inherit", "inherit", "pipe"],
    env: { ...process.env, [ROOTLESS_ENV]: "1" },
  });
  const forward = (signal: TerminationSignal) => (): void => {
    child.kill(signal);
  };
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as TerminationSignal[]).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve) => {
    child.on("error", () => resolve(127));
    child.on("close", (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      // A lesson killed by a signal it could not handle (SIGKILL): 128 + its number, as a shell says.
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

/**
 * Inside the namespace: when the outside process goes away (it was SIGKILLed: its end of the
 * pipe closes), stop as if the terminal had hung up, so teardown still runs.
 */
export function watchOutsideProcess(): void {
  let pipe: Socket;
  try {
    pipe = new Socket({ fd: PARENT_FD, readable: true, writable: false });
  } catch {
    return; // no pipe: started some other way, nothing to watch
  }
  pipe.on("error", () => undefined);
  pipe.on("close", () => {
    process.kill(process.pid, "SIGHUP");
  });
  pipe.resume();
  // The pipe must not keep the lesson alive once it is done.
  pipe.unref();
}
