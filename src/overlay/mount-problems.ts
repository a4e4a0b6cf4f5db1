// Why would the kernel refuse this overlay mount? The rules it applies (fs/overlayfs/params.c and
// super.c, seen failing on 6.18 here: "failed to resolve 'lowr': -2", "workdir and upperdir must
// reside under the same mount", "must be separate subtrees", "missing 'workdir'", "at least 2
// lowerdir are needed while upperdir nonexistent", "Unknown parameter"), checked against the
// filesystem as it is now, from the command's own words. Relative paths start at `cwd`, where the
// shell that ran the command was. mount's own message ("special device overlay does not exist")
// rarely says which of these it was.
import { readdirSync, type Stats, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fsInfo, UNFIT_UPPER_FS } from "./fsinfo.js";
import { type MountInvocation, optionValue } from "./mount-command.js";
import { parseLowerdir } from "./mountinfo.js";

export type LayerOption = "lowerdir" | "upperdir" | "workdir" | "mount point";

export type MountProblem =
  /** -t is missing or names another filesystem. */
  | { kind: "type"; type: string | undefined }
  /** One word where mount needs two (a source, then the mount point): mount looks the word up in /etc/fstab. */
  | { kind: "no-source"; given: string | undefined }
  /** An option overlay does not know, close to one it does. */
  | { kind: "unknown-option"; option: string; meant: string }
  | { kind: "no-lowerdir" }
  | { kind: "no-workdir" }
  | { kind: "no-upperdir" }
  | { kind: "missing"; option: LayerOption; value: string; path: string; near: string | undefined }
  | { kind: "not-directory"; option: LayerOption; value: string; path: string }
  | { kind: "separate-fs"; upper: string; work: string; upperFs: string; workFs: string }
  | { kind: "nested"; upper: string; work: string }
  | { kind: "upper-unfit"; upper: string; fsType: string }
  /** Not refused by this kernel, but a workdir is the kernel's own scratch space: docker and podman give it an empty one. */
  | { kind: "work-not-empty"; work: string; entries: string[] };

const LAYER_KEYS = ["lowerdir", "upperdir", "workdir"] as const;

export function overlayMountProblems(invocation: MountInvocation, cwd: string): MountProblem[] {
  const problems: MountProblem[] = [];
  if (invocation.type !== "overlay") problems.push({ kind: "type", type: invocation.type });
  const [source, target] = invocation.positionals;
  if (target === undefined) problems.push({ kind: "no-source", given: source });
  const misspelt = unknownOptions(invocation.options);
  problems.push(...misspelt);
  // lowedir= is said once, as a misspelling: not again as a missing lowerdir=.
  const meant = (key: string): boolean => misspelt.some((problem) => problem.kind === "unknown-option" && problem.meant === key);

  const lowerdir = optionValue(invocation, "lowerdir");
  const upperdir = optionValue(invocation, "upperdir");
  const workdir = optionValue(invocation, "workdir");
  const lowers = lowerdir === undefined ? [] : [...parseLowerdir(lowerdir).merged, ...parseLowerdir(lowerdir).data];
  if (lowers.length === 0 && !meant("lowerdir")) problems.push({ kind: "no-lowerdir" });
  if (upperdir !== undefined && workdir === undefined && !meant("workdir")) problems.push({ kind: "no-workdir" });
  if (upperdir === undefined && (workdir !== undefined || lowers.length === 1) && !meant("upperdir"))
    problems.push({ kind: "no-upperdir" });

  const checked: Array<[LayerOption, string]> = [
    ...lowers.map((value): [LayerOption, string] => ["lowerdir", value]),
    ...(upperdir === undefined ? [] : [["upperdir", upperdir] as [LayerOption, string]]),
    ...(workdir === undefined ? [] : [["workdir", workdir] as [LayerOption, string]]),
    ...(target === undefined ? [] : [["mount point", target] as [LayerOption, string]]),
  ];
  let pathsOk = true;
  for (const [option, value] of checked) {
    const path = resolve(cwd, value);
    const stats = statOf(path);
    if (stats === undefined) problems.push({ kind: "missing", option, value, path, near: nearestSibling(path) });
    else if (!stats.isDirectory()) problems.push({ kind: "not-directory", option, value, path });
    else continue;
    pathsOk = false;
  }
  if (pathsOk && upperdir !== undefined && workdir !== undefined)
    problems.push(...upperAndWork(resolve(cwd, upperdir), resolve(cwd, workdir)));
  return problems;
}

/** The rules on upperdir and workdir together, once both exist. */
function upperAndWork(upper: string, work: string): MountProblem[] {
  const problems: MountProblem[] = [];
  const upperFs = fsInfo(upper).type;
  if (UNFIT_UPPER_FS.has(upperFs)) problems.push({ kind: "upper-unfit", upper, fsType: upperFs });
  if (statOf(upper)?.dev !== statOf(work)?.dev) {
    problems.push({ kind: "separate-fs", upper, work, upperFs, workFs: fsInfo(work).type });
  } else if (upper === work || work.startsWith(`${upper}/`) || upper.startsWith(`${work}/`)) {
    problems.push({ kind: "nested", upper, work });
  } else {
    // The kernel makes work/ (and index/ with index=on) inside the workdir itself.
    const entries = (entriesOf(work) ?? []).filter((name) => name !== "work" && name !== "index");
    if (entries.length > 0) problems.push({ kind: "work-not-empty", work, entries });
  }
  return problems;
}

/** lowr= where lowerdir= was meant: the known name it is closest to, when it is close. */
function unknownOptions(options: readonly string[]): MountProblem[] {
  const problems: MountProblem[] = [];
  for (const option of options) {
    const key = option.split("=")[0] ?? "";
    if ((LAYER_KEYS as readonly string[]).includes(key) || key.endsWith("+")) continue;
    const meant = LAYER_KEYS.find((known) => (key.length >= 4 && known.startsWith(key)) || distance(key, known) <= 2);
    if (meant !== undefined) problems.push({ kind: "unknown-option", option: key, meant });
  }
  return problems;
}

/** The name beside `path` that is closest to its own (lowr → lower), when one is within two edits. */
function nearestSibling(path: string): string | undefined {
  const name = basename(path);
  const siblings = entriesOf(dirname(path)) ?? [];
  const scored = siblings.map((sibling) => [sibling, distance(name, sibling)] as const).filter(([, score]) => score <= 2);
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path); // the kernel follows symlinks in these paths
  } catch {
    return undefined;
  }
}

function entriesOf(path: string): string[] | undefined {
  try {
    return readdirSync(path).sort();
  } catch {
    return undefined;
  }
}

/** Levenshtein distance: how many one-letter edits turn `a` into `b`. */
export function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
