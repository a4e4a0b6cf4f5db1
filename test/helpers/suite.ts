// The suite's own corner of the machine. The global setup makes one directory for the whole run
// and points TMPDIR at it (test processes and every CLI they start inherit it), so that whatever a
// test or a lesson under test makes without saying where lands there, and nothing else does: a
// lesson a person runs beside the tests, in the real /tmp, is never taken for the suite's.
//
// What cannot live in a directory (a podman container or image, a tmux session, a daemon) is
// recorded at the moment it is made, one JSON line per thing in `made/<pid>.ndjson`, so that the
// global teardown can remove whatever a failed test left and then fail naming it.
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SUITE_DIR_VARIABLE = "OL_TEST_SUITE_DIR";

/** podman: a container or image name (either may exist); daemon: a pid; user: a login name. */
export type MadeKind = "podman" | "daemon" | "user";

export interface MadeRecord {
  kind: MadeKind;
  /** A podman container's or image's name, a daemon's pid, a user's name. */
  name: string;
  /** What to say about it when it is left behind (which test made it, for what). */
  note?: string;
}

/** The run's directory (TMPDIR of every test process); set by test/global-setup.ts. */
export function suiteDir(): string {
  const dir = process.env[SUITE_DIR_VARIABLE];
  if (dir === undefined || dir === "")
    throw new Error(`${SUITE_DIR_VARIABLE} is not set: run the tests with vitest (test/global-setup.ts sets it)`);
  return dir;
}

/** Append one JSON line to this test process's file in `<suite>/<folder>/`. */
export function appendRecord(folder: string, value: unknown): void {
  const dir = join(suiteDir(), folder);
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.ndjson`), `${JSON.stringify(value)}\n`);
}

/** Every line every test process of the run wrote to `<dir>/<folder>/`. */
export function readRecords<T>(folder: string, dir = suiteDir()): T[] {
  let files: string[] = [];
  try {
    files = readdirSync(join(dir, folder));
  } catch {
    return [];
  }
  return files.flatMap((file) =>
    readFileSync(join(dir, folder, file), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as T),
  );
}

/** Write down a thing this test process made, before or as it is made. */
export function recordMade(kind: MadeKind, name: string, note?: string): void {
  appendRecord("made", { kind, name, ...(note ? { note } : {}) } satisfies MadeRecord);
}
