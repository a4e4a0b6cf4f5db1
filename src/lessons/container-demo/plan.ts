// Which image files the lesson changes and deletes, chosen from the image's own layers before
// anything starts: any image with a shell works, so nothing about its files can be assumed.
// Files the container needs to keep running commands (its shell, its libraries) and files the
// runtime bind-mounts over (/etc/hosts …, whose writes never reach the overlay) are left alone.
import { stackPaths } from "../../layers/stack.js";
import { runtimeOwnFiles } from "../../runtime/index.js";

export interface PlannedFile {
  /** In the container, with a leading slash. */
  path: string;
  /** st_size of the copy the container sees. */
  bytes: number;
  /** The image layer (index in the image's layers, top first; state.ts buildNumber names it) that holds that copy. */
  layer: number;
}

export interface FilePlan {
  change: PlannedFile;
  remove: PlannedFile;
  /** The new file the container writes: a name the image does not have. */
  create: string;
}

const LEFT_ALONE = [
  /^(?:usr\/(?:local\/)?)?(?:s?bin|lib(?:32|64|x32|exec)?)\//,
  /^(?:proc|sys|dev|run|tmp)\//,
  /^etc\/(?:hosts|hostname|resolv\.conf|mtab|passwd|group|shadow|gshadow)$/,
];
/** What a runtime makes in each container (/.dockerenv …): the runtime's, even where an image holds a copy. */
const RUNTIME_FILES = runtimeOwnFiles();
// Plain names only: the paths go into `sh -c` and onto the screen unquoted.
const PLAIN = /^[A-Za-z0-9._+/-]+$/;
// A small text file every learner recognises, when the image has one.
const PREFERRED_CHANGE = ["etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version", "etc/issue"];

/** `layers`: the image's layer directories, top first. Undefined when the image has nothing fit to change and delete. */
export function planFiles(layers: readonly string[]): FilePlan | undefined {
  const candidates: PlannedFile[] = [];
  const names = new Set<string>();
  for (const found of stackPaths({ dirs: layers, namespace: "trusted" })) {
    if (!found.path.includes("/")) names.add(found.path);
    const shown = found.shownFrom === undefined ? undefined : found.cells[found.shownFrom];
    if (found.shownFrom === undefined || shown?.entry.kind !== "file") continue;
    if (!PLAIN.test(found.path) || RUNTIME_FILES.has(found.path) || LEFT_ALONE.some((pattern) => pattern.test(found.path))) continue;
    candidates.push({ path: `/${found.path}`, bytes: shown.entry.size, layer: found.shownFrom });
  }
  const nonEmpty = candidates.filter((file) => file.bytes > 0);
  const bySize = (a: PlannedFile, b: PlannedFile): number => a.bytes - b.bytes || a.path.localeCompare(b.path);
  const change =
    PREFERRED_CHANGE.map((path) => nonEmpty.find((file) => file.path === `/${path}`)).find((file) => file !== undefined) ??
    nonEmpty.filter((file) => file.path.startsWith("/etc/")).sort(bySize)[0] ??
    nonEmpty.sort(bySize)[0];
  const remove = nonEmpty
    .filter((file) => file !== change)
    .sort(bySize)
    .at(-1);
  if (change === undefined || remove === undefined) return undefined;
  let create = "overlay-lesson.txt";
  for (let n = 2; names.has(create); n++) create = `overlay-lesson-${n}.txt`;
  return { change, remove, create: `/${create}` };
}
