// Running, entering and removing the containers a lesson makes, through a docker-compatible CLI.
// Every container we run carries ownerLabels() (labels.ts) so that `cleanup` can find it even if
// we crash, and is registered with the cleanup registry by the caller, whose teardown calls the
// adapter's lifecycle.removeSync.
import type { CommandResult, RunOptions } from "../sys/exec.js";
import type { RunContainerOptions } from "./adapter.js";
import { EXEC_TIMEOUT_MS, problemOf, RUN_TIMEOUT_MS, RuntimeError, runRuntime, runtimeOutput, runtimeOutputSync } from "./command.js";
import type { CliDialect } from "./docker-compatible.js";

/** `run -d`: start a container in the background; its full id. */
export async function runContainer(cli: CliDialect, options: RunContainerOptions, runOptions: RunOptions = {}): Promise<string> {
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
  const stdout = await runtimeOutput(cli, argv, { timeoutMs: RUN_TIMEOUT_MS, ...runOptions });
  // The id is the last line: a runtime may print other lines (a pull) before it.
  return stdout.trim().split("\n").at(-1) ?? "";
}

/**
 * `exec NAME sh ...shArgs` (e.g. ["-c", "echo hi > /data/x"]): the result whatever its exit
 * code, since a lesson shows a failing command's output as faithfully as a succeeding one's.
 */
export function execInContainer(
  cli: CliDialect,
  name: string,
  shArgs: readonly string[],
  runOptions: RunOptions = {},
): Promise<CommandResult> {
  return runRuntime(cli, ["exec", name, "sh", ...shArgs], { timeoutMs: EXEC_TIMEOUT_MS, ...runOptions });
}

/** Stop and remove a container at once, with its anonymous volumes (CliDialect.removeFlags: at once). */
function removeArgs(cli: CliDialect, name: string): string[] {
  return ["rm", "-f", "-v", ...cli.removeFlags, "--", name];
}

export async function removeContainer(cli: CliDialect, name: string): Promise<void> {
  const result = await runRuntime(cli, removeArgs(cli, name));
  if (result.exitCode === 0 || problemOf(result) === "no-such-container") return;
  throw new RuntimeError(cli.runtime, problemOf(result), result);
}

/** The synchronous variant, for teardown (sys/cleanup.ts runs synchronously, see there). */
export function removeContainerSync(cli: CliDialect, name: string): void {
  try {
    runtimeOutputSync(cli, removeArgs(cli, name));
  } catch (error) {
    if (error instanceof RuntimeError && error.problem === "no-such-container") return;
    throw error;
  }
}
