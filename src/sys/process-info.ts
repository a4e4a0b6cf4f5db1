// Facts about processes from /proc, read in-process: who we are, and whether a pid that wrote
// a marker is still that same process (pids are reused, start times are not).
import { readFileSync } from "node:fs";

export function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

/** Field 22 of /proc/PID/stat: start time in clock ticks since boot; undefined when gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return rest[19];
  } catch {
    return undefined;
  }
}

export interface ProcessIdentity {
  pid: number;
  bootId: string;
  startTime: string;
}

export function selfIdentity(): ProcessIdentity {
  return { pid: process.pid, bootId: bootId(), startTime: processStartTime(process.pid) ?? "" };
}

/** Is the process that wrote this identity still running (same boot, same pid, same start)? */
export function isAlive(identity: ProcessIdentity): boolean {
  if (identity.bootId !== "" && identity.bootId !== bootId()) return false;
  const startTime = processStartTime(identity.pid);
  if (startTime === undefined) return false;
  return identity.startTime === "" || identity.startTime === startTime;
}
