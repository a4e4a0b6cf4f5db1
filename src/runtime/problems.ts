// Every pattern we match in docker's and podman's stderr lives in this one table (STYLE.md:
// never substrings scattered through the code), each with a test, so that a wording change in
// either CLI breaks one test and not the lessons. Messages are matched under LC_ALL=C (exec.ts).

export type RuntimeProblem =
  /** The CLI is not on PATH (or not executable): execa reports ENOENT/EACCES for the spawn. */
  | "absent"
  /** The docker CLI is there but no daemon answers on its socket (podman has no daemon). */
  | "no-daemon"
  /** A daemon answers, but only to root or the docker group. */
  | "permission-denied"
  | "no-such-container"
  | "no-such-image";

const PATTERNS: ReadonlyArray<readonly [RegExp, RuntimeProblem]> = [
  // execa's shortMessage when the program cannot be started at all (exec.ts puts it in stderr):
  // "Command failed with ENOENT: docker version … spawn docker ENOENT".
  [/Command failed with (?:ENOENT|EACCES)\b|spawn \S+ (?:ENOENT|EACCES)\b/, "absent"],
  // docker: "permission denied while trying to connect to the Docker daemon socket at unix://…".
  // Listed before "no-daemon": both name the daemon, only this one is cured by sudo.
  [/permission denied while trying to connect to the docker daemon/i, "permission-denied"],
  // docker: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker
  // daemon running?"; podman-remote: "Cannot connect to Podman. Please verify your connection…".
  [/cannot connect to the docker daemon|is the docker daemon running|cannot connect to podman/i, "no-daemon"],
  // docker: "Error: No such container: x" (plain `inspect` says "No such object"; we always
  // ask `container inspect`). podman: "no such container x", and for rm without -f
  // "no container with name or ID "x" found: no such container".
  [/no such container|no container with name or id/i, "no-such-container"],
  // docker: "Error: No such image: x"; podman: "x: image not known".
  [/no such image|image not known/i, "no-such-image"],
];

export function classifyRuntimeError(stderr: string): RuntimeProblem | undefined {
  for (const [pattern, problem] of PATTERNS) {
    if (pattern.test(stderr)) return problem;
  }
  return undefined;
}

/** The patterns themselves, for the test that walks every row. */
export const RUNTIME_ERROR_PATTERNS = PATTERNS;
