// Runs a lesson from preflight to teardown, in three parts over one run state (run-state.ts):
// preflight refuses bad input before anything is created (here); the step loop runs the steps
// (run-steps.ts); the finish tears down, prints the summary and says how the run ended
// (run-finish.ts), on every way out (end, error, signal).
import { tmpdir } from "node:os";
import { formatBytes } from "../i18n/format.js";
import type { Lang, Messages } from "../i18n/index.js";
import { checkParent } from "../overlay/workspace.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import { parentProblemMessage, runPreflight, transcriptProblem } from "./preflight.js";
import { finish } from "./run-finish.js";
import { startRun } from "./run-state.js";
import { runSteps } from "./run-steps.js";
import type { Lesson, LessonMode } from "./types.js";

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

/** Resolves when every check held and teardown did; throws ExitError with the exit code and its line otherwise. */
export async function runLesson<Options, Words>(lesson: Lesson<Options, Words>, common: CommonOptions, options: Options): Promise<void> {
  const checked = preflight(lesson, common, options);
  const run = await startRun(lesson, common, options, checked);
  await runSteps(run);
  await finish(run);
}

/** What preflight found good: the parent to make the workspace in, and where --from starts. */
export interface Preflight {
  parent: string;
  fromIndex: number;
}

/** Everything that may refuse (exit 2), before anything is created: the parent, the transcript, --from, the lesson, the machine. */
function preflight<Options, Words>(lesson: Lesson<Options, Words>, common: CommonOptions, options: Options): Preflight {
  const { t } = common;
  const checkedParent = checkParent(common.dir ?? tmpdir());
  if ("problem" in checkedParent) throw new ExitError(EXIT_USAGE, parentProblemMessage(t, checkedParent.problem));
  const parent = checkedParent.path;
  if (common.transcript !== undefined) {
    const problem = transcriptProblem(common.transcript, t);
    if (problem !== undefined) throw new ExitError(EXIT_USAGE, problem);
  }
  const fromIndex = common.from === undefined ? 0 : lesson.steps.findIndex((step) => step.id === common.from);
  if (fromIndex === -1)
    throw new ExitError(EXIT_USAGE, t.practice.unknownStep(common.from ?? "", t.practice.list(lesson.steps.map((step) => step.id))));
  const refusal = lesson.refuse?.(parent, options, lesson.words[common.lang]);
  if (refusal !== undefined) throw new ExitError(EXIT_USAGE, refusal);
  for (const check of runPreflight({ parent, t, formatBytes })) {
    if (!check.ok) throw new ExitError(EXIT_USAGE, `${check.label}. ${check.fix ?? ""}`.trim());
  }
  return { parent, fromIndex };
}
