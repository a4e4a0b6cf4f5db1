// What several commands need alike: whether to colour. Kept apart from commands/lesson.ts so
// that cleanup and doctor do not load the lesson runner.

export function colorWanted(flags: { color?: boolean; json?: boolean }): boolean {
  if (flags.color === false || flags.json === true) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return process.stdout.isTTY === true;
}
