// The finish: the learner's shell (--shell), merged still mounted; then keep or tear down; the
// summary last, on every way out; and the run's exit status, thrown as ExitError when it is not 0.
import { markKept } from "../overlay/workspace.js";
import { registry } from "../sys/cleanup.js";
import { EXIT_FAILED, ExitError } from "../sys/errors.js";
import { SIGNAL_EXIT_CODES } from "../sys/signals.js";
import { cleanupCommandLine } from "./preflight.js";
import type { Summary } from "./report/reporter.js";
import type { LessonRun } from "./run-state.js";
import { chooseShell, openShell } from "./shell.js";

/** Resolves when every step passed and teardown held; throws ExitError (its code and line) otherwise. */
export async function finish<Options, Words>(run: LessonRun<Options, Words>): Promise<void> {
  const { interrupts } = run;
  const completed = !interrupts.aborted && run.brokenBy === undefined && run.records.length === run.lesson.steps.length;
  if (run.common.shell && completed) await learnersShell(run);
  const { kept, teardownFailed } = keepOrTearDown(run);
  interrupts.finished = true;
  // Teardown is synchronous: a signal that arrived meanwhile is still queued. Let its handler
  // run, so that the summary and the exit code say the run was interrupted.
  await new Promise((resolve) => setImmediate(resolve));
  const summary = summaryOf(run, kept, teardownFailed);
  run.reporter.summary(summary);
  // The handlers stay until the process exits: a signal after the summary is then ignored
  // (everything is already torn down) instead of killing the process mid-exit.
  throwUnlessPassed(run, summary, teardownFailed);
}

/** --shell: a shell in the workspace after the last step, merged still mounted. */
async function learnersShell<Options, Words>(run: LessonRun<Options, Words>): Promise<void> {
  const { reporter, interrupts } = run;
  const lastStep = run.records.at(-1)?.id ?? "";
  reporter.say(lastStep, run.common.t.report.shellStart(chooseShell().path));
  interrupts.shellOpen = true;
  const code = await openShell(run.workspace, `overlay-lesson:${run.lesson.id}$ `, interrupts.signal);
  interrupts.shellOpen = false;
  reporter.say(lastStep, run.common.t.report.shellEnd(code));
}

/** --keep: marked and left, with where it is; else everything registered goes, newest first. */
function keepOrTearDown<Options, Words>(run: LessonRun<Options, Words>): { kept: boolean; teardownFailed: boolean } {
  if (run.common.keep) {
    markKept(run.workspace.root);
    registry.keepAll();
    run.reporter.kept(run.workspaceJson, run.common.mode);
    return { kept: true, teardownFailed: false };
  }
  run.reporter.teardownStart();
  return { kept: false, teardownFailed: registry.teardown().some((entry) => !entry.ok) };
}

function summaryOf<Options, Words>(run: LessonRun<Options, Words>, kept: boolean, teardownFailed: boolean): Summary {
  const { records, interrupts } = run;
  const allOk =
    run.brokenBy === undefined && interrupts.by === undefined && records.length === run.lesson.steps.length && records.every((r) => r.ok);
  const summary: Summary = {
    type: "summary",
    lesson: run.lesson.id,
    mode: run.common.mode,
    ok: allOk && !teardownFailed,
    kept,
    workspace: run.workspaceJson,
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
    metrics: run.metrics,
  };
  if (interrupts.by !== undefined) summary.interrupted = interrupts.by;
  return summary;
}

/** The exit status, most telling first: a signal, a teardown that failed, a step that broke, a check that did not hold. */
function throwUnlessPassed<Options, Words>(run: LessonRun<Options, Words>, summary: Summary, teardownFailed: boolean): void {
  const { t } = run.common;
  const signal = run.interrupts.by;
  if (signal !== undefined) {
    throw new ExitError(SIGNAL_EXIT_CODES[signal], summary.kept ? t.report.interruptedKept(signal) : t.report.interruptedClean(signal));
  }
  if (teardownFailed) throw new ExitError(EXIT_FAILED, t.errors.teardownFailed(cleanupCommandLine(run.parent)));
  if (run.brokenBy !== undefined) throw new ExitError(EXIT_FAILED, run.brokenBy);
  if (!summary.ok) {
    const failed = run.records.flatMap((record) => record.checks.filter((check) => !check.ok)).length;
    throw new ExitError(EXIT_FAILED, t.errors.checksFailed(failed));
  }
}
