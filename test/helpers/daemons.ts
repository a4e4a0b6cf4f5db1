// Waiting on the daemons the runtime tests start (a dockerd, a containerd) from synchronous code.
import { readFileSync } from "node:fs";

/** Block this thread for `ms` (the helpers wait synchronously, between spawnSync calls). */
export const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

/** Running: not gone, and not a zombie (the daemon is our child, and nothing reaps it while we wait synchronously). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Wait up to `ms` for `pid` to end; SIGKILL it when it has not. */
export function endProcess(pid: number, ms: number): void {
  for (let waited = 0; alive(pid) && waited < ms; waited += 100) sleepSync(100);
  if (alive(pid)) process.kill(pid, "SIGKILL");
}
