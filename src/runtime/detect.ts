// Whether a runtime answers. Three answers matter to a learner and each needs a different fix:
// the CLI is absent (install it), its daemon does not answer (start it), or it works. The
// registry probes every adapter in its order of preference (registry.ts).
import { findProgram } from "../sys/host.js";
import { problemOf, runRuntime } from "./command.js";
import type { CliDialect } from "./docker-compatible.js";
import type { RuntimeName } from "./registry.js";

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

/**
 * `info` rather than `version`: it needs docker's daemon, and makes podman open its store, so
 * "ok" means a container can be inspected, not just that the CLI prints its own version.
 */
export async function probeCli(cli: CliDialect): Promise<RuntimeProbe> {
  const path = findProgram(cli.program);
  const base = { runtime: cli.runtime, path, version: undefined, driver: undefined };
  if (path === undefined) return { ...base, state: "absent", detail: `${cli.program} is not on PATH` };
  const result = await runRuntime(cli, ["info", "--format", cli.infoFormat]);
  const detail = result.stderr.split("\n").find((line) => line.trim() !== "") ?? "";
  if (result.exitCode !== 0) {
    const problem = problemOf(result);
    const state: RuntimeState = problem === "absent" || problem === "no-daemon" || problem === "permission-denied" ? problem : "error";
    return { ...base, state, detail };
  }
  const [version = "", driver = ""] = result.stdout.trim().split("\t");
  return { ...base, state: "ok", version: version || undefined, driver: driver || undefined, detail };
}
