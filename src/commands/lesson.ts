// `overlay-lesson <lesson>`: validate every option (exit 2, nothing created), check privileges,
// load the lesson and hand it to the runner.
import { type Lang, messages } from "../i18n/index.js";
import type { LessonFlags } from "../lessons/catalog.js";
import { findLesson, LESSONS } from "../lessons/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import { langOption } from "./options.js";
import { colorWanted, requireRoot } from "./shared.js";

const text = (value: string | boolean | undefined): string | undefined => (typeof value === "string" ? value : undefined);

export async function lessonCommand(id: string, flags: LessonFlags, fallbackLang: Lang): Promise<number> {
  // main() already chose the language from --lang wherever it stood; a --lang given after the
  // command name arrives here too and must agree with it.
  const lang = langOption(messages(fallbackLang), text(flags.lang)) ?? fallbackLang;
  const t = messages(lang);
  const meta = findLesson(id);
  if (meta === undefined) throw new ExitError(EXIT_USAGE, t.usage.unknownCommand(id, LESSONS.map((lesson) => lesson.id).join(", ")));
  const dir = text(flags.dir);
  const transcript = text(flags.transcript);
  const common = {
    ...(dir !== undefined ? { dir } : {}),
    ...(transcript !== undefined ? { transcript } : {}),
    keep: flags.keep === true,
    yes: flags.yes === true,
    json: flags.json === true,
    color: colorWanted({ json: flags.json === true, ...(typeof flags.color === "boolean" ? { color: flags.color } : {}) }),
    lang,
    t,
  };
  const start = (await meta.load()).prepare(flags, t, lang);
  requireRoot(t);
  const outcome = await start(common);
  if (outcome.message !== undefined) process.stderr.write(`overlay-lesson: ${outcome.message}\n`);
  return outcome.exitCode;
}
