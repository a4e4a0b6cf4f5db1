// What the CLI knows of each lesson before loading it: its id (the subcommand), its one-line
// descriptions in every language, its own options, and how to load it. Loading is lazy, so
// `--help` and `list` never parse a lesson's steps.
import type { Lang, Messages } from "../i18n/index.js";
import type { CommonOptions } from "../runner/run-lesson.js";

/** The flags commander parsed for a lesson: the common ones plus the lesson's own. */
export type LessonFlags = Record<string, string | boolean | undefined>;

export interface LessonOption {
  /** commander's flags, e.g. "--size <size>". */
  flags: string;
  describe: Record<Lang, string>;
}

/**
 * A loaded lesson: validate its own flags (throwing ExitError, exit 2) and return how to run it,
 * which resolves when every check held and throws ExitError when not (runLesson).
 */
export interface LessonModule {
  prepare(flags: LessonFlags, t: Messages, lang: Lang): (common: CommonOptions) => Promise<void>;
  /** The ids of the steps a learner can do with --practice, in lesson order (for `list`). */
  practiceSteps: readonly string[];
}

/** The step ids of a lesson that have a practice task. */
export function practiceStepsOf(lesson: { steps: ReadonlyArray<{ id: string; practice?: unknown }> }): string[] {
  return lesson.steps.filter((step) => step.practice !== undefined).map((step) => step.id);
}

export interface LessonMeta {
  id: string;
  /** The subcommand's line in --help. */
  describe: Record<Lang, string>;
  /** The line in `overlay-lesson list`. */
  summary: Record<Lang, string>;
  minutes: number;
  options?: LessonOption[];
  /** Needs root to mount (every lesson today; part 8 adds rootless mode). */
  load(): Promise<LessonModule>;
}
