// The shapes a lesson is made of, and the context the runner hands each step.
import type { Stats } from "node:fs";
import type { Lang, Messages } from "../i18n/index.js";
import type { LayerRow } from "../layers/map.js";
import type { DiscoveredOverlay } from "../overlay/discover.js";
import type { OverlayLayers } from "../overlay/mountinfo.js";
import type { Workspace } from "../overlay/workspace.js";
import type { OverlayXattrs, XattrNamespace } from "../overlay/xattr.js";
import type { CommandResult } from "../sys/exec.js";

/**
 * One step of a lesson. `Words` is the lesson's own catalogue (its folder's en.ts), in the
 * learner's language; the runner's and the CLI's words are `ctx.t`.
 */
export interface Step<Options = unknown, Words = unknown> {
  /** Stable English kebab-case id (JSON, tests, fault injection); the same in every language. */
  id: string;
  title(w: Words): string;
  /** Why this step matters, shown before it runs. */
  explain(w: Words, options: Options): string;
  run(ctx: LessonContext<Options, Words>): Promise<void>;
  /** The one thing to remember, shown after it ran. */
  keyPoint?(w: Words): string;
  /** With --practice, the learner does this step in a shell and the kernel grades it. */
  practice?: Practice<Options, Words>;
}

/**
 * A step the learner does. The grading checks the principle on the kernel's state ("some file of
 * lower was changed through merged: its copy is in upper, lower unchanged"), never our exact text.
 */
export interface Practice<Options = unknown, Words = unknown> {
  /** What to achieve (the context names what the lesson chose: container-demo's container and files). */
  task(w: Words, ctx: LessonContext<Options, Words>): string;
  /** The shape of the command, not the answer (rootless mounts need -o userxattr: ctx.mode tells). */
  hint(w: Words, ctx: LessonContext<Options, Words>): string;
  /** What the learner just did, in one sentence, shown when it passes. */
  done(w: Words): string;
  /** What the lesson does before the learner's turn (layers-demo: mount the build overlay). */
  prepare?(ctx: LessonContext<Options, Words>): Promise<void>;
  /**
   * The checks, on whatever the learner did. `step`: what the learner's tries at this step have
   * changed so far, so that a file touched at an earlier step does not pass this one; undefined
   * after [s]how me, where the state as a whole is graded.
   */
  verify(ctx: LessonContext<Options, Words>, step?: PracticeAttempt): Promise<void> | void;
  /**
   * After a failed try (`attempt`; `step`: all the tries at this step so far, as verify has it):
   * what the kernel's state and the learner's commands show went wrong, and
   * the next thing to try, naming the files the learner touched ("you created upper/x, a new
   * file: copy-up happens when you change a file that comes from lower").
   */
  diagnose?(ctx: LessonContext<Options, Words>, attempt: PracticeAttempt, step: PracticeAttempt): Diagnosis | Promise<Diagnosis>;
  /** [s]how me: the lesson does it. Default: the step's own run (which checks its own claims). */
  showMe?(ctx: LessonContext<Options, Words>): Promise<void>;
  /** After the learner's turn passed (layers-demo: unmount the build overlay). */
  finish?(ctx: LessonContext<Options, Words>): Promise<void>;
  /**
   * Directories outside the workspace where the learner's work lands (container-demo: the
   * container's UpperDir): a shell left without changing them or the workspace changed nothing.
   */
  watch?(ctx: LessonContext<Options, Words>): string[];
}

/** One line the learner typed in a practice shell, where it ran, and how it ended. */
export interface ShellCommand {
  line: string;
  /** The shell's working directory once the line had run (relative paths in it start there). */
  cwd: string;
  /** The exit status of the line (of its last command). */
  status: number;
}

/** What one try in the practice shell did, as the grader can know it without seeing the terminal. */
export interface PracticeAttempt {
  /** The lines typed, oldest first; undefined when the shell keeps no record (sh, dash, zsh). */
  commands: readonly ShellCommand[] | undefined;
  /**
   * What the try added, removed, changed (written, truncated, replaced by a whiteout), mounted and
   * unmounted: relative to the workspace ("upper/notes.txt", "merged"), or absolute beneath a
   * directory the step watches. Sorted.
   */
  added: readonly string[];
  removed: readonly string[];
  changed: readonly string[];
  mounted: readonly string[];
  unmounted: readonly string[];
  /** The command that starts this step again on a fresh workspace: for a mistake the lesson cannot undo. */
  restart: string;
}

/** Why a try failed, in the learner's language. */
export interface Diagnosis {
  /** What the kernel's state shows, one finding a line. */
  found: string[];
  /** The next thing to try, when there is a better one than the step's hint. */
  next?: string | undefined;
}

export interface Lesson<Options = unknown, Words = unknown> {
  id: LessonId;
  /** The lesson's words in every language: a missing language or key fails the build. */
  words: Record<Lang, Words>;
  title(w: Words): string;
  steps: Step<Options, Words>[];
  /**
   * Checks that need the parent directory but must run before anything is created
   * (cow-demo: is there room). Returns a one-line refusal, or undefined when all is well.
   */
  refuse?(parent: string, options: Options, w: Words): string | undefined;
  /**
   * What `summary.workspace.lower` lists, top first, when it is not the workspace's one lower/
   * (layers-demo's container stacks several image layers).
   */
  lowerLayers?(workspace: Workspace, options: Options): string[];
  /**
   * The stack `summary.workspace` and --keep name, when it is not the workspace's own lower/,
   * upper/, work/ and merged/ (features-demo keeps one folder per step: it names its last one).
   */
  stack?(workspace: Workspace): { lower: string[]; upper: string; work: string; merged: string };
}

/** Stable English kebab-case: the lesson's folder name and its subcommand. */
export type LessonId = string;

export interface CheckRecord {
  id: string;
  label: string;
  ok: boolean;
  expected: string;
  observed: string;
}

/** passed: every check held; failed: a check did not, or the step broke; skipped: it could not run here. */
export type StepStatus = "passed" | "failed" | "skipped";

export interface StepRecord {
  id: string;
  title: string;
  /** Nothing failed: true for a passed step and for a skipped one (whose status says so). */
  ok: boolean;
  status: StepStatus;
  /** Why the step was skipped, in the learner's language. */
  reason?: string;
  ms: number;
  checks: CheckRecord[];
  /** Set when a command or action failed outright (not just a check). */
  error?: string;
  /** The layer map after this step (each lower, upper, merged per path). */
  layers?: LayerRow[];
  /** The names of the map's lower layers, top first, and of its upper (e.g. "2-copy", "upper"). */
  layerNames?: string[];
  upperName?: string;
  /** The step pointed the map at another stack: show it even where no row changed. */
  newStack?: boolean;
}

export interface StepRunOptions {
  /** Defaults to the workspace root, so argv can name lower/, merged/ … as a learner would. */
  cwd?: string;
  /** A non-zero exit does not fail the step (the lesson wants to show the failure). */
  allowFailure?: boolean;
  /** Watch this file grow while the command runs and show live progress toward `totalBytes`. */
  progress?: { file: string; totalBytes: number; label: string };
}

/** root: mounts on the host, as sudo gives. rootless: in a user and mount namespace of the lesson's own. */
export type LessonMode = "root" | "rootless";

export interface LessonContext<Options = unknown, Words = unknown> {
  /** The runner's and the CLI's words. */
  readonly t: Messages;
  /** This lesson's words, in the learner's language. */
  readonly w: Words;
  readonly lang: Lang;
  readonly mode: LessonMode;
  /** The learner is root on the host (root mode, or --rootless asked for by root): sudo would not help them. */
  readonly hostRoot: boolean;
  /** Where overlay keeps its xattrs here: `trusted.` as root, `user.` rootless (userxattr). */
  readonly xattrNamespace: XattrNamespace;
  readonly options: Options;
  readonly workspace: Workspace;
  /** Aborted on SIGINT/SIGTERM/SIGHUP: long in-process loops should stop when it fires. */
  readonly signal: AbortSignal;
  /**
   * Whether `program` is on PATH, as run() would find it. A lesson shows an optional tool (getfattr,
   * from the attr package that minimal installs lack) only where it is, and otherwise says what it
   * would have shown from its own reading: every lesson runs with util-linux and coreutils alone.
   */
  has(program: string): boolean;
  /** Run a real command, show `$ command` and its output, record it. Throws if it fails. */
  run(argv: readonly string[], options?: StepRunOptions): Promise<CommandResult>;
  /** Mount an overlay through `mount -t overlay`, registered for teardown before it exists. Throws if refused. */
  mountOverlay(spec: OverlayMount): Promise<CommandResult>;
  /**
   * The same mount where the kernel may refuse it (a feature this kernel lacks, or one rootless
   * mode cannot have): a refusal is shown and returned, never thrown, with what overlayfs logged.
   */
  tryMountOverlay(spec: OverlayMount): Promise<MountAttempt>;
  /** Mount a tmpfs of `sizeBytes` on a directory of the workspace (a filesystem of its own), registered like an overlay. */
  mountTmpfs(relativePath: string, sizeBytes: number): Promise<CommandResult>;
  /**
   * Own a resource the runner cannot make itself (a container): registered for teardown at once,
   * so register it before the command that makes it (release must cope with it not existing).
   */
  track(resource: { label: string; release(): void }): { release(): void; forget(): void };
  /** Unmount an overlay this lesson mounted (an image build's instruction is over), shown as `umount`. */
  unmount(merged: string): Promise<CommandResult>;
  /** Write a file in-process, shown as the shell a learner would type (`cat > path <<'EOF'`). */
  writeFile(relativePath: string, content: string, mode?: "write" | "append"): Promise<void>;
  /** Set an xattr in-process (lsetxattr), shown as `setfattr -n NAME -v VALUE path` (attr's tool, which minimal installs lack). */
  setXattr(relativePath: string, name: string, value: string): Promise<void>;
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
  /**
   * overlay's notes on the entry itself (overlay.opaque, .redirect, .metacopy…), read in-process
   * (llistxattr, lgetxattr: never through a symlink), in xattrNamespace first, else the other.
   */
  overlayXattrs(relativePath: string): OverlayXattrs;
  /** One xattr by its full name (`trusted.overlay.opaque`), as `getfattr -n NAME` shows it; undefined when absent. */
  xattr(relativePath: string, name: string): string | undefined;
  /**
   * What the kernel has mounted on `path` (relative to the workspace, or absolute) now: the
   * topmost mount there, as /proc/self/mountinfo says; undefined when nothing is.
   */
  mountAt(path: string): MountSeen | undefined;
  /** Every mount this process sees now, in mountinfo's order. */
  mounts(): MountSeen[];
  /** Every overlay on this host, in each mount namespace this process can read (a container's may be in its own). */
  overlays(): DiscoveredOverlay[];
  /**
   * This step cannot run here (the kernel lacks the feature, or rootless mode cannot have it):
   * stop it and report it as skipped with `reason`, which says why in the learner's language.
   */
  skip(reason: string): never;
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
  /**
   * Which layers the layer map draws from now on, relative to the workspace (lower top first).
   * By default: lower/, upper/ and merged/. merged is read only while it is mounted.
   */
  showLayers(stack: LayerView): void;
}

/**
 * An overlay to mount: paths relative to the workspace root (the commands show them so, as a
 * learner in the workspace would type them) or absolute. Rootless, the runner adds userxattr.
 */
export interface OverlayMount {
  /** Top first. */
  lower: readonly string[];
  /** Data-only lower layers, after `::` (Linux 6.5). */
  dataLower?: readonly string[];
  upper: string;
  work: string;
  merged: string;
  /** Options beyond the layers, as `mount -o` takes them: `metacopy=on`, `index=off`, `volatile`… */
  options?: readonly string[];
}

/** A mount as the kernel lists it (mountinfo), read for a check. */
export interface MountSeen {
  mountPoint: string;
  fsType: string;
  /** The superblock's options, as findmnt's OPTIONS shows them: `userxattr` → "", `redirect_dir` → "nofollow". */
  options: ReadonlyMap<string, string>;
  /** An overlay's layers as its options name them (lower top first); no layers for another filesystem. */
  layers: OverlayLayers;
}

export interface MountAttempt {
  mounted: boolean;
  result: CommandResult;
  /** What overlayfs logged during the mount ("overlayfs: …"); undefined where the kernel's log is not readable (not root). */
  kernelSays?: string[];
}

export interface LayerView {
  lower: readonly string[];
  upper: string;
  merged: string;
}
