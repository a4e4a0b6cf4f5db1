// `overlay-lesson list`: each lesson, one line, what it teaches and how long it takes.
import { type Lang, messages } from "../i18n/index.js";
import { LESSONS } from "../lessons/index.js";
import { padEnd } from "../runner/report/text.js";
import { EXIT_OK } from "../sys/errors.js";
import { langOption } from "./options.js";

export async function listCommand(flags: { lang?: string; json?: boolean }, fallbackLang: Lang): Promise<number> {
  const lang = langOption(messages(fallbackLang), flags.lang) ?? fallbackLang;
  const t = messages(lang);
  const lessons = LESSONS.map((lesson) => ({ id: lesson.id, summary: lesson.summary[lang], minutes: lesson.minutes }));
  if (flags.json === true) {
    for (const lesson of lessons) process.stdout.write(`${JSON.stringify({ type: "lesson", ...lesson })}\n`);
    return EXIT_OK;
  }
  const idWidth = Math.max(...lessons.map((lesson) => lesson.id.length));
  for (const lesson of lessons) {
    process.stdout.write(`${padEnd(lesson.id, idWidth)} ${padEnd(t.list.minutes(lesson.minutes), 12)} ${lesson.summary}\n`);
  }
  return EXIT_OK;
}
