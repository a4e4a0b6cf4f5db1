// Commands we print for the reader to type: with `sudo` only where their shell is not root's. A
// lesson run with sudo is root, but the reader's shell is not (SUDO_USER says so); a root shell
// (su, a container, a VM's console) may not have sudo at all (Debian's minimal systems do not).
import { readFileSync } from "node:fs";

/** The reader types as root already: we are root, and not by sudo. */
export function readerIsRoot(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.getuid?.() === 0 && (env.SUDO_USER ?? "") === "";
}

/** `text` (a fix, a command) as the reader types it: every `sudo ` dropped where their shell is root's. */
export function asTyped(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return readerIsRoot(env) ? text.replace(/\bsudo (?=\S)/g, "") : text;
}

/**
 * The uid we have on the host: inside rootless mode's user namespace we are 0, mapped from the
 * uid that started the lesson (/proc/self/uid_map: `0 <host uid> 1`), which may be root's own.
 */
export function hostUid(): number | undefined {
  try {
    const [inside, outside, count] = readFileSync("/proc/self/uid_map", "utf8").trim().split(/\s+/);
    // "0 0 4294967295" is the host's own map: no namespace, getuid is the host's.
    if (inside === "0" && outside !== undefined && count !== "4294967295") return Number(outside);
  } catch {
    // no procfs: what getuid says
  }
  return process.getuid?.();
}
