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
  /**
   * Let the learner watch it live (a pull's progress bars): stdout goes to the terminal as it
   * comes, stderr too while it is also kept, for the one-line refusal when the command fails.
   */
  live?: boolean;
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
    ...(options.live === true ? { stdout: "inherit", stderr: ["pipe", "inherit"] } : {}),
    // The C locale keeps the messages of mount and stat in the form our hint table knows.
    env: { LC_ALL: "C" },
    // A child that ignores SIGTERM is killed 2 s later so teardown is never held hostage.
    forceKillAfterDelay: 2000,
    stripFinalNewline: true,
  });
  return toResult(argv, result, performance.now() - started);
}

/**
 * Synchronous variant for teardown, which is synchronous so that it can also run from the
 * process 'exit' event (no event loop left) and cannot be cut in half by a second signal.
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
  return toResult(argv, result, performance.now() - started);
}

/** What both execa results have in common, as far as a lesson needs it. */
interface ExecaOutcome {
  exitCode?: number | undefined;
  signal?: string | undefined;
  stdout: unknown;
  stderr: unknown;
  shortMessage?: string | undefined;
  isCanceled: boolean;
}

function toResult(argv: readonly string[], result: ExecaOutcome, ms: number): CommandResult {
  // A program that could not start at all (ENOENT) has no exit code and no stderr: execa's
  // message says why.
  const stderr = typeof result.stderr === "string" && result.stderr !== "" ? result.stderr : "";
  return {
    argv,
    exitCode: result.exitCode ?? (result.signal ? 128 : 1),
    ms,
    stdout: typeof result.stdout === "string" ? result.stdout : "",
    stderr: stderr !== "" || result.exitCode !== undefined ? stderr : (result.shortMessage ?? ""),
    canceled: result.isCanceled,
    signal: result.signal,
  };
}

/** Quote an argv for display so that a learner can paste it into a shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteWord).join(" ");
}

function quoteWord(word: string): string {
  if (word !== "" && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * What a failed command said went wrong, for a one-line error: its last line starting with
 * "Error" (podman and docker print their progress and notes first, e.g. "Resolved "alpine" as an
 * alias", then "Error: initializing source …: no such host"), else its first line that says something.
 */
export function errorLine(text: string): string {
  const lines = text.split("\n").map((line) => line.trim());
  const error = lines.findLast((line) => /^error\b/i.test(line));
  return error === undefined ? firstLine(text) : error.replace(/^error:\s*/i, "");
}

/** The first line of a command's output that says something: what a one-line error quotes. */
export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? ""
  );
}
