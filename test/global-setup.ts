// Before and after the whole suite: the built CLI must exist (npm test builds it), and when
// the suite ends no overlay mount made by any test may remain anywhere on the machine.
import { existsSync, readFileSync } from "node:fs";
import { CLI } from "./helpers/cli.js";

function ourMounts(): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => line.includes(" - overlay ") && line.includes("overlay-lesson-"));
}

export function setup(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
}

export function teardown(): void {
  const left = ourMounts();
  if (left.length > 0) throw new Error(`overlay mounts left behind by the suite:\n${left.join("\n")}`);
}
