// Practice mode: the learner does a step in a real shell, and the step's own checks, run on the
// kernel's state, decide whether it worked. A failure shows what was expected and what was
// seen, why (attempt.ts: from the kernel's state and what the learner typed), the next thing to
// try, and a menu: [r]etry (the same shell again, state kept), [s]how me (the lesson does it),
// [q]uit (teardown). Leaving the shell without changing anything is a failure.
import type { Messages } from "../i18n/index.js";
import { unmountAllBeneath } from "../overlay/mount.js";
import type { Workspace } from "../overlay/workspace.js";
import type { CleanupRegistry } from "../sys/cleanup.js";
import { InterruptedError } from "../sys/errors.js";
import { readerIsRoot } from "../sys/sudo.js";
import { changedSomething, describeAttempt, explainAttempt, restartCommand } from "./attempt.js";
import type { StepContext } from "./context.js";
import { readAnswer } from "./pause.js";
import { recordPracticed } from "./progress.js";
import type { Reporter } from "./report/reporter.js";
import { chooseShell, openShell, readRecord, startRecord } from "./shell.js";
import { changesBetween, type Snapshot, snapshot } from "./snapshot.js";
import type { Practice, ShellCommand } from "./types.js";

/** The learner chose [q]uit: the lesson stops here and tears down. */
export class PracticeQuit extends Error {
  constructor(readonly step: string) {
    super(`quit at ${step}`);
    this.name = "PracticeQuit";
  }
}

export interface PracticeRun<Options, Words> {
  lesson: string;
  stepId: string;
  practice: Practice<Options, Words>;
  /** The step's own run: [s]how me when the practice has no showMe of its own. */
  run(ctx: StepContext<Options, Words>): Promise<void>;
  ctx: StepContext<Options, Words>;
  t: Messages;
  w: Words;
  workspace: Workspace;
  reporter: Reporter;
  registry: CleanupRegistry;
  signal: AbortSignal;
  /** While the shell is open, Ctrl-C is the shell's, not a reason to stop the lesson. */
  setShellOpen(open: boolean): void;
}

const guarded = new WeakSet<Workspace>();

/**
 * Whatever the learner mounts goes when the lesson goes: registered before the first shell
 * opens, so every way out (end, quit, SIGHUP, SIGTERM) unmounts it.
 */
function guardLearnersMounts(run: PracticeRun<unknown, unknown>): void {
  if (guarded.has(run.workspace)) return;
  guarded.add(run.workspace);
  const root = run.workspace.root;
  run.registry.register({ label: `umount -R ${root}`, release: () => void unmountAllBeneath(root) });
}

export async function runPractice<Options, Words>(run: PracticeRun<Options, Words>): Promise<void> {
  const { ctx, practice, t, w, reporter, stepId } = run;
  await practice.prepare?.(ctx);
  reporter.task(stepId, practice.task(w, ctx), practice.hint(w, ctx));
  guardLearnersMounts(run as PracticeRun<unknown, unknown>);
  // Where the learner's work can land: the workspace, and what the step watches beyond it.
  const picture = (): Snapshot => snapshot([run.workspace.root, ...(practice.watch?.(ctx) ?? [])]);
  const restart = restartCommand(stepId, ctx.mode === "root" && !readerIsRoot());
  const typedBefore: ShellCommand[] = [];
  const stepStart = picture();
  for (;;) {
    const before = picture();
    const record = startRecord(run.workspace, typedBefore);
    run.setShellOpen(true);
    const code = await openShell(run.workspace, `practice:${stepId}$ `, run.signal, { OVERLAY_LESSON_STEP: stepId }, record);
    run.setShellOpen(false);
    if (run.signal.aborted) throw new InterruptedError(String(run.signal.reason ?? "SIGHUP"));
    reporter.say(stepId, t.report.shellEnd(code));
    const typed = chooseShell().records ? readRecord(record) : undefined;
    typedBefore.push(...(typed ?? []));
    const after = picture();
    const attempt = describeAttempt(changesBetween(before, after), typed, run.workspace.root, restart);
    const sinceStepStart = describeAttempt(changesBetween(stepStart, after), typed && typedBefore, run.workspace.root, restart);

    // Checks of this attempt are the step's record only if it passes; a failed try is shown, then dropped.
    const first = ctx.checks.length;
    if (!changedSomething(attempt))
      ctx.check("changed-something", t.practice.changedLabel, t.practice.changedExpected, t.practice.changedNothing);
    else await practice.verify(ctx, sinceStepStart);
    const passed = ctx.checks.slice(first).every((check) => check.ok);
    if (passed) {
      ctx.say(`✓ ${practice.done(w)}`);
      await practice.finish?.(ctx);
      if (!recordPracticed(run.lesson, stepId)) ctx.say(t.practice.progressNotSaved);
      return;
    }
    const failed = ctx.checks.splice(first);
    await explainAttempt(ctx, practice, attempt, sinceStepStart);
    const choice = await ask(run);
    // Quitting, the step ends on this try: its checks stay, so the run's count has the ✗ it showed.
    if (choice === "q") {
      ctx.checks.push(...failed);
      throw new PracticeQuit(stepId);
    }
    if (choice === "s") {
      if (practice.showMe === undefined) await run.run(ctx);
      else {
        await practice.showMe(ctx);
        await practice.verify(ctx);
        await practice.finish?.(ctx);
      }
      return;
    }
  }
}

/** The menu, asked until the answer is one of r, s, q. End of input means quit. */
async function ask<Options, Words>(run: PracticeRun<Options, Words>): Promise<"r" | "s" | "q"> {
  for (;;) {
    run.reporter.say(run.stepId, run.t.practice.menu);
    const answer = await readAnswer(run.signal);
    if (run.signal.aborted) throw new InterruptedError(String(run.signal.reason ?? "SIGHUP"));
    if (answer === undefined) return "q";
    const first = answer.charAt(0);
    if (first === "r" || first === "s" || first === "q") return first;
  }
}
