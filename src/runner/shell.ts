// A shell for the learner, in the workspace, while merged is still mounted (and, rootless, inside
// the lesson's namespace, since the shell is our child). It starts with a clean, documented
// environment and no rc files, so the prompt and PATH are what the lesson says they are.
// Ctrl-C typed in it belongs to the shell: the runner ignores SIGINT while it is open.
// A practice shell also keeps a record of what the learner typed (bash only, see RECORDER): the
// grader cannot see the terminal, and a failed mount is explained from the command that made it.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Workspace } from "../overlay/workspace.js";
import { runtimeEnvironment } from "../runtime/index.js";
import type { ShellCommand } from "./types.js";

export interface ChosenShell {
  path: string;
  args: string[];
  /** bash keeps a record of each command line and its exit status; dash and zsh -f have no hook for it. */
  records: boolean;
}

/** The learner's $SHELL when it is one we know how to start clean; else /bin/sh. */
export function chooseShell(env: NodeJS.ProcessEnv = process.env): ChosenShell {
  const wanted = env.SHELL ?? "";
  switch (basename(wanted)) {
    case "bash":
      return { path: wanted, args: ["--norc", "--noprofile", "-i"], records: true };
    case "zsh":
      // -f: no rc files; PROMPT is zsh's name for PS1 (it honours both).
      return { path: wanted, args: ["-f", "-i"], records: false };
    case "sh":
    case "dash":
      return { path: wanted, args: ["-i"], records: false };
    default:
      return { path: "/bin/sh", args: ["-i"], records: false };
  }
}

/** Where a practice shell keeps its record: inside the workspace, so it goes with it. */
export interface ShellRecord {
  /** NUL-separated (status, cwd, line) triples, one per line typed, appended as they run. */
  history: string;
  /** The lines of the attempts before, one a line: bash loads them, so ↑ brings the last try back. */
  recall: string;
}

/** Left out of the "did the learner change anything" fingerprint: the shell writes it, not the learner. */
export const RECORD_DIR = ".overlay-lesson-shell";

/**
 * bash runs PROMPT_COMMAND before every prompt, and the EXIT trap catches the line that ended the
 * shell (`mount …; exit`). `history 1` holds the line as typed; its number tells a new line from
 * an empty Enter. PROMPT_COMMAND comes from the environment, so a nested bash records too, and
 * the text is complete in itself (no function is assumed to exist). $? is taken first, before
 * anything else can change it, and given back so the learner's next `echo $?` is still right.
 * A template literal, so that it reads as shell: \${ is bash's own ${, and \\ its backslash.
 */
const RECORDER = `__overlay_lesson_status=$?
__overlay_lesson_record() {
  local status=$1
  if [[ -z \${__overlay_lesson_started-} ]]; then
    __overlay_lesson_started=1
    [[ -r \${OVERLAY_LESSON_RECALL-} ]] && builtin history -r "$OVERLAY_LESSON_RECALL"
    [[ $(HISTTIMEFORMAT= builtin history 1) =~ ^\\ *([0-9]+) ]] && __overlay_lesson_last=\${BASH_REMATCH[1]}
    trap '__overlay_lesson_record $?' EXIT
  elif [[ $(HISTTIMEFORMAT= builtin history 1) =~ ^\\ *([0-9]+)\\ \\ (.*)$ && \${BASH_REMATCH[1]} != "\${__overlay_lesson_last-}" ]]; then
    __overlay_lesson_last=\${BASH_REMATCH[1]}
    printf '%s\\0%s\\0%s\\0' "$status" "$PWD" "\${BASH_REMATCH[2]}" >>"$OVERLAY_LESSON_HISTORY"
  fi
  return "$status"
}
__overlay_lesson_record "$__overlay_lesson_status"`;

/** What makes bash keep the record: its PROMPT_COMMAND and where it writes. */
export function recordingEnvironment(record: ShellRecord): NodeJS.ProcessEnv {
  return { PROMPT_COMMAND: RECORDER, OVERLAY_LESSON_HISTORY: record.history, OVERLAY_LESSON_RECALL: record.recall };
}

/** Make the record's directory (once) and start this attempt's history empty; the lines of the attempts before go to recall. */
export function startRecord(workspace: Workspace, earlier: readonly ShellCommand[]): ShellRecord {
  const dir = join(workspace.root, RECORD_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const record = { history: join(dir, "history"), recall: join(dir, "recall") };
  writeFileSync(record.history, "", { mode: 0o600 });
  // history -r reads one entry a line: a line typed over several is left out, and so is a bare exit.
  const recall = earlier.map((command) => command.line).filter((line) => !line.includes("\n") && line.trim() !== "exit");
  writeFileSync(record.recall, recall.map((line) => `${line}\n`).join(""), { mode: 0o600 });
  return record;
}

/** The lines recorded in this attempt, oldest first; none when the file is gone (the learner may remove it). */
export function readRecord(record: ShellRecord): ShellCommand[] {
  let text: string;
  try {
    text = readFileSync(record.history, "utf8");
  } catch {
    return [];
  }
  const fields = text.split("\0");
  const commands: ShellCommand[] = [];
  for (let index = 0; index + 2 < fields.length; index += 3) {
    commands.push({ status: Number(fields[index]), cwd: fields[index + 1] ?? "", line: fields[index + 2] ?? "" });
  }
  return commands;
}

/** What the shell's environment holds, and nothing else: documented in the README. */
export function shellEnvironment(workspace: Workspace, prompt: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // The terminal and language, and how the learner's container runtime is reached (container-demo's
  // tasks run docker or podman in this shell: each adapter names the variables its CLI reads).
  const keep = [
    "PATH",
    "HOME",
    "TERM",
    "LANG",
    "LC_ALL",
    "LC_MESSAGES",
    "USER",
    "LOGNAME",
    "COLORTERM",
    "NO_COLOR",
    "XDG_RUNTIME_DIR",
    ...runtimeEnvironment(),
  ];
  const clean: NodeJS.ProcessEnv = {};
  for (const name of keep) if (env[name] !== undefined) clean[name] = env[name];
  clean.PATH ??= "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  return {
    ...clean,
    PS1: prompt,
    PROMPT: prompt,
    // The lesson's commands stay in the lesson: not appended to the learner's ~/.bash_history.
    HISTFILE: "/dev/null",
    OVERLAY_LESSON_WORKSPACE: workspace.root,
    OVERLAY_LESSON_LOWER: workspace.lower,
    OVERLAY_LESSON_UPPER: workspace.upper,
    OVERLAY_LESSON_WORK: workspace.work,
    OVERLAY_LESSON_MERGED: workspace.merged,
  };
}

/**
 * Run the shell on our terminal until it exits; resolve its exit code. When `stop` fires
 * (SIGTERM, SIGHUP: the terminal went away), the shell is hung up so teardown can go on.
 */
export function openShell(
  workspace: Workspace,
  prompt: string,
  stop: AbortSignal,
  extraEnv: NodeJS.ProcessEnv = {},
  record?: ShellRecord,
): Promise<number> {
  const shell = chooseShell();
  const recording = record !== undefined && shell.records ? recordingEnvironment(record) : {};
  const child = spawn(shell.path, shell.args, {
    cwd: workspace.root,
    stdio: "inherit",
    env: { ...shellEnvironment(workspace, prompt), ...extraEnv, ...recording },
  });
  const hangUp = (): void => {
    child.kill("SIGHUP");
  };
  stop.addEventListener("abort", hangUp, { once: true });
  return new Promise((resolve) => {
    child.on("error", () => resolve(127));
    child.on("close", (code, signal) => {
      stop.removeEventListener("abort", hangUp);
      resolve(code ?? (signal === "SIGHUP" ? 129 : 1));
    });
  });
}
