// `overlay-lesson <lesson>`: validate every option (exit 2, nothing created), choose the mode,
// load the lesson and hand it to the runner. Not root (or --rootless): the lesson runs again
// inside a user and mount namespace of its own, where this same command then runs it.

import type { LessonFlags } from "../lessons/catalog.js";
import { findLesson, LESSONS, OTHER_COMMANDS } from "../lessons/index.js";
import { sudoCommand } from "../runner/preflight.js";
import { EXIT_OK, EXIT_USAGE, ExitError } from "../sys/errors.js";
import { insideLessonNamespace, rootlessRefusal, runInNamespace, watchOutsideProcess } from "../sys/userns.js";
import type { SharedOptions } from "./shared.js";

const text = (value: string | boolean | undefined): string | undefined => (typeof value === "string" ? value : undefined);

/** Runs the lesson; resolves when every check held, throws ExitError (cli.ts prints its line) when not. */
export async function lessonCommand(id: string, flags: LessonFlags, shared: SharedOptions): Promise<number> {
  const { lang, t, json } = shared;
  const meta = findLesson(id);
  if (meta === undefined)
    throw new ExitError(
      EXIT_USAGE,
      t.usage.unknownCommand(
        id,
        LESSONS.map((lesson) => lesson.id),
        OTHER_COMMANDS,
      ),
    );
  if (flags.shell === true && json) throw new ExitError(EXIT_USAGE, t.usage.shellNeedsTerminal);
  // The learner types in a shell: a pipe, CI or --json cannot.
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (flags.practice === true && (json || !terminal)) throw new ExitError(EXIT_USAGE, t.practice.notTerminal);
  const inside = insideLessonNamespace();
  const rootless = inside || flags.rootless === true || process.getuid?.() !== 0;
  const asRoot = sudoCommand(process.argv.filter((arg) => arg !== "--rootless"));
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const start = (await meta.load()).prepare(flags, { t, lang, mode: rootless ? "rootless" : "root", asRoot, print });

  if (rootless && !inside) {
    const refusal = rootlessRefusal(t, asRoot);
    if (refusal !== undefined) throw new ExitError(EXIT_USAGE, refusal);
    return runInNamespace();
  }
  if (inside) watchOutsideProcess();

  const dir = text(flags.dir);
  const transcript = text(flags.transcript);
  await start({
    ...(dir !== undefined ? { dir } : {}),
    ...(transcript !== undefined ? { transcript } : {}),
    keep: flags.keep === true,
    yes: flags.yes === true,
    json,
    color: shared.color,
    lang,
    t,
    mode: rootless ? "rootless" : "root",
    shell: flags.shell === true,
    practice: flags.practice === true,
    ...(text(flags.from) !== undefined ? { from: text(flags.from) ?? "" } : {}),
  });
  return EXIT_OK;
}
