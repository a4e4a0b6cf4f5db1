// The step loop: one step at a time, each with a context of its own, run by the lesson or done
// by the learner (--practice), raced against the first signal; its record, its layer map, and a
// pause before the next. A step that breaks, or the learner's [q]uit, ends the loop.
import type { Messages } from "../i18n/index.js";
import { registry } from "../sys/cleanup.js";
import { InterruptedError, StepError, StepSkipped } from "../sys/errors.js";
import { createStepContext, type StepContext } from "./context.js";
import { waitForEnter } from "./pause.js";
import { PracticeQuit, runPractice } from "./practice.js";
import type { CommonOptions } from "./run-lesson.js";
import { type LessonRun, WIND_DOWN_MS } from "./run-state.js";
import type { CheckRecord, Practice, Step, StepRecord } from "./types.js";
import { settle } from "./waiting.js";

/** Pauses between steps: only where someone is there to press Enter. */
function isInteractive(common: Pick<CommonOptions, "yes" | "json">): boolean {
  return !common.yes && !common.json && process.stdin.isTTY === true && process.stdout.isTTY === true;
}

export async function runSteps<Options, Words>(run: LessonRun<Options, Words>): Promise<void> {
  const { lesson, interrupts } = run;
  const interactive = isInteractive(run.common);
  for (const [index, step] of lesson.steps.entries()) {
    if (interrupts.aborted || run.brokenBy !== undefined) break;
    const record = await runStep(run, index, step);
    run.records.push(record);
    run.reporter.stepEnd(record, step.keyPoint?.(run.w));
    // The steps before --from only build the state: no pause after them.
    const more = index >= run.fromIndex && index < lesson.steps.length - 1;
    if (interactive && more && !interrupts.aborted && run.brokenBy === undefined) {
      run.reporter.pausePrompt();
      await waitForEnter(interrupts.signal);
    }
  }
}

/** One step, from its heading to its record (with the layer map it leaves). */
async function runStep<Options, Words>(run: LessonRun<Options, Words>, index: number, step: Step<Options, Words>): Promise<StepRecord> {
  const { common, interrupts, w } = run;
  const title = step.title(w);
  run.reporter.stepStart(index, run.lesson.steps.length, step.id, title, step.explain(w, run.options));
  const ctx = createStepContext(
    {
      t: common.t,
      w,
      mode: common.mode,
      lang: common.lang,
      options: run.options,
      workspace: run.workspace,
      reporter: run.reporter,
      registry,
      signal: interrupts.signal,
      metrics: run.metrics,
      setLayerView: (view) => {
        run.mapper.view = view;
      },
    },
    step.id,
  );
  const started = performance.now();
  const practice = common.practice === true && index >= run.fromIndex ? step.practice : undefined;
  const running = practice === undefined ? step.run(ctx) : practiced(run, step, practice, ctx);
  let outcome: StepOutcome = {};
  try {
    await Promise.race([running, interrupts.interruption]);
  } catch (caught) {
    outcome = outcomeOf(caught, common.t, interrupts.aborted ? (interrupts.by ?? "SIGINT") : undefined);
  }
  run.brokenBy ??= outcome.broken;
  if (interrupts.aborted) await settle(running, WIND_DOWN_MS);
  const record = stepRecord(step.id, title, ctx.checks, performance.now() - started, outcome);
  // A skipped step changed nothing the lesson goes on from: its map would only repeat the last.
  if (!interrupts.aborted && record.status !== "skipped") Object.assign(record, run.mapper.draw());
  return record;
}

/** --practice: the learner does the step in a shell, and the step's own checks grade it. */
function practiced<Options, Words>(
  run: LessonRun<Options, Words>,
  step: Step<Options, Words>,
  practice: Practice<Options, Words>,
  ctx: StepContext<Options, Words>,
): Promise<void> {
  const { interrupts } = run;
  return runPractice({
    lesson: run.lesson.id,
    stepId: step.id,
    practice,
    run: (again) => step.run(again),
    ctx,
    t: run.common.t,
    w: run.w,
    workspace: run.workspace,
    reporter: run.reporter,
    registry,
    signal: interrupts.signal,
    setShellOpen: (open) => {
      interrupts.shellOpen = open;
    },
  });
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
    // Said in the step, before the teardown; the closing line on stderr comes after it.
    return { error: t.practice.quit(caught.step), broken: t.practice.quitEnd(caught.step) };
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
