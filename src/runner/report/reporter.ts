// What the runner tells a reporter. Two reporters implement it: the human one (chalk + ora) and
// the JSON one (NDJSON events). Lessons never see a reporter; they talk to the runner.
import type { FoundWorkspace } from "../../overlay/workspace.js";
import type { TeardownEntry } from "../../sys/cleanup.js";
import type { CommandResult } from "../../sys/exec.js";
import type { TerminationSignal } from "../../sys/signals.js";
import type { CheckRecord, LessonId, LessonMode, StepRecord } from "../types.js";

export interface WorkspaceJson {
  root: string;
  lower: string[];
  upper: string;
  work: string;
  merged: string;
}

export interface Summary {
  type: "summary";
  lesson: LessonId;
  mode: LessonMode;
  ok: boolean;
  kept: boolean;
  interrupted?: TerminationSignal;
  workspace: WorkspaceJson;
  steps: Array<Omit<StepRecord, "checks" | "error"> & { checks: Array<Omit<CheckRecord, "label">>; error?: string }>;
  metrics: Record<string, number | string | number[]>;
}

export interface WriteProgress {
  label: string;
  doneBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
}

export interface Reporter {
  lessonStart(lesson: LessonId, title: string, workspace: WorkspaceJson, staleRemoved: FoundWorkspace[], mode: LessonMode): void;
  stepStart(index: number, total: number, id: string, title: string, explain: string): void;
  command(step: string, result: CommandResult, cwd: string): void;
  /** An action done in-process, shown as the shell a learner would type. */
  action(step: string, shell: string, body?: string): void;
  say(step: string, text: string): void;
  facts(step: string, rows: ReadonlyArray<readonly [string, string]>): void;
  check(step: string, record: CheckRecord): void;
  progress(step: string, progress: WriteProgress | undefined): void;
  stepEnd(record: StepRecord, keyPoint: string | undefined): void;
  /** Shown before waiting for Enter (human only). */
  pausePrompt(): void;
  /** --practice: the learner's task and a hint of the command's shape (terminal and transcript only). */
  task(step: string, task: string, hint: string): void;
  teardownStart(): void;
  teardown(entry: TeardownEntry): void;
  /** --keep: in root mode the mount stays; rootless, only the directories can (the mount goes with the namespace). */
  kept(workspace: WorkspaceJson, mode: LessonMode): void;
  summary(summary: Summary): void;
}
