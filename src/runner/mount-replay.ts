// A learner's overlay mount that did not take, explained from the command they typed (the practice
// shell's record): mount's own answer, got by running the same words again in a mount namespace of
// the lesson's own (unshare --mount: whatever that mounts goes when the command ends, on the host
// as in rootless mode), classified by the hint table the lessons use (overlay/hints.ts), then what
// the kernel would refuse in the options, re-checked against the directories as they are.
import { existsSync, realpathSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { Messages } from "../i18n/index.js";
import { classifyMountError } from "../overlay/hints.js";
import { isPlainOverlayMount, type MountInvocation, meantOverlay, optionValue, parseMountCommand } from "../overlay/mount-command.js";
import { type MountProblem, overlayMountProblems } from "../overlay/mount-problems.js";
import { isWithin, readMountInfo } from "../overlay/mountinfo.js";
import type { Workspace } from "../overlay/workspace.js";
import { findProgram } from "../sys/host.js";
import { shellEnvironment } from "./shell.js";
import { splitCommandLine } from "./shell-words.js";
import type { LessonContext, PracticeAttempt, ShellCommand } from "./types.js";

interface FailedMount {
  command: ShellCommand;
  invocation: MountInvocation;
  /** The words are exactly the shell's: the mount may be run again. */
  exact: boolean;
  /** Absolute: where the learner wanted the overlay. */
  target: string;
}

export interface MountsExplained {
  /** Mounts that did not take, explained. */
  count: number;
  /** Their lines, so that the list of failed commands does not name them twice. */
  lines: Set<string>;
}

export async function explainFailedMounts(ctx: LessonContext, attempt: PracticeAttempt): Promise<MountsExplained> {
  const explained: MountsExplained = { count: 0, lines: new Set() };
  const { t, workspace } = ctx;
  const typed = typedMounts(attempt.commands ?? [], workspace);
  // The lesson unmounts what is mounted beneath the workspace, on every way out; not elsewhere.
  for (const outside of typed.filter((mount) => mount.mounted && !isWithin(realOrSelf(mount.target), realOrSelf(workspace.root)))) {
    ctx.say(`• ${t.practice.mount.outside(outside.target)}`);
  }
  for (const failed of typed.filter((mount) => !mount.mounted)) {
    const shown = (path: string): string => shownPath(path, workspace.root);
    explained.count++;
    explained.lines.add(failed.command.line);
    ctx.say(t.practice.mount.notTaken(shown(failed.target)));
    const replay = failed.exact && replayable(failed, workspace.root);
    // Not run again: mount's answer is the one the learner saw, above in their shell.
    if (!replay && failed.command.status !== 0) ctx.say(`• ${t.practice.commandFailed(flat(failed.command.line), failed.command.status)}`);
    if (replay) {
      ctx.say(t.practice.mount.replay);
      // mount(8) from PATH, whatever the learner called it by (./mount would be a program of theirs).
      const argv = ["unshare", "--mount", "--propagation", "private", "mount", ...failed.invocation.argv.slice(1)];
      const result = await ctx.run(argv, {
        cwd: failed.command.cwd,
        allowFailure: true,
      });
      if (result.exitCode === 0) ctx.say(t.practice.mount.replayWorked(shown(failed.target)));
      const hint = result.exitCode === 0 ? undefined : classifyMountError(result.stderr);
      if (hint !== undefined) ctx.say(t.practice.mount.means[hint]);
    }
    const problems = overlayMountProblems(failed.invocation, failed.command.cwd);
    for (const problem of problems) ctx.say(`• ${problemText(t, problem, shown)}`);
  }
  return explained;
}

/** The last overlay mount typed for each mount point, and whether it is an overlay mount now. */
function typedMounts(commands: readonly ShellCommand[], workspace: Workspace): Array<FailedMount & { mounted: boolean }> {
  const byTarget = new Map<string, FailedMount>();
  for (const command of commands) {
    const env = { ...shellEnvironment(workspace, ""), PWD: command.cwd };
    for (const simple of splitCommandLine(command.line, env)) {
      const invocation = parseMountCommand(simple.words);
      if (invocation === undefined || !meantOverlay(invocation)) continue;
      const point = invocation.positionals[1] ?? invocation.positionals[0] ?? ".";
      const target = resolve(command.cwd, point);
      byTarget.delete(target); // the last try for a mount point counts, in the order typed
      byTarget.set(target, { command, invocation, exact: simple.exact, target });
    }
  }
  const mounts = readMountInfo();
  const mounted = (path: string): boolean => mounts.some((entry) => entry.fsType === "overlay" && entry.mountPoint === realOrSelf(path));
  return [...byTarget.values()].map((typed) => ({ ...typed, mounted: mounted(typed.target) }));
}

/**
 * Run again only a plain overlay mount whose upper, work and mount point are in the workspace:
 * the kernel writes only there (work/work, a test whiteout), and nowhere else.
 */
function replayable(failed: FailedMount, root: string): boolean {
  if (!isPlainOverlayMount(failed.invocation) || findProgram("unshare") === undefined || !existsSync(failed.command.cwd)) return false;
  const written = [optionValue(failed.invocation, "upperdir"), optionValue(failed.invocation, "workdir"), failed.invocation.positionals[1]];
  return written.every((path) => path === undefined || isWithin(realOrSelf(resolve(failed.command.cwd, path)), realOrSelf(root)));
}

/** The real path of what exists of `path` (a missing leaf is resolved through its parent). */
function realOrSelf(path: string): string {
  try {
    return existsSync(path) ? realpathSync(path) : resolve(realpathSync(dirname(path)), path.slice(dirname(path).length + 1));
  } catch {
    return path;
  }
}

/** Inside the workspace, as the shell there would name it (upper, merged); elsewhere, whole. */
function shownPath(path: string, root: string): string {
  return isWithin(path, root) && path !== root ? relative(root, path) : path;
}

/** A typed line on one line, cut short where it would fill the screen. */
export function flat(line: string): string {
  const text = line.replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function problemText(t: Messages, problem: MountProblem, shown: (path: string) => string): string {
  const words = t.practice.mount.problems;
  switch (problem.kind) {
    case "type":
      return problem.type === undefined ? words.noType : words.otherType(problem.type);
    case "no-source":
      return words.noSource(problem.given ?? "");
    case "unknown-option":
      return words.unknownOption(problem.option, problem.meant);
    case "no-lowerdir":
      return words.noLowerdir;
    case "no-workdir":
      return words.noWorkdir;
    case "no-upperdir":
      return words.noUpperdir;
    case "missing":
      return problem.option === "mount point"
        ? words.missingTarget(problem.value, problem.near ?? "")
        : words.missing(problem.option, problem.value, problem.near ?? "");
    case "not-directory":
      return problem.option === "mount point" ? words.targetNotDirectory(problem.value) : words.notDirectory(problem.option, problem.value);
    case "separate-fs":
      return words.separateFs(shown(problem.upper), problem.upperFs, shown(problem.work), problem.workFs);
    case "nested":
      return words.nested(shown(problem.upper), shown(problem.work));
    case "upper-unfit":
      return words.upperUnfit(shown(problem.upper), problem.fsType);
    case "work-not-empty":
      return words.workNotEmpty(shown(problem.work), t.practice.list(problem.entries));
  }
}
