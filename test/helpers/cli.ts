// Running the built CLI as a child process, the way a learner runs it, and the after-checks
// every end-to-end test makes: no overlay mount beneath its parent, and the parent empty. A test
// that fails still leaves nothing: its parent's mounts are undone and the parent removed before
// the failure is reported (test/helpers/leftovers.ts), and the global teardown removes anything
// else of the run's (test/global-setup.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, inject } from "vitest";
import { mountsBeneathAnywhere, removeTree } from "./leftovers.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/overlay-lesson.js");
export const isRoot = process.getuid?.() === 0;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  events: Array<Record<string, unknown> & { type: string }>;
}

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  /** Run as this user: the CLI then runs from a world-readable copy of dist/ (global-setup.ts). */
  uid?: number;
  /** Called for each NDJSON event as it arrives; may signal the child. */
  onEvent?: (event: Record<string, unknown> & { type: string }, child: ChildProcess) => void;
  /** Called for each line of stdout (human output) as it arrives. */
  onLine?: (line: string, child: ChildProcess) => void;
  timeoutMs?: number;
  /** Run it under this command, which ends by running its own arguments (an `unshare … sh -c '…; exec "$@"'`). */
  wrap?: readonly string[];
}

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    // COLUMNS of the shell that ran the tests would wrap output in a pipe: a test that wants a width gives it.
    const env = { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", CI: "1", COLUMNS: "", ...options.env };
    const cli = options.uid === undefined ? CLI : inject("readableCli");
    const [program = process.execPath, ...wrapArgs] = options.wrap === undefined ? [] : [...options.wrap, process.execPath];
    const child = spawn(program, [...wrapArgs, cli, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
      cwd: tmpdir(),
    });
    let stdout = "";
    let stderr = "";
    const events: CliResult["events"] = [];
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      stdout += `${line}\n`;
      options.onLine?.(line, child);
      if (!line.startsWith("{")) return;
      try {
        const event = JSON.parse(line) as Record<string, unknown> & { type: string };
        events.push(event);
        options.onEvent?.(event, child);
      } catch {
        // not JSON: a human-readable run
      }
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`overlay-lesson ${args.join(" ")} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, events });
    });
  });
}

/**
 * Output as a shell reads commands pasted from it: a row ending in " \\" goes on with the next
 * word (its indentation only parts words), one ending in "\\" with no space goes on inside a word.
 */
export function asPasted(text: string): string {
  return text.replace(/ \\\n +/g, " ").replace(/\\\n/g, "");
}

/** A fresh parent directory for one test's workspaces. */
export function makeParent(): string {
  return mkdtempSync(join(tmpdir(), "ol-test-"));
}

export function overlayMountsBeneath(parent: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => {
      const fields = line.split(" ");
      return fields[4]?.startsWith(`${parent}/`) ?? false;
    });
}

/** The after-check of every e2e test: nothing mounted beneath, nothing left in the parent. */
export function expectNothingLeft(parent: string): void {
  const mounts = overlayMountsBeneath(parent);
  if (mounts.length > 0) throw new Error(`mounts left beneath ${parent}:\n${mounts.join("\n")}`);
  const entries = readdirSync(parent);
  if (entries.length > 0) throw new Error(`${parent} is not empty: ${entries.join(", ")}`);
}

/**
 * Remove a test's parent whatever the test left in it: mounts beneath it are undone first (in any
 * mount namespace), so that nothing is deleted through a mount and nothing stays mounted. Returns
 * the mount points it had to undo.
 */
export function removeParent(parent: string): string[] {
  return removeTree(parent);
}

export function summaryOf(result: CliResult): Record<string, unknown> & { type: string } {
  const last = result.events.at(-1);
  if (last?.type !== "summary") throw new Error(`last event is not the summary:\n${result.stdout}\n${result.stderr}`);
  return last;
}

export function skipReason(): string | undefined {
  if (!isRoot) return "not root: real overlay mounts need root (CI runs as root)";
  return undefined;
}

/**
 * A fresh parent directory for each test of the enclosing describe, checked after each test
 * (nothing mounted beneath, nothing left in it) unless `clean` is false, then removed.
 */
export function useParent(options: { clean?: boolean } = {}): () => string {
  let parent = "";
  beforeEach(() => {
    parent = makeParent();
  });
  afterEach(() => {
    // Whatever the test left is undone and removed first, so that a failure leaves nothing; then
    // the test fails naming it (a test that failed before its own check still reports it).
    const mounts = overlayMountsBeneath(parent);
    const entries = readdirSync(parent);
    removeParent(parent);
    if (options.clean === false) return;
    if (mounts.length > 0) throw new Error(`mounts left beneath ${parent} (unmounted now):\n${mounts.join("\n")}`);
    if (entries.length > 0) throw new Error(`${parent} was not empty (removed now): ${entries.join(", ")}`);
  });
  return () => parent;
}

/** Every mount point beneath `parent` (not `parent` itself), in every process's mount namespace. */
export function mountsAnywhere(parent: string): string[] {
  return [...mountsBeneathAnywhere(parent).keys()].filter((point) => point !== parent).sort();
}
