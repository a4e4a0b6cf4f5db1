// How lessons put what they observed into a check: short, stable strings that read the same in
// the JSON and on the screen ("(empty)", "yes").
import type { LessonContext } from "../runner/types.js";

/** A directory's entries, space-separated; "(empty)" or "(missing)" when there are none. */
export function listing(ctx: LessonContext<unknown>, path: string): string {
  const names = ctx.entries(path);
  return names === undefined ? "(missing)" : names.join(" ") || "(empty)";
}

export const yesNo = (value: boolean): string => (value ? "yes" : "no");
