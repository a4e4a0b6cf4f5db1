// Every pattern we match in mount's and umount's stderr lives in this one table, each with a
// unit test, so that a kernel or util-linux wording change breaks one test, not the lesson.

export type MountHint = "no-overlay" | "bad-option" | "busy" | "not-permitted" | "no-such-path";

const PATTERNS: ReadonlyArray<readonly [RegExp, MountHint]> = [
  [/unknown filesystem type 'overlay'/i, "no-overlay"],
  [/wrong fs type, bad option|bad superblock|invalid argument/i, "bad-option"],
  [/device or resource busy|target is busy/i, "busy"],
  [/operation not permitted|permission denied|must be superuser/i, "not-permitted"],
  [/no such file or directory|special device .* does not exist|mount point does not exist/i, "no-such-path"],
];

export function classifyMountError(stderr: string): MountHint | undefined {
  for (const [pattern, hint] of PATTERNS) {
    if (pattern.test(stderr)) return hint;
  }
  return undefined;
}
