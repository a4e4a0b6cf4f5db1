// What several commands need alike: whether to colour, and refusing to go on without root.
// Kept apart from commands/lesson.ts so that cleanup and doctor do not load the lesson runner.
import type { Messages } from "../i18n/index.js";
import { sudoCommand } from "../runner/preflight.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";

export function colorWanted(flags: { color?: boolean; json?: boolean }): boolean {
  if (flags.color === false || flags.json === true) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return process.stdout.isTTY === true;
}

/** Mounting and unmounting need root: say so with the exact command that works under sudo. */
export function requireRoot(t: Messages): void {
  if (process.getuid?.() !== 0) throw new ExitError(EXIT_USAGE, t.errors.notRoot(sudoCommand()));
}
