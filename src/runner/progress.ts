// Practice progress that lasts: which steps of which lesson the learner has done themselves,
// in the user's state directory ($XDG_STATE_HOME/overlay-lesson/, else
// ~/.local/state/overlay-lesson/). A failure to write it never fails a lesson.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface PracticeProgress {
  /** lesson id → step id → when the learner passed it (ISO time). */
  lessons: Record<string, Record<string, string>>;
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME?.startsWith("/") === true ? env.XDG_STATE_HOME : join(env.HOME ?? homedir(), ".local/state");
  return join(base, "overlay-lesson");
}

export function readProgress(dir = stateDir()): PracticeProgress {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, "progress.json"), "utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "lessons" in parsed &&
      typeof parsed.lessons === "object" &&
      parsed.lessons !== null
    ) {
      return parsed as PracticeProgress;
    }
  } catch {
    // none yet, or unreadable: start afresh
  }
  return { lessons: {} };
}

/** Record a passed practice step; returns false when the state directory cannot be written. */
export function recordPracticed(lesson: string, step: string, dir = stateDir()): boolean {
  try {
    const progress = readProgress(dir);
    progress.lessons[lesson] = { ...progress.lessons[lesson], [step]: new Date().toISOString() };
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Written whole, then renamed: a crash never leaves half a file.
    const temporary = join(dir, `progress.json.${process.pid}`);
    writeFileSync(temporary, `${JSON.stringify(progress, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, join(dir, "progress.json"));
    return true;
  } catch {
    return false;
  }
}
