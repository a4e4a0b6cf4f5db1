// Every pattern we match in docker's, podman's and containerd's ctr's stderr lives in this one table (STYLE.md:
// never substrings scattered through the code), each with a test, so that a wording change in
// either CLI breaks one test and not the lessons. Messages are matched under LC_ALL=C (exec.ts).

export type RuntimeProblem =
  /** The CLI is not on PATH (or not executable): execa reports ENOENT/EACCES for the spawn. */
  | "absent"
  /** The CLI is there but no daemon answers on its socket (docker's, containerd's; podman has no daemon). */
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
  // ctr: 'ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc =
  // "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied"'.
  [/failed to dial "[^"]*":.*permission denied/, "permission-denied"],
  // docker: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker
  // daemon running?"; podman-remote: "Cannot connect to Podman. Please verify your connection…".
  [/cannot connect to the docker daemon|is the docker daemon running|cannot connect to podman/i, "no-daemon"],
  // ctr: 'ctr: failed to dial "/run/containerd/containerd.sock": context deadline exceeded' (no
  // socket), '…: connect: connection refused' (a socket nobody listens on).
  [/failed to dial "[^"]*"/, "no-daemon"],
  // docker: "Error: No such container: x" (plain `inspect` says "No such object"; we always
  // ask `container inspect`). podman: "no such container x", and for rm without -f
  // "no container with name or ID "x" found: no such container".
  // ctr: 'ctr: container "web" in namespace "k8s.io": not found'.
  [/no such container|no container with name or id|container "[^"]*" in namespace "[^"]*": not found/i, "no-such-container"],
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
