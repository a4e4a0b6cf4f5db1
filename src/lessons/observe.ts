// How lessons put what they observed into a check: short, stable strings that read the same in
// the JSON and on the screen ("(empty)", "yes").
import { formatCount } from "../i18n/format.js";
import type { LessonContext } from "../runner/types.js";

/** A directory's entries, space-separated; "(empty)" or "(missing)" when there are none. */
export function listing(ctx: LessonContext<unknown>, path: string): string {
  const names = ctx.entries(path);
  return names === undefined ? "(missing)" : names.join(" ") || "(empty)";
}

export const yesNo = (value: boolean): string => (value ? "yes" : "no");

/**
 * An exact byte count, grouped and saying what it counts: "32,998 B". For a check's expected and
 * observed, and beside a command that prints exact bytes (du -b); -1 (what a lesson's size
 * reader says of a missing file) reads "(missing)".
 */
export const exactBytes = (bytes: number): string => (bytes < 0 ? "(missing)" : `${formatCount(bytes)} B`);

/** The first few of a list of paths, for a sentence in the learner's language ("a, b, c, …" / "a、b、c、…"). */
export function few(ctx: LessonContext<unknown>, paths: readonly string[]): string {
  return ctx.t.practice.list(paths.length > 3 ? [...paths.slice(0, 3), "…"] : paths);
}

/** Paths without the directories that only hold others of the list (a directory changes when a file in it does). */
export function leaves(paths: readonly string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other.startsWith(`${path}/`)));
}
