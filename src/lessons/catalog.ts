// What the CLI knows of each lesson before loading it: its id (the subcommand), its one-line
// descriptions in every language, its own options, and how to load it. Loading is lazy, so
// `--help` and `list` never parse a lesson's steps.
import type { Lang, Messages } from "../i18n/index.js";
import type { CommonOptions } from "../runner/run-lesson.js";
import type { LessonMode } from "../runner/types.js";

/** The flags commander parsed for a lesson: the common ones plus the lesson's own. */
export type LessonFlags = Record<string, string | boolean | undefined>;

export interface LessonOption {
  /** commander's flags, e.g. "--size <size>". */
  flags: string;
  describe: Record<Lang, string>;
}

/** What a lesson knows of the run before it starts: what it may refuse on, and a way to speak. */
export interface LessonSetup {
  t: Messages;
  lang: Lang;
  /** How the lesson will run: as root on the host, or rootless (not root, or --rootless). */
  mode: LessonMode;
  /** The command that runs this lesson again as root (`sudo …`), for a refusal to name. */
  asRoot: string;
  /** A line on the terminal before the lesson's first step (container-demo: the image it pulls). */
  print(line: string): void;
}

/**
 * A loaded lesson: validate its own flags (throwing ExitError, exit 2) and return how to run it,
 * which resolves when every check held and throws ExitError when not (runLesson).
 */
export interface LessonModule {
  prepare(flags: LessonFlags, setup: LessonSetup): (common: CommonOptions) => Promise<void>;
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
