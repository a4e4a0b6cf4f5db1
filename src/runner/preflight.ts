// Can a lesson run here? The same checks back `overlay-lesson doctor` and the start of every
// lesson, so the learner gets the same fix from both. Everything is read in-process (no spawn).
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { release } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Messages } from "../i18n/index.js";
import { fsInfo } from "../overlay/fsinfo.js";
import { checkParent, type ParentProblem } from "../overlay/workspace.js";
import { shellQuote } from "../sys/exec.js";
import { atLeast, findProgram, parseKernelVersion } from "../sys/host.js";
import { readerIsRoot } from "../sys/sudo.js";
import { insideLessonNamespace, rootlessRefusal } from "../sys/userns.js";

export { findProgram, parseKernelVersion };

export interface PreflightCheck {
  id: string;
  ok: boolean;
  /** What was found, in the learner's language. */
  label: string;
  /** How to fix it, when not ok. */
  fix?: string;
  /** A note worth knowing even when ok (tmpfs measures memory). */
  note?: string;
}

// Every program a lesson spawns: mount-demo also lists and prints files (find, ls, cat, head).
export const REQUIRED_COMMANDS = ["mount", "umount", "findmnt", "stat", "dd", "md5sum", "du", "sync", "find", "ls", "cat", "head"] as const;

/**
 * Programs a lesson shows where they are installed and does without where they are not (a minimal
 * Debian or Ubuntu has no attr package): doctor lists them, never as a problem.
 */
export const OPTIONAL_COMMANDS = [{ program: "getfattr", package: "attr" }] as const;

export interface OptionalTool {
  program: (typeof OPTIONAL_COMMANDS)[number]["program"];
  package: string;
  /** Where it is on PATH, or undefined. */
  path: string | undefined;
}

export function optionalTools(): OptionalTool[] {
  return OPTIONAL_COMMANDS.map((tool) => ({ program: tool.program, package: tool.package, path: findProgram(tool.program) }));
}

/** The exact command to run this again as root, with absolute paths (sudo resets PATH). */
export function sudoCommand(argv: readonly string[] = process.argv): string {
  return shellQuote(["sudo", process.execPath, binPath(argv), ...argv.slice(2)]);
}

/** The command that removes what is left under `parent`, runnable as it is (under sudo for root's). */
export function cleanupCommandLine(parent: string, argv: readonly string[] = process.argv, sudo = !readerIsRoot()): string {
  return shellQuote([...(sudo ? ["sudo"] : []), process.execPath, binPath(argv), "cleanup", "--dir", parent]);
}

/** The bin this process runs, as a path any shell can run again. */
export function binPath(argv: readonly string[]): string {
  const bin = argv[1] ?? "overlay-lesson";
  try {
    return realpathSync(bin);
  } catch {
    return bin;
  }
}

export function parentProblemMessage(t: Messages, problem: ParentProblem): string {
  switch (problem.kind) {
    case "missing":
      return t.parent.missing(problem.path);
    case "not-directory":
      return t.parent.notDirectory(problem.path);
    case "symlink":
      return t.parent.symlink(problem.path);
    case "world-writable":
      return t.parent.worldWritable(problem.path);
    case "not-writable":
      return t.parent.notWritable(problem.path);
    case "unfit-fs":
      return t.parent.unfitFs(problem.path, problem.fsType);
  }
}

export interface PreflightInput {
  parent: string;
  t: Messages;
  isRoot?: boolean;
  /** Bytes the lesson needs on the parent's filesystem. */
  needBytes?: number;
  formatBytes: (bytes: number) => string;
}

export function overlayAvailable(): "loaded" | "module" | "absent" {
  try {
    if (/\boverlay$/m.test(readFileSync("/proc/filesystems", "utf8"))) return "loaded";
  } catch {
    // no /proc: treat as absent below
  }
  // Not registered yet, but the kernel loads the module on the first mount when it exists.
  const dir = `/lib/modules/${release()}/kernel/fs/overlayfs`;
  for (const name of ["overlay.ko", "overlay.ko.xz", "overlay.ko.zst", "overlay.ko.gz"]) {
    if (existsSync(join(dir, name))) return "module";
  }
  return "absent";
}

export function runPreflight(input: PreflightInput): PreflightCheck[] {
  const { t } = input;
  const checks: PreflightCheck[] = [];

  const kernelText = release();
  const kernel = parseKernelVersion(kernelText);
  if (kernel === undefined || !atLeast(kernel, 3, 18)) {
    checks.push({ id: "kernel", ok: false, label: t.doctor.kernel(kernelText), fix: t.doctor.kernelFix });
  } else {
    const check: PreflightCheck = { id: "kernel", ok: true, label: t.doctor.kernel(kernelText) };
    if (!atLeast(kernel, 4, 0)) check.note = t.doctor.kernelOldMultiLower;
    checks.push(check);
  }

  const overlay = overlayAvailable();
  checks.push(
    overlay === "absent"
      ? { id: "overlay", ok: false, label: t.doctor.overlayMissing, fix: t.doctor.overlayFix }
      : { id: "overlay", ok: true, label: overlay === "loaded" ? t.doctor.overlayLoaded : t.doctor.overlayModule },
  );

  // Root mounts on the host; anyone else runs rootless, in a namespace of the lesson's own.
  const isRoot = input.isRoot ?? (process.getuid?.() === 0 && !insideLessonNamespace());
  if (isRoot) checks.push({ id: "root", ok: true, label: t.doctor.root });
  else if (insideLessonNamespace()) checks.push({ id: "rootless", ok: true, label: t.doctor.rootlessOk });
  else {
    const refusal = rootlessRefusal(t, sudoCommand());
    checks.push(
      refusal === undefined
        ? { id: "rootless", ok: true, label: t.doctor.rootlessOk }
        : { id: "rootless", ok: false, label: t.doctor.rootlessNo, fix: refusal },
    );
  }

  const parent = checkParent(input.parent);
  if ("problem" in parent) {
    checks.push({ id: "parent", ok: false, label: parentProblemMessage(t, parent.problem), fix: t.parent.fix });
  } else {
    const info = fsInfo(parent.path);
    const check: PreflightCheck = { id: "parent", ok: true, label: t.doctor.parentOk(parent.path, info.type) };
    if (info.type === "tmpfs" || info.type === "ramfs") check.note = t.doctor.tmpfsNote;
    if (info.type === "xfs") check.note = t.doctor.xfsNote;
    checks.push(check);
    const need = input.needBytes ?? 16 * 1024 * 1024;
    const free = input.formatBytes(info.freeBytes);
    checks.push(
      info.freeBytes >= need
        ? { id: "space", ok: true, label: t.doctor.space(free, parent.path) }
        : {
            id: "space",
            ok: false,
            label: t.doctor.spaceShort(free, input.formatBytes(need), parent.path),
            fix: t.doctor.spaceFix,
          },
    );
  }

  const missing = REQUIRED_COMMANDS.filter((command) => findProgram(command) === undefined);
  checks.push(
    missing.length === 0
      ? { id: "commands", ok: true, label: t.doctor.commands(t.practice.list(REQUIRED_COMMANDS)) }
      : { id: "commands", ok: false, label: t.doctor.commandsMissing(t.practice.list(missing)), fix: t.doctor.commandsFix },
  );
  return checks;
}

/** The transcript goes to a new or regular file in an existing directory, never through a symlink. */
export function transcriptProblem(path: string, t: Messages): string | undefined {
  try {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink() || !stats.isFile()) return t.usage.transcriptNotFile(path);
    return undefined;
  } catch {
    // absent: its directory must exist
  }
  try {
    if (!statSync(dirname(resolve(path))).isDirectory()) return t.usage.transcriptNoDir(path);
  } catch {
    return t.usage.transcriptNoDir(path);
  }
  return undefined;
}
