// Runs a lesson from preflight to teardown. This is the one place that decides the order of
// things: refuse bad input before creating anything, register every resource as it is made,
// run the steps, and on every way out (end, error, signal) tear down and print the summary.
import { tmpdir } from "node:os";
import { formatBytes } from "../i18n/format.js";
import type { Lang, Messages } from "../i18n/index.js";
import {
  checkParent,
  createWorkspace,
  type FoundWorkspace,
  findWorkspaces,
  markKept,
  removeWorkspace,
  type Workspace,
} from "../overlay/workspace.js";
import { installExitHook, registry } from "../sys/cleanup.js";
import { EXIT_FAILED, EXIT_USAGE, ExitError, InterruptedError, StepError, StepSkipped } from "../sys/errors.js";
import { SIGNAL_EXIT_CODES, type TerminationSignal, watchSignals } from "../sys/signals.js";
import { createStepContext } from "./context.js";
import { LayerMapper } from "./layer-view.js";
import { waitForEnter } from "./pause.js";
import { PracticeQuit, runPractice } from "./practice.js";
import { cleanupCommandLine, parentProblemMessage, runPreflight, transcriptProblem } from "./preflight.js";
import { createReporter } from "./report/create.js";
import type { Summary, WorkspaceJson } from "./report/reporter.js";
import { chooseShell, openShell } from "./shell.js";
import type { CheckRecord, LayerView, Lesson, LessonMode, StepRecord } from "./types.js";
import { aborted, settle } from "./waiting.js";

export interface CommonOptions {
  dir?: string;
  keep: boolean;
  yes: boolean;
  json: boolean;
  color: boolean;
  lang: Lang;
  t: Messages;
  /** Write the run as Markdown to this file. */
  transcript?: string;
  mode: LessonMode;
  /** Open a shell in the workspace after the last step, merged still mounted. */
  shell: boolean;
  /** The learner does the steps that have a practice task, in a shell (a terminal is required). */
  practice?: boolean;
  /** Start at this step: the ones before it run by themselves, without pauses. */
  from?: string;
}

// How long an interrupted step may take to wind down (its child is killed, SIGKILL after 2 s)
// before teardown goes ahead regardless.
const WIND_DOWN_MS = 5000;

export function isInteractive(common: Pick<CommonOptions, "yes" | "json">): boolean {
  return !common.yes && !common.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

export async function runLesson<Options, Words>(lesson: Lesson<Options, Words>, common: CommonOptions, options: Options): Promise<void> {
  const { t } = common;
  const w = lesson.words[common.lang];
  const parentInput = common.dir ?? tmpdir();

  // 1. Refuse before creating anything.
  const parentChecked = checkParent(parentInput);
  if ("problem" in parentChecked) throw new ExitError(EXIT_USAGE, parentProblemMessage(t, parentChecked.problem));
  const parent = parentChecked.path;
  if (common.transcript !== undefined) {
    const problem = transcriptProblem(common.transcript, t);
    if (problem !== undefined) throw new ExitError(EXIT_USAGE, problem);
  }
  const fromIndex = common.from === undefined ? 0 : lesson.steps.findIndex((step) => step.id === common.from);
  if (fromIndex === -1)
    throw new ExitError(EXIT_USAGE, t.practice.unknownStep(common.from ?? "", lesson.steps.map((step) => step.id).join(", ")));
  const refusal = lesson.refuse?.(parent, options, w);
  if (refusal !== undefined) throw new ExitError(EXIT_USAGE, refusal);
  for (const check of runPreflight({ parent, t, formatBytes })) {
    if (!check.ok) throw new ExitError(EXIT_USAGE, `${check.label}. ${check.fix ?? ""}`.trim());
  }

  const reporter = await createReporter(common);
  installExitHook();

  // 2. Signals: the first one aborts the running step; teardown then runs once, to the end.
  const abort = new AbortController();
  let interruptedBy: TerminationSignal | undefined;
  let finished = false;
  let shellOpen = false;
  // A terminal's Ctrl-C reaches the whole foreground group; rootless, the outside process also
  // passes it on: the same signal twice within a moment is one press, not a second request.
  let lastSignalAt = 0;
  watchSignals(
    (signal) => {
      interruptedBy = signal;
      lastSignalAt = performance.now();
      abort.abort(signal);
      // Last resort if the lesson cannot wind down: tear down and leave with the signal's code.
      setTimeout(() => {
        if (finished) return;
        registry.teardown();
        process.exit(SIGNAL_EXIT_CODES[signal]);
      }, WIND_DOWN_MS * 2).unref();
    },
    (signal) => {
      if (signal === interruptedBy && performance.now() - lastSignalAt < 250) return;
      if (!common.json) process.stderr.write(`${t.report.stillCleaning}\n`);
    },
    // Ctrl-C in the learner's shell is the shell's; hanging up or a SIGTERM still ends the lesson.
    (signal) => shellOpen && signal === "SIGINT",
  );
  registry.onEntry((entry) => reporter.teardown(entry));

  // 3. Workspaces left by killed runs in this parent go first; the learner is told.
  const staleRemoved: FoundWorkspace[] = [];
  for (const found of findWorkspaces(parent)) {
    if (found.state !== "stale") continue;
    try {
      removeWorkspace(found.path);
      staleRemoved.push(found);
    } catch {
      // Not ours to force; `overlay-lesson cleanup` explains what stands in the way.
    }
  }

  // 4. The workspace, registered in the same tick it is made.
  const workspace: Workspace = createWorkspace(parent, lesson.id, (root) => {
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

  const metrics: Summary["metrics"] = {};
  const records: StepRecord[] = [];
  let brokenBy: string | undefined;
  const mapper = new LayerMapper(workspace, common.mode);
  const interactive = isInteractive(common);
  // One promise that rejects on the first signal; handled here so that it never dangles.
  const interruption = aborted(abort.signal);
  interruption.catch(() => undefined);

  // 5. The steps.
  for (const [index, step] of lesson.steps.entries()) {
    if (abort.signal.aborted || brokenBy !== undefined) break;
    const title = step.title(w);
    reporter.stepStart(index, lesson.steps.length, step.id, title, step.explain(w, options));
    const setLayerView = (view: LayerView): void => {
      mapper.view = view;
    };
    const deps = {
      t,
      w,
      mode: common.mode,
      lang: common.lang,
      options,
      workspace,
      reporter,
      registry,
      signal: abort.signal,
      metrics,
      setLayerView,
    };
    const ctx = createStepContext(deps, step.id);
    const started = performance.now();
    const practice = common.practice === true && index >= fromIndex ? step.practice : undefined;
    const running =
      practice === undefined
        ? step.run(ctx)
        : runPractice({
            lesson: lesson.id,
            stepId: step.id,
            practice,
            run: (again) => step.run(again),
            ctx,
            t,
            w,
            workspace,
            reporter,
            registry,
            signal: abort.signal,
            setShellOpen: (open) => {
              shellOpen = open;
            },
          });
    let outcome: StepOutcome = {};
    try {
      await Promise.race([running, interruption]);
    } catch (caught) {
      outcome = outcomeOf(caught, t, abort.signal.aborted ? (interruptedBy ?? "SIGINT") : undefined);
    }
    brokenBy ??= outcome.broken;
    if (abort.signal.aborted) await settle(running, WIND_DOWN_MS);
    const record = stepRecord(step.id, title, ctx.checks, performance.now() - started, outcome);
    // A skipped step changed nothing the lesson goes on from: its map would only repeat the last.
    if (!abort.signal.aborted && record.status !== "skipped") {
      Object.assign(record, mapper.draw());
    }
    records.push(record);
    reporter.stepEnd(record, step.keyPoint?.(w));
    // The steps before --from only build the state: no pause after them.
    if (interactive && index >= fromIndex && index < lesson.steps.length - 1 && !abort.signal.aborted && brokenBy === undefined) {
      reporter.pausePrompt();
      await waitForEnter(abort.signal);
    }
  }

  // 6. The learner's shell, merged still mounted; then keep or tear down; the summary last.
  const completed = !abort.signal.aborted && brokenBy === undefined && records.length === lesson.steps.length;
  if (common.shell && completed) {
    reporter.say(records.at(-1)?.id ?? "", t.report.shellStart(chooseShell().path));
    shellOpen = true;
    const code = await openShell(workspace, `overlay-lesson:${lesson.id}$ `, abort.signal);
    shellOpen = false;
    reporter.say(records.at(-1)?.id ?? "", t.report.shellEnd(code));
  }
  let kept = false;
  let teardownFailed = false;
  if (common.keep) {
    markKept(workspace.root);
    registry.keepAll();
    kept = true;
    reporter.kept(workspaceJson, common.mode);
  } else {
    reporter.teardownStart();
    teardownFailed = registry.teardown().some((entry) => !entry.ok);
  }
  finished = true;
  // Teardown is synchronous: a signal that arrived meanwhile is still queued. Let its handler
  // run, so that the summary and the exit code say the run was interrupted.
  await new Promise((resolve) => setImmediate(resolve));

  const allOk =
    brokenBy === undefined && interruptedBy === undefined && records.length === lesson.steps.length && records.every((r) => r.ok);
  const summary: Summary = {
    type: "summary",
    lesson: lesson.id,
    mode: common.mode,
    ok: allOk && !teardownFailed,
    kept,
    workspace: workspaceJson,
    steps: records.map((record) => ({
      id: record.id,
      title: record.title,
      ok: record.ok,
      status: record.status,
      ...(record.reason !== undefined ? { reason: record.reason } : {}),
      ms: Math.round(record.ms * 1000) / 1000,
      checks: record.checks.map(({ id, ok, expected, observed }) => ({ id, ok, expected, observed })),
      ...(record.error !== undefined ? { error: record.error } : {}),
    })),
    metrics,
  };
  if (interruptedBy !== undefined) summary.interrupted = interruptedBy;
  reporter.summary(summary);
  // The handlers stay until the process exits: a signal after the summary is then ignored
  // (everything is already torn down) instead of killing the process mid-exit.

  if (interruptedBy !== undefined) {
    const message = kept ? t.report.interruptedKept(interruptedBy) : t.report.interruptedClean(interruptedBy);
    throw new ExitError(SIGNAL_EXIT_CODES[interruptedBy], message);
  }
  if (teardownFailed) throw new ExitError(EXIT_FAILED, t.errors.teardownFailed(cleanupCommandLine(parent)));
  if (brokenBy !== undefined) throw new ExitError(EXIT_FAILED, brokenBy);
  if (!summary.ok) {
    const failed = records.flatMap((record) => record.checks.filter((check) => !check.ok)).length;
    throw new ExitError(EXIT_FAILED, t.errors.checksFailed(failed));
  }
}

/** How a step ended, when it did not simply return: the error it shows, whether the lesson stops, why it was skipped. */
interface StepOutcome {
  error?: string;
  /** The lesson cannot go on after this step (the one-line reason for stderr). */
  broken?: string;
  skipped?: string;
}

function outcomeOf(caught: unknown, t: Messages, interruptedBy: string | undefined): StepOutcome {
  if (caught instanceof InterruptedError || interruptedBy !== undefined)
    return { error: t.report.stepInterrupted(interruptedBy ?? "SIGINT") };
  if (caught instanceof StepSkipped) return { skipped: caught.reason };
  if (caught instanceof PracticeQuit) {
    const error = t.practice.quit(caught.step);
    return { error, broken: error };
  }
  if (caught instanceof StepError) return { error: caught.message, broken: caught.message };
  const error = t.errors.stepCrashed(caught instanceof Error ? caught.message : String(caught));
  return { error, broken: error };
}

/** A skipped step did not fail, unless a check it made before the skip did not hold. */
function stepRecord(id: string, title: string, checks: CheckRecord[], ms: number, outcome: StepOutcome): StepRecord {
  const held = checks.every((check) => check.ok);
  const ok = outcome.error === undefined && held;
  const skipped = ok ? outcome.skipped : undefined;
  const record: StepRecord = { id, title, ok, status: !ok ? "failed" : skipped !== undefined ? "skipped" : "passed", ms, checks };
  if (outcome.error !== undefined) record.error = outcome.error;
  if (skipped !== undefined) record.reason = skipped;
  return record;
}
