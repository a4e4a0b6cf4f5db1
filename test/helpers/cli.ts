// Running the built CLI as a child process, the way a learner runs it, and the after-checks
// every end-to-end test makes: no overlay mount beneath its parent, and the parent empty.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, inject } from "vitest";

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
}

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", CI: "1", ...options.env };
    const cli = options.uid === undefined ? CLI : inject("readableCli");
    const child = spawn(process.execPath, [cli, ...args], {
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

export function removeParent(parent: string): void {
  rmSync(parent, { recursive: true, force: true });
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
    try {
      if (options.clean !== false) expectNothingLeft(parent);
    } finally {
      removeParent(parent);
    }
  });
  return () => parent;
}

/** Every mount line, in every process's mount namespace, whose mount point is beneath `parent`. */
export function mountsAnywhere(parent: string): string[] {
  const found = new Set<string>();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let text = "";
    try {
      text = readFileSync(`/proc/${pid}/mountinfo`, "utf8");
    } catch {
      continue; // gone, or a kernel thread
    }
    for (const line of text.split("\n")) if (line.split(" ")[4]?.startsWith(`${parent}/`)) found.add(line);
  }
  return [...found];
}
