// The shapes a lesson is made of, and the context the runner hands each step.
import type { Stats } from "node:fs";
import type { Lang, Messages } from "../i18n/index.js";
import type { LayerRow } from "../overlay/layers.js";
import type { Workspace } from "../overlay/workspace.js";
import type { CommandResult } from "../sys/exec.js";

export interface Step<Options = unknown> {
  /** Stable English kebab-case id (JSON, tests, fault injection). */
  id: string;
  title(t: Messages): string;
  /** Why this step matters, shown before it runs. */
  explain(t: Messages, options: Options): string;
  run(ctx: LessonContext<Options>): Promise<void>;
  /** The one thing to remember, shown after it ran. */
  keyPoint?(t: Messages): string;
}

export interface Lesson<Options = unknown> {
  id: LessonId;
  title(t: Messages): string;
  steps: Step<Options>[];
  /**
   * Checks that need the parent directory but must run before anything is created
   * (cow-demo: is there room). Returns a one-line refusal, or undefined when all is well.
   */
  refuse?(parent: string, options: Options, t: Messages): string | undefined;
}

export type LessonId = "mount-demo" | "cow-demo";

export interface CheckRecord {
  id: string;
  label: string;
  ok: boolean;
  expected: string;
  observed: string;
}

export interface StepRecord {
  id: string;
  title: string;
  ok: boolean;
  ms: number;
  checks: CheckRecord[];
  /** Set when a command or action failed outright (not just a check). */
  error?: string;
  /** The layer map after this step (lower | upper | merged per path). */
  layers?: LayerRow[];
}

export interface RunOptions {
  /** Defaults to the workspace root, so argv can name lower/, merged/ … as a learner would. */
  cwd?: string;
  /** A non-zero exit does not fail the step (the lesson wants to show the failure). */
  allowFailure?: boolean;
  /** Watch this file grow while the command runs and show live progress toward `totalBytes`. */
  progress?: { file: string; totalBytes: number; label: string };
}

export interface LessonContext<Options = unknown> {
  readonly t: Messages;
  readonly lang: Lang;
  readonly options: Options;
  readonly workspace: Workspace;
  /** Aborted on SIGINT/SIGTERM/SIGHUP: long in-process loops should stop when it fires. */
  readonly signal: AbortSignal;
  /** Run a real command, show `$ command` and its output, record it. Throws if it fails. */
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Mount an overlay through `mount -t overlay`, registered for teardown before it exists. */
  mountOverlay(spec: { lower: string[]; upper: string; work: string; merged: string }): Promise<CommandResult>;
  /** Write a file in-process, shown as the shell a learner would type (`cat > path <<'EOF'`). */
  writeFile(relativePath: string, content: string, mode?: "write" | "append"): Promise<void>;
  /** Make directories in-process, shown as `mkdir -p …`. */
  mkdir(...relativePaths: string[]): Promise<void>;
  /** Remove a file in-process, shown as `rm path`. */
  remove(relativePath: string): Promise<void>;
  /**
   * In-process reads of what the kernel now shows, relative to the workspace. They use lstat
   * and never follow a symlink; a path that is not there reads as undefined.
   */
  entries(relativePath: string): string[] | undefined;
  read(relativePath: string): string | undefined;
  stat(relativePath: string): Stats | undefined;
  /** Every file (not directory) beneath, relative to it, sorted. */
  files(relativePath: string): string[];
  /** Record a claim and whether the kernel agreed. Returns ok. */
  check(id: string, label: string, expected: string, observed: string, ok?: boolean): boolean;
  /** A line of teaching text. */
  say(text: string): void;
  /** A small table (label, value) of facts measured in this step. */
  facts(rows: ReadonlyArray<readonly [string, string]>): void;
  /** The figures recorded so far in this run (a later step may build on an earlier one's). */
  readonly metricsSoFar: Readonly<Record<string, number | string | number[]>>;
  /** A figure for the JSON summary's `metrics`. */
  metric(name: string, value: number | string | number[]): void;
  /** Absolute path of a path relative to the workspace root. */
  path(relativePath: string): string;
}
