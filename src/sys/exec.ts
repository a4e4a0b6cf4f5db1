// The one place that runs external programs (execa). Everything is an argv array, never a
// shell string, so a path with spaces or quotes reaches the program exactly as written.
import { execa, execaSync } from "execa";

export interface CommandResult {
  argv: readonly string[];
  exitCode: number;
  /** Wall time of the whole process, from spawn to exit, on a monotonic clock. */
  ms: number;
  stdout: string;
  stderr: string;
  /** Set when the command was stopped by our cancel signal (Ctrl-C, SIGTERM, SIGHUP). */
  canceled: boolean;
  /** The signal that ended the process, if one did. */
  signal?: string | undefined;
}

export interface RunOptions {
  cwd?: string;
  cancelSignal?: AbortSignal;
  /** Milliseconds before the command is killed; commands a lesson runs are short. */
  timeoutMs?: number;
}

// Long enough for dd of a multi-GiB file on slow disk, short enough that a hung mount
// cannot hold a lesson forever.
const DEFAULT_TIMEOUT_MS = 30 * 60 * 1000;

export async function runCommand(argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error("runCommand: empty argv");
  const started = performance.now();
  const result = await execa(file, args, {
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.cancelSignal !== undefined ? { cancelSignal: options.cancelSignal } : {}),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    reject: false,
    stdin: "ignore",
    // The C locale keeps the messages of mount and stat in the form our hint table knows.
    env: { LC_ALL: "C" },
    // A child that ignores SIGTERM is killed 2 s later so teardown is never held hostage.
    forceKillAfterDelay: 2000,
    stripFinalNewline: true,
  });
  const ms = performance.now() - started;
  return {
    argv,
    exitCode: result.exitCode ?? (result.signal ? 128 : 1),
    ms,
    stdout: typeof result.stdout === "string" ? result.stdout : "",
    // A program that could not start at all (ENOENT) has no stderr: execa's message says why.
    stderr: stderrOf(result.stderr, result.exitCode === undefined ? result.shortMessage : undefined),
    canceled: result.isCanceled,
    signal: result.signal,
  };
}

/**
 * Synchronous variant for the last-chance teardown on process 'exit', where the event loop no
 * longer runs and only synchronous work is possible.
 */
export function runCommandSync(argv: readonly string[]): CommandResult {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error("runCommandSync: empty argv");
  const started = performance.now();
  const result = execaSync(file, args, {
    reject: false,
    stdin: "ignore",
    env: { LC_ALL: "C" },
    timeout: 30_000,
    stripFinalNewline: true,
  });
  return {
    argv,
    exitCode: result.exitCode ?? 1,
    ms: performance.now() - started,
    stdout: typeof result.stdout === "string" ? result.stdout : "",
    stderr: stderrOf(result.stderr, result.exitCode === undefined ? result.shortMessage : undefined),
    canceled: false,
    signal: result.signal,
  };
}

function stderrOf(stderr: unknown, fallback: string | undefined): string {
  if (typeof stderr === "string" && stderr !== "") return stderr;
  return fallback ?? "";
}

/** Quote an argv for display so that a learner can paste it into a shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteWord).join(" ");
}

function quoteWord(word: string): string {
  if (word !== "" && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
