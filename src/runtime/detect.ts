// Which container runtimes this machine has, and whether each answers. docker is asked first
// (DESIGN.md: the lesson prefers it), then podman. Three answers matter to a learner and each
// needs a different fix: the CLI is absent (install it), docker's daemon does not answer
// (start it), or it works.
import { findProgram } from "../sys/host.js";
import { problemOf, runRuntime } from "./command.js";
import { RUNTIMES, type RuntimeName } from "./types.js";

export type RuntimeState = "ok" | "absent" | "no-daemon" | "permission-denied" | "error";

export interface RuntimeProbe {
  runtime: RuntimeName;
  state: RuntimeState;
  /** Where the CLI was found on PATH. */
  path: string | undefined;
  /** The engine's version ("28.2.2", "4.3.1") when it answered. */
  version: string | undefined;
  /** Its storage driver: "overlay2" / "overlay" show overlays; "vfs" or "overlayfs" (containerd) do not. */
  driver: string | undefined;
  /** The first line of the runtime's complaint, when it had one. */
  detail: string;
}

// `info` rather than `version`: it needs docker's daemon, and makes podman open its store,
// so "ok" means a container can be inspected, not just that the CLI prints its own version.
const INFO_FORMAT: Record<RuntimeName, string> = {
  docker: "{{.ServerVersion}}\t{{.Driver}}",
  podman: "{{.Version.Version}}\t{{.Store.GraphDriverName}}",
};

export async function probeRuntime(runtime: RuntimeName): Promise<RuntimeProbe> {
  const path = findProgram(runtime);
  const base = { runtime, path, version: undefined, driver: undefined };
  if (path === undefined) return { ...base, state: "absent", detail: `${runtime} is not on PATH` };
  const result = await runRuntime(runtime, ["info", "--format", INFO_FORMAT[runtime]]);
  const detail = result.stderr.split("\n").find((line) => line.trim() !== "") ?? "";
  if (result.exitCode !== 0) {
    const problem = problemOf(result);
    const state: RuntimeState = problem === "absent" || problem === "no-daemon" || problem === "permission-denied" ? problem : "error";
    return { ...base, state, detail };
  }
  const [version = "", driver = ""] = result.stdout.trim().split("\t");
  return { ...base, state: "ok", version: version || undefined, driver: driver || undefined, detail };
}

/** Every runtime we know, docker first, each with its state. */
export function detectRuntimes(): Promise<RuntimeProbe[]> {
  return Promise.all(RUNTIMES.map(probeRuntime));
}

/** The runtimes that answer, in order of preference. */
export async function usableRuntimes(): Promise<RuntimeName[]> {
  return (await detectRuntimes()).filter((probe) => probe.state === "ok").map((probe) => probe.runtime);
}
