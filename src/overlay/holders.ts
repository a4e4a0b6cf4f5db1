// Which processes keep a mount busy: their cwd, root or an open file lies beneath it. Read from
// /proc in-process, like fuser -vm, so the learner is told exactly what to close.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { isWithin } from "./mountinfo.js";

export interface Holder {
  pid: number;
  command: string;
  /** "cwd", "root" or "fd 3". */
  how: string;
  path: string;
}

function safeReadlink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

export function findHolders(root: string): Holder[] {
  const holders: Holder[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return holders;
  }
  for (const name of pids) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    for (const how of ["cwd", "root"] as const) {
      const target = safeReadlink(`/proc/${pid}/${how}`);
      if (target !== undefined && target !== "/" && isWithin(target, root)) {
        holders.push({ pid, command: commandOf(pid), how, path: target });
      }
    }
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      if (target !== undefined && isWithin(target, root)) {
        holders.push({ pid, command: commandOf(pid), how: `fd ${fd}`, path: target });
        break;
      }
    }
  }
  return holders;
}
