// Can a lesson run here? The same checks back `overlay-lesson doctor` and the start of every
// lesson, so the learner gets the same fix from both. Everything is read in-process (no spawn).
import { accessSync, constants, existsSync, readFileSync, realpathSync } from "node:fs";
import { release } from "node:os";
import { delimiter, join } from "node:path";
import type { Messages } from "../i18n/index.js";
import { fsInfo } from "../overlay/fsinfo.js";
import { checkParent, type ParentProblem } from "../overlay/workspace.js";
import { shellQuote } from "../sys/exec.js";

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

export function parseKernelVersion(text: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function atLeast(version: [number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}

export function findInPath(command: string, path = process.env.PATH ?? ""): string | undefined {
  // sudo's secure_path usually holds these; fall back to the usual places when PATH is thin.
  const dirs = [...path.split(delimiter), "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
  for (const dir of dirs) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The exact command to run this again as root, with absolute paths (sudo resets PATH). */
export function sudoCommand(argv: readonly string[] = process.argv): string {
  return shellQuote(["sudo", process.execPath, binPath(argv), ...argv.slice(2)]);
}

/** The command that removes what is left under `parent`, runnable as it is under sudo. */
export function cleanupCommand(parent: string, argv: readonly string[] = process.argv): string {
  return shellQuote(["sudo", process.execPath, binPath(argv), "cleanup", "--dir", parent]);
}

function binPath(argv: readonly string[]): string {
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

  const isRoot = input.isRoot ?? process.getuid?.() === 0;
  checks.push(
    isRoot
      ? { id: "root", ok: true, label: t.doctor.root }
      : { id: "root", ok: false, label: t.doctor.notRoot, fix: t.doctor.notRootFix(sudoCommand()) },
  );

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

  const missing = REQUIRED_COMMANDS.filter((command) => findInPath(command) === undefined);
  checks.push(
    missing.length === 0
      ? { id: "commands", ok: true, label: t.doctor.commands(REQUIRED_COMMANDS.join(", ")) }
      : { id: "commands", ok: false, label: t.doctor.commandsMissing(missing.join(", ")), fix: t.doctor.commandsFix },
  );
  return checks;
}
