// Facts about this host that several modules need: where a program is, which kernel runs.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function parseKernelVersion(text: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function atLeast(version: [number, number], major: number, minor: number): boolean {
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
