// The runner's side of LessonContext: every command, write and check a lesson makes goes
// through here, so output, recording, JSON and cleanup stay in one place.
import { appendFile, lstatSync, mkdir, readdirSync, readFileSync, statSync, unlink, writeFile } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Lang, Messages } from "../i18n/index.js";
import { discoverOverlays } from "../overlay/discover.js";
import { classifyMountError } from "../overlay/hints.js";
import { overlayMountArgv, tmpfsMountArgv, unmountSync } from "../overlay/mount.js";
import { isMountPoint, overlayLayers, parseSuperOptions, readMountInfo } from "../overlay/mountinfo.js";
import type { Workspace } from "../overlay/workspace.js";
import { readOverlayXattrs, readXattr, writeXattr } from "../overlay/xattr.js";
import type { CleanupRegistry, Registration } from "../sys/cleanup.js";
import { InterruptedError, StepError, StepSkipped } from "../sys/errors.js";
import { type CommandResult, firstLine, runCommand, shellQuote } from "../sys/exec.js";
import { findProgram } from "../sys/host.js";
import { kernelLogMark, kernelLogSince } from "../sys/kernel-log.js";
import type { Reporter } from "./report/reporter.js";
import type { CheckRecord, LayerView, LessonContext, LessonMode, MountAttempt, MountSeen, OverlayMount, StepRunOptions } from "./types.js";

const writeFileAsync = promisify(writeFile);
const appendFileAsync = promisify(appendFile);
const mkdirAsync = promisify(mkdir);
const unlinkAsync = promisify(unlink);

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

export interface StepContext<Options, Words> extends LessonContext<Options, Words> {
  readonly checks: CheckRecord[];
}

export function createStepContext<Options, Words>(deps: ContextDeps<Options, Words>, stepId: string): StepContext<Options, Words> {
  const { t, reporter, workspace, signal } = deps;
  const checks: CheckRecord[] = [];
  // Build mounts a step unmounts itself (layers-demo's instructions): their registrations, by merged.
  const mounted = new Map<string, Registration>();

  function ensureRunning(): void {
    if (signal.aborted) throw new InterruptedError(String(signal.reason ?? "SIGINT"));
  }

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
      throw new StepError(t.errors.commandFailed(shellQuote(argv), result.exitCode, firstLine(result.stderr)));
    }
    return result;
  }

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
          reporter.say(stepId, t.report.lazyUnmount(point, outcome.holders.map((h) => `${h.command}[${h.pid}] ${h.how}`).join(", ")));
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

  const xattrNamespace = deps.mode === "rootless" ? "user" : "trusted";
  return {
    t,
    w: deps.w,
    lang: deps.lang,
    mode: deps.mode,
    xattrNamespace,
    options: deps.options,
    workspace,
    signal,
    checks,
    metricsSoFar: deps.metrics,
    has: (program) => findProgram(program) !== undefined,
    run,
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
    track(resource) {
      return deps.registry.register(resource);
    },
    async unmount(merged) {
      // Shown and run as the learner would; the registration stays until the kernel agrees.
      const result = await run(["umount", merged]);
      const target = resolve(workspace.root, merged);
      if (!isMountPoint(target)) mounted.get(target)?.forget();
      mounted.delete(target);
      return result;
    },
    async writeFile(relativePath, content, mode = "write") {
      ensureRunning();
      reporter.action(stepId, `cat ${mode === "append" ? ">>" : ">"} ${shellQuote([relativePath])} <<'EOF'`, content);
      const path = join(workspace.root, relativePath);
      if (mode === "append") await appendFileAsync(path, content);
      else await writeFileAsync(path, content);
    },
    async setXattr(relativePath, name, value) {
      ensureRunning();
      const valueArgs = value === "" ? [] : ["-v", value];
      reporter.action(stepId, shellQuote(["setfattr", "-n", name, ...valueArgs, relativePath]));
      writeXattr(join(workspace.root, relativePath), name, value);
    },
    async mkdir(...relativePaths) {
      ensureRunning();
      reporter.action(stepId, `mkdir -p ${shellQuote(relativePaths)}`);
      for (const relativePath of relativePaths) await mkdirAsync(join(workspace.root, relativePath), { recursive: true });
    },
    async remove(relativePath) {
      ensureRunning();
      reporter.action(stepId, `rm ${shellQuote([relativePath])}`);
      await unlinkAsync(join(workspace.root, relativePath));
    },
    entries(relativePath) {
      try {
        return readdirSync(join(workspace.root, relativePath)).sort();
      } catch {
        return undefined;
      }
    },
    read(relativePath) {
      try {
        return readFileSync(join(workspace.root, relativePath), "utf8");
      } catch {
        return undefined;
      }
    },
    stat(relativePath) {
      try {
        return lstatSync(join(workspace.root, relativePath));
      } catch {
        return undefined;
      }
    },
    files(relativePath) {
      const found: string[] = [];
      const visit = (prefix: string): void => {
        for (const name of readdirSync(join(workspace.root, relativePath, prefix)).sort()) {
          const child = prefix === "" ? name : `${prefix}/${name}`;
          if (lstatSync(join(workspace.root, relativePath, child)).isDirectory()) visit(child);
          else found.push(child);
        }
      };
      visit("");
      return found;
    },
    overlayXattrs: (relativePath) => readOverlayXattrs(join(workspace.root, relativePath), xattrNamespace),
    xattr: (relativePath, name) => readXattr(join(workspace.root, relativePath), name),
    mountAt(path) {
      const point = resolve(workspace.root, path);
      return mountsSeen().findLast((mount) => mount.mountPoint === point);
    },
    mounts: mountsSeen,
    overlays: () => discoverOverlays().overlays,
    skip(reason) {
      throw new StepSkipped(reason);
    },
    check(id, label, expected, observed, ok = expected === observed) {
      const record: CheckRecord = { id, label, ok, expected, observed };
      checks.push(record);
      reporter.check(stepId, record);
      return ok;
    },
    say(text) {
      reporter.say(stepId, text);
    },
    facts(rows) {
      reporter.facts(stepId, rows);
    },
    metric(name, value) {
      deps.metrics[name] = value;
    },
    path(relativePath) {
      return join(workspace.root, relativePath);
    },
    showLayers(view) {
      deps.setLayerView(view);
    },
  };
}

/** The mount table as this process sees it now, each mount's options parsed. */
function mountsSeen(): MountSeen[] {
  return readMountInfo().map((entry) => ({
    mountPoint: entry.mountPoint,
    fsType: entry.fsType,
    options: parseSuperOptions(entry.superOptions),
    layers: overlayLayers(entry),
  }));
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
