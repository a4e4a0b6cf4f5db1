// The "image" of mount-demo: the files lower/ starts with, and how to tell what the container
// did to them. Shared by the steps and by the practice checks.
import { isWhiteout } from "../../layers/entry.js";
import type { LessonContext } from "../../runner/types.js";
import type { MountDemoWords } from "./en.js";

export type Ctx = LessonContext<Record<string, never>, MountDemoWords>;

// The files of the "image". Their comments follow the learner's language; the settings are
// the ones the course uses.
export const appConf = (w: MountDemoWords): string => `# ${w.files.appConfShipped}\nserver_name = production\nport = 8080\n`;
export const newAppConf = (w: MountDemoWords): string =>
  `# ${w.files.appConfChanged}\nserver_name = development\nport = 3000\ndebug = true\n`;
export const mainPy = (w: MountDemoWords): string => `print("${w.files.mainPy}")\n`;
export const imageLog = (w: MountDemoWords): string => `${w.files.imageLog}\nlayer: sha256:3f1c9a…\n`;
export const containerData = (w: MountDemoWords): string => `${w.files.containerData}\n`;

export const LOWER_FILES = ["app/main.py", "etc/app.conf", "image-log.txt"];

/** lower/'s files and what they held when the lesson wrote them. */
export function lowerContents(w: MountDemoWords): Map<string, string> {
  return new Map([
    ["app/main.py", mainPy(w)],
    ["etc/app.conf", appConf(w)],
    ["image-log.txt", imageLog(w)],
  ]);
}

export const read = (ctx: Ctx, path: string): string => ctx.read(path) ?? "(missing)";
export const exists = (ctx: Ctx, path: string): boolean => ctx.stat(path) !== undefined;

const whiteoutAt = (ctx: Ctx, path: string): boolean => {
  const stats = ctx.stat(path);
  return stats !== undefined && isWhiteout(stats);
};

/** Every non-directory in upper, by what it is to lower: a copy-up, a new file, a whiteout. */
export function classifyUpper(ctx: Ctx): Record<"copy-up" | "new" | "whiteout" | "other", string[]> {
  const result: Record<"copy-up" | "new" | "whiteout" | "other", string[]> = { "copy-up": [], new: [], whiteout: [], other: [] };
  for (const path of ctx.files("upper")) {
    if (whiteoutAt(ctx, `upper/${path}`)) result.whiteout.push(path);
    else if (!ctx.stat(`upper/${path}`)?.isFile()) result.other.push(path);
    else result[exists(ctx, `lower/${path}`) ? "copy-up" : "new"].push(path);
  }
  return result;
}
