// `overlay-lesson mount-demo|cow-demo`: validate every option (exit 2, nothing created), check
// privileges, load the lesson and hand it to the runner.
import type { LessonFlags } from "../cli.js";
import { type Lang, messages } from "../i18n/index.js";
import { runLesson } from "../runner/run-lesson.js";
import { integerOption, langOption, sizeOption } from "./options.js";
import { colorWanted, requireRoot } from "./shared.js";

export async function lessonCommand(id: "mount-demo" | "cow-demo", flags: LessonFlags, fallbackLang: Lang): Promise<number> {
  // main() already chose the language from --lang wherever it stood; a --lang given after the
  // command name arrives here too and must agree with it.
  const lang = langOption(messages(fallbackLang), flags.lang) ?? fallbackLang;
  const t = messages(lang);
  const common = {
    ...(flags.dir !== undefined ? { dir: flags.dir } : {}),
    ...(flags.transcript !== undefined ? { transcript: flags.transcript } : {}),
    keep: flags.keep === true,
    yes: flags.yes === true,
    json: flags.json === true,
    color: colorWanted(flags),
    lang,
    t,
  };
  if (id === "cow-demo") {
    const options = {
      sizeBytes: sizeOption(t, flags.size ?? "50M"),
      trials: integerOption(t, "--trials", flags.trials ?? "5", 1, 50),
      containers: integerOption(t, "--containers", flags.containers ?? "10", 1, 1000),
    };
    requireRoot(t);
    const { cowDemo } = await import("../lessons/cow-demo.js");
    return report(await runLesson(cowDemo, common, options));
  }
  requireRoot(t);
  const { mountDemo } = await import("../lessons/mount-demo.js");
  return report(await runLesson(mountDemo, common, {}));
}

function report(outcome: { exitCode: number; message?: string }): number {
  if (outcome.message !== undefined) process.stderr.write(`overlay-lesson: ${outcome.message}\n`);
  return outcome.exitCode;
}
