// How the adapters run a runtime's CLI: always through sys/exec.ts (the one importer of execa),
// always with an argv, and with failures turned into a RuntimeError that names the problem from
// the one stderr table in problems.ts.
//
// Environment: exec.ts passes { LC_ALL: "C" } and execa *extends* process.env with it
// (extendEnv defaults to true), so CONTAINERS_CONF, BUILDAH_ISOLATION, DOCKER_HOST,
// CONTAINER_HOST and PATH from the user's environment reach the CLI unchanged. Podman on
// hosts without CAP_SYS_RESOURCE needs CONTAINERS_CONF (DESIGN.md, Facts): test/e2e/runtime
// checks that it arrives by reading `ulimit -n` inside a container.
import { type CommandResult, type RunOptions, runCommand, runCommandSync, shellQuote } from "../sys/exec.js";
import { classifyRuntimeError, type RuntimeProblem } from "./problems.js";
import type { RuntimeName } from "./registry.js";

/** A runtime's CLI: the runtime it speaks for, and the program on PATH. */
export interface CliProgram {
  runtime: RuntimeName;
  program: string;
}

/** Queries (inspect, ps, images, history) answer in well under a second; the first podman call may set up its store. */
export const QUERY_TIMEOUT_MS = 30_000;
/** `run -d` may have to mount many layers and set up a network namespace. */
export const RUN_TIMEOUT_MS = 120_000;
/** A lesson's command inside a container may write GiBs, as on the host (sys/exec.ts's default). */
export const EXEC_TIMEOUT_MS = 30 * 60 * 1000;

export class RuntimeError extends Error {
  constructor(
    readonly runtime: RuntimeName,
    /** What went wrong, when stderr says so in a way we know; undefined for anything else. */
    readonly problem: RuntimeProblem | undefined,
    readonly result: CommandResult,
  ) {
    const firstLine = result.stderr.split("\n").find((line) => line.trim() !== "") ?? "";
    super(`${shellQuote(result.argv)} failed (exit ${result.exitCode})${firstLine === "" ? "" : `: ${firstLine}`}`);
    this.name = "RuntimeError";
  }
}

/** Run `<program> ...args` and hand back the result, whatever its exit code. */
export function runRuntime(cli: CliProgram, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return runCommand([cli.program, ...args], { timeoutMs: QUERY_TIMEOUT_MS, ...options });
}

/** Run `<program> ...args`; its stdout, or a RuntimeError when it exits non-zero. */
export async function runtimeOutput(cli: CliProgram, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return checked(cli, await runRuntime(cli, args, options));
}

/** The synchronous variant, for teardown (sys/exec.ts runCommandSync, 30 s timeout). */
export function runtimeOutputSync(cli: CliProgram, args: readonly string[]): string {
  return checked(cli, runCommandSync([cli.program, ...args]));
}

export function problemOf(result: CommandResult): RuntimeProblem | undefined {
  return result.exitCode === 0 ? undefined : classifyRuntimeError(result.stderr);
}

function checked(cli: CliProgram, result: CommandResult): string {
  if (result.exitCode !== 0) throw new RuntimeError(cli.runtime, problemOf(result), result);
  return result.stdout;
}
