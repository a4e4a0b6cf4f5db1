// One run of a lesson, as its three parts (run-lesson.ts: preflight; run-steps.ts: the step
// loop; run-finish.ts: the finish) share it: one object with named fields, made once everything
// that may refuse has been checked, and the run's signals, which any part may meet.
import type { Messages } from "../i18n/index.js";
import { createWorkspace, type FoundWorkspace, findWorkspaces, removeWorkspace, type Workspace } from "../overlay/workspace.js";
import { installExitHook, registry } from "../sys/cleanup.js";
import { SIGNAL_EXIT_CODES, type TerminationSignal, watchSignals } from "../sys/signals.js";
import { LayerMapper } from "./layer-view.js";
import { createReporter } from "./report/create.js";
import type { Reporter, Summary, WorkspaceJson } from "./report/reporter.js";
import type { CommonOptions, Preflight } from "./run-lesson.js";
import type { Lesson, StepRecord } from "./types.js";
import { aborted } from "./waiting.js";

// How long an interrupted step may take to wind down (its child is killed, SIGKILL after 2 s)
// before teardown goes ahead regardless.
export const WIND_DOWN_MS = 5000;

/** One run of a lesson: what preflight checked, what startRun made, what the steps have done so far. */
export interface LessonRun<Options, Words> {
  readonly lesson: Lesson<Options, Words>;
  readonly common: CommonOptions;
  readonly options: Options;
  /** The lesson's words in the learner's language. */
  readonly w: Words;
  /** The checked parent directory, where the workspace is. */
  readonly parent: string;
  /** --from's step (0 without it): the steps before it build the state, without pauses or practice. */
  readonly fromIndex: number;
  readonly reporter: Reporter;
  readonly interrupts: RunInterrupts;
  readonly workspace: Workspace;
  /** The stack summary.workspace and --keep name. */
  readonly workspaceJson: WorkspaceJson;
  readonly mapper: LayerMapper;
  /** The figures for summary.metrics, recorded by the steps as they go. */
  readonly metrics: Summary["metrics"];
  /** One record per step that ran, in order. */
  readonly records: StepRecord[];
  /** Why the lesson cannot go on (a step broke, the learner quit): its line for stderr. */
  brokenBy: string | undefined;
}

/**
 * The run's termination signals. The first aborts the running step; teardown then runs once,
 * to the end (a later one only says it is still cleaning up).
 */
export class RunInterrupts {
  readonly abort = new AbortController();
  /** One promise that rejects on the first signal, for a step to race; handled, so it never dangles. */
  readonly interruption: Promise<never>;
  /** The first signal, once one came. */
  by: TerminationSignal | undefined;
  /** A shell of the learner's is open: a Ctrl-C typed there is the shell's. */
  shellOpen = false;
  /** Teardown has run: the last-resort exit stands down. */
  finished = false;
  private lastAt = 0;

  constructor(t: Messages, json: boolean) {
    watchSignals(
      (signal) => this.first(signal),
      (signal) => {
        // A terminal's Ctrl-C reaches the whole foreground group; rootless, the outside process
        // also passes it on: the same signal twice within a moment is one press, not a second request.
        if (signal === this.by && performance.now() - this.lastAt < 250) return;
        if (!json) process.stderr.write(`${t.report.stillCleaning}\n`);
      },
      // Ctrl-C in the learner's shell is the shell's; hanging up or a SIGTERM still ends the lesson.
      (signal) => this.shellOpen && signal === "SIGINT",
    );
    this.interruption = aborted(this.abort.signal);
    this.interruption.catch(() => undefined);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get aborted(): boolean {
    return this.abort.signal.aborted;
  }

  private first(signal: TerminationSignal): void {
    this.by = signal;
    this.lastAt = performance.now();
    this.abort.abort(signal);
    // Last resort if the lesson cannot wind down: tear down and leave with the signal's code.
    setTimeout(() => {
      if (this.finished) return;
      registry.teardown();
      process.exit(SIGNAL_EXIT_CODES[signal]);
    }, WIND_DOWN_MS * 2).unref();
  }
}

/**
 * Everything passed preflight: the reporter, the signals, then what a killed run left in this
 * parent, removed, and the workspace, registered in the same tick it is made.
 */
export async function startRun<Options, Words>(
  lesson: Lesson<Options, Words>,
  common: CommonOptions,
  options: Options,
  checked: Preflight,
): Promise<LessonRun<Options, Words>> {
  const { t } = common;
  const w = lesson.words[common.lang];
  const reporter = await createReporter(common);
  installExitHook();
  const interrupts = new RunInterrupts(t, common.json);
  registry.onEntry((entry) => reporter.teardown(entry));
  const staleRemoved = removeStale(checked.parent);
  const workspace = createWorkspace(checked.parent, lesson.id, (root) => {
    registry.register({ label: t.report.teardownRemove(root), release: () => void removeWorkspace(root) });
  });
  const stack = lesson.stack?.(workspace);
  const workspaceJson: WorkspaceJson = {
    root: workspace.root,
    lower: stack?.lower ?? lesson.lowerLayers?.(workspace, options) ?? [workspace.lower],
    upper: stack?.upper ?? workspace.upper,
    work: stack?.work ?? workspace.work,
    merged: stack?.merged ?? workspace.merged,
  };
  reporter.lessonStart(lesson.id, lesson.title(w), workspaceJson, staleRemoved, common.mode);
  return {
    lesson,
    common,
    options,
    w,
    parent: checked.parent,
    fromIndex: checked.fromIndex,
    reporter,
    interrupts,
    workspace,
    workspaceJson,
    mapper: new LayerMapper(workspace, common.mode),
    metrics: {},
    records: [],
    brokenBy: undefined,
  };
}

/** Workspaces left by killed runs in this parent go first; the learner is told. */
function removeStale(parent: string): FoundWorkspace[] {
  const removed: FoundWorkspace[] = [];
  for (const found of findWorkspaces(parent)) {
    if (found.state !== "stale") continue;
    try {
      removeWorkspace(found.path);
      removed.push(found);
    } catch {
      // Not ours to force; `overlay-lesson cleanup` explains what stands in the way.
    }
  }
  return removed;
}
