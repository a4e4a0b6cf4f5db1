// A shell for the learner, in the workspace, while merged is still mounted (and, rootless, inside
// the lesson's namespace, since the shell is our child). It starts with a clean, documented
// environment and no rc files, so the prompt and PATH are what the lesson says they are.
// Ctrl-C typed in it belongs to the shell: the runner ignores SIGINT while it is open.
import { spawn } from "node:child_process";
import { basename } from "node:path";
import type { Workspace } from "../overlay/workspace.js";

/** The learner's $SHELL when it is one we know how to start clean; else /bin/sh. */
export function chooseShell(env: NodeJS.ProcessEnv = process.env): { path: string; args: string[] } {
  const wanted = env.SHELL ?? "";
  switch (basename(wanted)) {
    case "bash":
      return { path: wanted, args: ["--norc", "--noprofile", "-i"] };
    case "zsh":
      // -f: no rc files; PROMPT is zsh's name for PS1 (it honours both).
      return { path: wanted, args: ["-f", "-i"] };
    case "sh":
    case "dash":
      return { path: wanted, args: ["-i"] };
    default:
      return { path: "/bin/sh", args: ["-i"] };
  }
}

/** What the shell's environment holds, and nothing else: documented in the README. */
export function shellEnvironment(workspace: Workspace, prompt: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // The terminal and language, and how the learner's container runtime is reached (container-demo's
  // tasks run docker or podman in this shell).
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
    "DOCKER_HOST",
    "DOCKER_CONFIG",
    "CONTAINER_HOST",
    "CONTAINERS_CONF",
    "CONTAINERS_STORAGE_CONF",
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
export function openShell(workspace: Workspace, prompt: string, stop: AbortSignal, extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  const shell = chooseShell();
  const child = spawn(shell.path, shell.args, {
    cwd: workspace.root,
    stdio: "inherit",
    env: { ...shellEnvironment(workspace, prompt), ...extraEnv },
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
