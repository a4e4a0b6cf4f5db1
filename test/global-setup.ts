// Before and after the whole suite: the built CLI must exist (npm test builds it), and when
// the suite ends no overlay mount made by any test may remain anywhere on the machine.
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CLI, ROOT } from "./helpers/cli.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The CLI in a world-readable copy of dist/, for tests that run it as another user. */
    readableCli: string;
  }
}

let readableDir: string | undefined;

function ourMounts(): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => line.includes(" - overlay ") && line.includes("overlay-lesson-"));
}

export function setup(project: TestProject): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
  // The checkout may sit under a directory only root can enter (a clone in `mktemp -d`), where
  // another user cannot even load the program. The bundle is self-contained, so a copy of
  // dist/ in a world-readable directory runs the same code as that user.
  readableDir = mkdtempSync(join(tmpdir(), "ol-cli-"));
  chmodSync(readableDir, 0o755);
  cpSync(join(ROOT, "dist"), join(readableDir, "dist"), { recursive: true });
  for (const path of [join(readableDir, "dist"), join(readableDir, "dist/chunks")]) chmodSync(path, 0o755);
  project.provide("readableCli", join(readableDir, "dist/overlay-lesson.js"));
}

export function teardown(): void {
  if (readableDir !== undefined) rmSync(readableDir, { recursive: true, force: true });
  const left = ourMounts();
  if (left.length > 0) throw new Error(`overlay mounts left behind by the suite:\n${left.join("\n")}`);
}
