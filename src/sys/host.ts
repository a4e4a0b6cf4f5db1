// Facts about this host that several modules need: where a program is, which kernel runs.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export function parseKernelVersion(text: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function atLeast(version: [number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}

/**
 * The executable `program` resolves to on PATH, as a shell and execa find it: the one lookup of
 * the program, so that what a lesson or doctor says is there is what a command then runs. (No
 * extra directories: a program found where execa would not look would be shown and then fail.)
 */
export function findProgram(program: string, searchPath: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
