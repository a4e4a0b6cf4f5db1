// The runner's side of LessonContext: every command, write and check a lesson makes goes
// through here, so output, recording, JSON and cleanup stay in one place. The context is made
// of parts: what a step runs and mounts (context-commands.ts), what it writes and reads
// in-process (context-files.ts), and, here, what it records and says.
import type { Lang, Messages } from "../i18n/index.js";
import type { Workspace } from "../overlay/workspace.js";
import type { CleanupRegistry } from "../sys/cleanup.js";
import { InterruptedError, StepSkipped } from "../sys/errors.js";
import { findProgram } from "../sys/host.js";
import { hostUid } from "../sys/userns.js";
import { stepCommands } from "./context-commands.js";
import { stepReads, stepWrites } from "./context-files.js";
import type { Reporter } from "./report/reporter.js";
import type { CheckRecord, LayerView, LessonContext, LessonMode } from "./types.js";

export interface ContextDeps<Options, Words> {
  t: Messages;
  w: Words;
  mode: LessonMode;
  lang: Lang;
  options: Options;
  workspace: Workspace;
  reporter: Reporter;
  registry: CleanupRegistry;
  signal: AbortSignal;
  metrics: Record<string, number | string | number[]>;
  /** Where showLayers() leaves the stack the layer map draws. */
  setLayerView(view: LayerView): void;
}

/** What every part of one step's context shares. */
export interface StepScope {
  deps: ContextDeps<unknown, unknown>;
  stepId: string;
  /** Throws InterruptedError once a signal has come: nothing new starts after it. */
  ensureRunning(): void;
}

export interface StepContext<Options, Words> extends LessonContext<Options, Words> {
  readonly checks: CheckRecord[];
}

export function createStepContext<Options, Words>(deps: ContextDeps<Options, Words>, stepId: string): StepContext<Options, Words> {
  const { reporter, signal } = deps;
  const checks: CheckRecord[] = [];
  const scope: StepScope = {
    deps: deps as ContextDeps<unknown, unknown>,
    stepId,
    ensureRunning() {
      if (signal.aborted) throw new InterruptedError(String(signal.reason ?? "SIGINT"));
    },
  };
  const xattrNamespace = deps.mode === "rootless" ? "user" : "trusted";
  return {
    t: deps.t,
    w: deps.w,
    lang: deps.lang,
    mode: deps.mode,
    hostRoot: deps.mode === "root" || hostUid() === 0,
    xattrNamespace,
    options: deps.options,
    workspace: deps.workspace,
    signal,
    checks,
    metricsSoFar: deps.metrics,
    has: (program) => findProgram(program) !== undefined,
    ...stepCommands(scope),
    ...stepWrites(scope),
    ...stepReads(deps.workspace.root, xattrNamespace),
    skip(reason) {
      throw new StepSkipped(reason);
    },
    check(id, label, expected, observed, ok = expected === observed) {
      const record: CheckRecord = { id, label, ok, expected, observed };
      checks.push(record);
      reporter.check(stepId, record);
      return ok;
    },
    say: (text) => reporter.say(stepId, text),
    facts: (rows) => reporter.facts(stepId, rows),
    metric(name, value) {
      deps.metrics[name] = value;
    },
    showLayers: (view) => deps.setLayerView(view),
  };
}
