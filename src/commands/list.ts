// `overlay-lesson list`: each lesson, one line, what it teaches and how long it takes; then the
// steps a learner can practice, ✓ where they have done it themselves (--practice).
import { joinWords } from "../i18n/index.js";
import { LESSONS } from "../lessons/index.js";
import { readProgress } from "../runner/progress.js";
import { padEnd } from "../runner/report/text.js";
import { EXIT_OK } from "../sys/errors.js";
import type { SharedOptions } from "./shared.js";

export async function listCommand(shared: SharedOptions): Promise<number> {
  const { lang, t } = shared;
  const progress = readProgress();
  const lessons = await Promise.all(
    LESSONS.map(async (lesson) => {
      const done = progress.lessons[lesson.id] ?? {};
      const practice = (await lesson.load()).practiceSteps.map((step) => ({ step, done: done[step] !== undefined }));
      return { id: lesson.id, summary: lesson.summary[lang], minutes: lesson.minutes, practice };
    }),
  );
  if (shared.json) {
    for (const lesson of lessons) process.stdout.write(`${JSON.stringify({ type: "lesson", ...lesson })}\n`);
    return EXIT_OK;
  }
  // Fitted to the terminal like every line (loaded only here: --json never pays for it).
  const { Screen, terminalColumns } = await import("../runner/report/screen.js");
  const screen = await Screen.open(terminalColumns(), (text) => process.stdout.write(text));
  const plain = (text: string): string => text;
  const idWidth = Math.max(...lessons.map((lesson) => lesson.id.length));
  for (const lesson of lessons) {
    // The summary wraps under itself, beside the id and the minutes.
    screen.labelled("", `${padEnd(lesson.id, idWidth)} ${padEnd(t.list.minutes(lesson.minutes), 12)} `, lesson.summary, plain, plain);
    if (lesson.practice.length === 0) continue;
    // A mark stays with its step (a no-break space): a row never ends on a lone ✓.
    const marks = lesson.practice.map(({ step, done }) => `${done ? "✓" : "·"}\u00a0${step}`).join("  ");
    screen.prose(joinWords(t.practice.practiced, marks), " ".repeat(idWidth + 1));
  }
  return EXIT_OK;
}
