// One try in a practice shell, as the grader can know it without seeing the terminal: what changed
// between the pictures taken before and after (snapshot.ts), and what the learner typed (the
// shell's record). After a failed try, the explanation: a mount that did not take (mount-replay.ts),
// then the step's own diagnosis, then the commands that failed, then the next thing to try.
import { relative } from "node:path";
import { joinWords } from "../i18n/index.js";
import { isWithin } from "../overlay/mountinfo.js";
import { shellQuote } from "../sys/exec.js";
import { explainFailedMounts, flat } from "./mount-replay.js";
import { binPath } from "./preflight.js";
import type { SnapshotChanges } from "./snapshot.js";
import type { Diagnosis, LessonContext, Practice, PracticeAttempt, ShellCommand } from "./types.js";

export function describeAttempt(
  changes: SnapshotChanges,
  commands: readonly ShellCommand[] | undefined,
  root: string,
  restart: string,
): PracticeAttempt {
  const inWorkspace = (path: string): string => (isWithin(path, root) ? relative(root, path) : path);
  const map = (paths: readonly string[]): string[] => paths.map(inWorkspace);
  return {
    commands,
    added: map(changes.added),
    removed: map(changes.removed),
    changed: map(changes.changed),
    mounted: map(changes.mounted),
    unmounted: map(changes.unmounted),
    restart,
  };
}

export const changedSomething = (attempt: PracticeAttempt): boolean =>
  [attempt.added, attempt.removed, attempt.changed, attempt.mounted, attempt.unmounted].some((paths) => paths.length > 0);

/** This lesson again, from `step`, with the options it was started with: runnable as it is. */
export function restartCommand(step: string, sudo: boolean, argv: readonly string[] = process.argv): string {
  const args: string[] = [];
  const given = argv.slice(2);
  for (let index = 0; index < given.length; index++) {
    const arg = given[index] ?? "";
    if (arg === "--from") index++;
    else if (!arg.startsWith("--from=")) args.push(arg);
  }
  return shellQuote([...(sudo ? ["sudo"] : []), process.execPath, binPath(argv), ...args, "--from", step]);
}

/** Say why the try failed and what to try next (the step's hint when there is nothing better). */
export async function explainAttempt<Options, Words>(
  ctx: LessonContext<Options, Words>,
  practice: Practice<Options, Words>,
  attempt: PracticeAttempt,
  step: PracticeAttempt,
): Promise<void> {
  const { t } = ctx;
  const explained = await explainFailedMounts(ctx as LessonContext, attempt);
  const diagnosis: Diagnosis = (await practice.diagnose?.(ctx, attempt, step)) ?? { found: [] };
  for (const line of diagnosis.found) ctx.say(`• ${line}`);

  const typed = (attempt.commands ?? []).filter((command) => !/^\s*exit(?:\s+\d+)?\s*$/.test(command.line));
  // 130: the learner's own Ctrl-C; not a failure worth a line.
  const failed = typed.filter((command) => command.status !== 0 && command.status !== 130 && !explained.lines.has(command.line));
  for (const command of failed.slice(-3)) ctx.say(`• ${t.practice.commandFailed(flat(command.line), command.status)}`);
  if (!changedSomething(attempt) && typed.length > 0 && failed.length === 0 && explained.count === 0 && diagnosis.found.length === 0) {
    const lines = typed.slice(-3).map((command) => `\`${flat(command.line)}\``);
    ctx.say(`• ${t.practice.ranNothingChanged(t.practice.list(lines))}`);
  }

  const next = explained.count > 0 ? t.practice.mount.next : diagnosis.next;
  if (next !== undefined) ctx.say(joinWords(t.practice.nextLabel, next));
  else ctx.say(joinWords(t.practice.hintLabel, practice.hint(ctx.w, ctx)));
}
