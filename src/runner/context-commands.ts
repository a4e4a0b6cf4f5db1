// What a step runs: real commands, shown as typed and recorded, and the mounts it makes, each
// registered for teardown before mount(8) runs (DESIGN.md, Cleanup registry).
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { classifyMountError } from "../overlay/hints.js";
import { overlayMountArgv, tmpfsMountArgv, unmountSync } from "../overlay/mount.js";
import { isMountPoint } from "../overlay/mountinfo.js";
import type { Registration } from "../sys/cleanup.js";
import { InterruptedError, StepError } from "../sys/errors.js";
import { type CommandResult, errorLine, firstLine, runCommand, shellQuote } from "../sys/exec.js";
import { kernelLogMark, kernelLogSince } from "../sys/kernel-log.js";
import type { StepScope } from "./context.js";
import type { Reporter } from "./report/reporter.js";
import type { LessonContext, MountAttempt, OverlayMount, StepRunOptions } from "./types.js";

export type StepCommands = Pick<LessonContext, "run" | "track"> & StepMounts;

export function stepCommands(scope: StepScope): StepCommands {
  const { deps, stepId, ensureRunning } = scope;
  const { t, reporter, workspace, signal } = deps;

  async function run(argv: readonly string[], options: StepRunOptions = {}): Promise<CommandResult> {
    ensureRunning();
    const cwd = options.cwd ?? workspace.root;
    const stopProgress = options.progress ? watchProgress(options.progress, stepId, reporter) : undefined;
    let result: CommandResult;
    try {
      result = await runCommand(argv, { cwd, cancelSignal: signal });
    } finally {
      stopProgress?.();
    }
    if (result.canceled || signal.aborted) throw new InterruptedError(String(signal.reason ?? "SIGINT"));
    reporter.command(stepId, result, cwd);
    if (result.exitCode !== 0 && options.allowFailure !== true) {
      throw new StepError(t.errors.commandFailed(shellQuote(argv), result.exitCode, errorLine(result.stderr)));
    }
    return result;
  }

  return {
    run,
    track: (resource) => deps.registry.register(resource),
    ...stepMounts(scope, run),
  };
}

type StepMounts = Pick<LessonContext, "mountOverlay" | "tryMountOverlay" | "mountTmpfs" | "unmount">;

/** The step's mounts, each run through `run` (shown and recorded like any command). */
function stepMounts(scope: StepScope, run: LessonContext["run"]): StepMounts {
  const { deps, stepId, ensureRunning } = scope;
  const { t, reporter, workspace } = deps;
  // Build mounts a step unmounts itself (layers-demo's instructions): their registrations, by merged.
  const mounted = new Map<string, Registration>();
  const overlayArgv = (spec: OverlayMount): string[] => overlayMountArgv({ ...spec, userxattr: deps.mode === "rootless" });

  /**
   * Mount with `argv` on `target` (relative to the workspace or absolute), registered for teardown
   * before mount(8) runs, so that a signal during the spawn still finds and undoes it; a refusal
   * forgets the registration.
   */
  async function mountTracked(argv: string[], target: string): Promise<MountAttempt> {
    ensureRunning();
    const point = resolve(workspace.root, target);
    const registration = deps.registry.register({
      label: t.report.teardownUmount(point),
      release: () => {
        const outcome = unmountSync(point);
        if (outcome.lazy) {
          reporter.say(stepId, t.report.lazyUnmount(point, t.practice.list(outcome.holders.map((h) => `${h.command}[${h.pid}] ${h.how}`))));
        }
      },
    });
    const result = await run(argv, { allowFailure: true });
    if (result.exitCode !== 0) {
      registration.forget();
      return { mounted: false, result };
    }
    mounted.set(point, registration);
    return { mounted: true, result };
  }

  return {
    async mountOverlay(spec) {
      const attempt = await mountTracked(overlayArgv(spec), spec.merged);
      if (!attempt.mounted) {
        const hint = classifyMountError(attempt.result.stderr);
        throw new StepError(hint ? t.hints[hint] : t.errors.mountFailed(firstLine(attempt.result.stderr)));
      }
      return attempt.result;
    },
    async tryMountOverlay(spec) {
      const mark = kernelLogMark();
      const attempt = await mountTracked(overlayArgv(spec), spec.merged);
      return mark === undefined ? attempt : { ...attempt, kernelSays: kernelLogSince(mark, "overlayfs:") };
    },
    async mountTmpfs(relativePath, sizeBytes) {
      const attempt = await mountTracked(tmpfsMountArgv(relativePath, sizeBytes), relativePath);
      if (!attempt.mounted) throw new StepError(t.errors.mountFailed(firstLine(attempt.result.stderr)));
      return attempt.result;
    },
    async unmount(merged) {
      // Shown and run as the learner would; the registration stays until the kernel agrees.
      const result = await run(["umount", merged]);
      const target = resolve(workspace.root, merged);
      if (!isMountPoint(target)) mounted.get(target)?.forget();
      mounted.delete(target);
      return result;
    },
  };
}

/** Poll the size of a file a command is writing: the bytes never pass through this process. */
function watchProgress(progress: NonNullable<StepRunOptions["progress"]>, stepId: string, reporter: Reporter): () => void {
  const started = performance.now();
  const timer = setInterval(() => {
    let size = 0;
    try {
      size = statSync(progress.file).size;
    } catch {
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    reporter.progress(stepId, {
      label: progress.label,
      doneBytes: size,
      totalBytes: progress.totalBytes,
      bytesPerSecond: seconds > 0 ? size / seconds : 0,
    });
  }, 100);
  return () => clearInterval(timer);
}
