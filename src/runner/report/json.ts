// --json: newline-delimited JSON on stdout, one event per line and nothing else, so a script
// can `jq` the stream as it arrives. Stdout writes to a pipe are synchronous on Linux, so every
// line is out before the process exits.
import type { Reporter, Summary } from "./reporter.js";

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

export function createJsonReporter(): Reporter {
  return {
    lessonStart(lesson, _title, workspace, staleRemoved, mode) {
      const event: Record<string, unknown> = { type: "lesson-start", lesson, mode, workspace };
      if (staleRemoved.length > 0) event.staleRemoved = staleRemoved.map((found) => found.path);
      emit(event);
    },
    stepStart(_index, _total, id, title) {
      emit({ type: "step-start", step: id, title });
    },
    command(step, result) {
      emit({
        type: "command",
        step,
        argv: result.argv,
        exitCode: result.exitCode,
        ms: round(result.ms),
        stdout: result.stdout,
        stderr: result.stderr,
      });
    },
    action() {},
    say() {},
    facts() {},
    check(step, record) {
      emit({ type: "check", step, id: record.id, ok: record.ok, expected: record.expected, observed: record.observed });
    },
    progress() {},
    stepEnd(record) {
      const event: Record<string, unknown> = {
        type: "step-end",
        step: record.id,
        ok: record.ok,
        status: record.status,
        ...(record.reason !== undefined ? { reason: record.reason } : {}),
        ms: round(record.ms),
      };
      if (record.error !== undefined) event.error = record.error;
      if (record.layers !== undefined) event.layers = record.layers;
      if (record.layerNames !== undefined) event.layerNames = record.layerNames;
      emit(event);
    },
    pausePrompt() {},
    // --practice is refused with --json: there is no task to print here.
    task() {},
    teardownStart() {},
    teardown() {},
    kept() {},
    summary(summary: Summary) {
      emit({ ...summary });
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
