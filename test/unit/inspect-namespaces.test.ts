// The namespace scan behind inspect's closing note, on this machine's real /proc: kernel threads
// (PF_KTHREAD in /proc/<pid>/stat, read here without src/) are neither namespaces to read nor
// processes whose namespace "could not be read", and a process is named by its pid and comm.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listMountNamespaces, userProcess } from "../../src/overlay/namespaces.js";
import { announceSkip } from "../helpers/needs.js";

const PF_KTHREAD = 0x00200000;

/** The pids of kernel threads now: their stat's 9th field holds PF_KTHREAD. */
function kernelThreads(): Set<number> {
  const pids = new Set<number>();
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const flags = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[6]);
      if ((flags & PF_KTHREAD) !== 0) pids.add(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const threads = kernelThreads();
const SUITE = "the mount namespace scan";
// A container's own /proc shows no kernel thread: nothing to hold the scan to there.
if (threads.size === 0) announceSkip(SUITE, "no kernel thread is visible in /proc here (a container's own pid namespace)");

describe.skipIf(threads.size === 0)(SUITE, () => {
  it("names a process by pid and command, and no kernel thread", () => {
    expect(userProcess(process.pid)).toEqual({ pid: process.pid, command: readFileSync("/proc/self/comm", "utf8").trim() });
    for (const pid of threads) expect(userProcess(pid), `kernel thread ${pid}`).toBeUndefined();
  });

  it("neither reads nor counts a kernel thread's namespace", () => {
    const scan = listMountNamespaces();
    const after = kernelThreads();
    const kernel = (pid: number) => threads.has(pid) || after.has(pid);
    expect(scan.namespaces.filter((namespace) => kernel(namespace.pid))).toEqual([]);
    expect(scan.unreadable.filter((owner) => kernel(owner.pid))).toEqual([]);
    expect(scan.unreadable.map((owner) => owner.pid)).toEqual([...scan.unreadable.map((owner) => owner.pid)].sort((a, b) => a - b));
  });
});
