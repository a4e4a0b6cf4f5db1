// Running, entering and removing the containers a lesson makes. Every container we run
// carries ownerLabels() (labels.ts) so that `cleanup` can find it even if we crash, and is
// registered with the cleanup registry by the caller, whose teardown calls removeContainerSync.
import type { CommandResult, RunOptions } from "../sys/exec.js";
import { EXEC_TIMEOUT_MS, problemOf, RUN_TIMEOUT_MS, RuntimeError, runRuntime, runtimeOutput, runtimeOutputSync } from "./command.js";
import type { RuntimeName } from "./types.js";

export interface RunContainerOptions {
  image: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The container's command; the image's CMD when omitted. */
  command?: readonly string[];
}

/** `run -d`: start a container in the background; its full id. */
export async function runContainer(runtime: RuntimeName, options: RunContainerOptions, runOptions: RunOptions = {}): Promise<string> {
  const labels = Object.entries(options.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const argv = [
    "run",
    "-d",
    "--name",
    options.name,
    ...labels,
    // A lesson container needs no network, and docker on these VMs runs with --bridge=none.
    "--network",
    "none",
    "--",
    options.image,
    ...(options.command ?? []),
  ];
  const stdout = await runtimeOutput(runtime, argv, { timeoutMs: RUN_TIMEOUT_MS, ...runOptions });
  // The id is the last line: a runtime may print other lines (a pull) before it.
  return stdout.trim().split("\n").at(-1) ?? "";
}

/**
 * `exec NAME sh ...shArgs` (e.g. ["-c", "echo hi > /data/x"]): the result whatever its exit
 * code, since a lesson shows a failing command's output as faithfully as a succeeding one's.
 */
export function execInContainer(
  runtime: RuntimeName,
  name: string,
  shArgs: readonly string[],
  runOptions: RunOptions = {},
): Promise<CommandResult> {
  return runRuntime(runtime, ["exec", name, "sh", ...shArgs], { timeoutMs: EXEC_TIMEOUT_MS, ...runOptions });
}

/**
 * Stop and remove a container at once, with its anonymous volumes; nothing to do when it is
 * already gone. podman's `rm -f` first sends SIGTERM and waits 10 s, which a `sleep` as PID 1
 * ignores: `-t 0` kills at once (docker's `rm -f` kills at once and has no -t).
 */
function removeArgs(runtime: RuntimeName, name: string): string[] {
  return ["rm", "-f", "-v", ...(runtime === "podman" ? ["-t", "0"] : []), "--", name];
}

export async function removeContainer(runtime: RuntimeName, name: string): Promise<void> {
  const result = await runRuntime(runtime, removeArgs(runtime, name));
  throwUnlessGone(runtime, result);
}

/** The synchronous variant, for teardown (sys/cleanup.ts runs synchronously, see there). */
export function removeContainerSync(runtime: RuntimeName, name: string): void {
  try {
    runtimeOutputSync(runtime, removeArgs(runtime, name));
  } catch (error) {
    if (error instanceof RuntimeError && error.problem === "no-such-container") return;
    throw error;
  }
}

function throwUnlessGone(runtime: RuntimeName, result: CommandResult): void {
  if (result.exitCode === 0 || problemOf(result) === "no-such-container") return;
  throw new RuntimeError(runtime, problemOf(result), result);
}
