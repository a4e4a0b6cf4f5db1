// /proc/self/mountinfo is the kernel's own answer to "what is mounted where". We read it
// in-process instead of spawning findmnt for every check (a spawn costs milliseconds).
import { readFileSync } from "node:fs";

export interface MountEntry {
  id: number;
  parentId: number;
  /** major:minor of the filesystem. */
  device: string;
  root: string;
  mountPoint: string;
  mountOptions: string;
  fsType: string;
  source: string;
  superOptions: string;
}

/** The kernel escapes space, tab, newline and backslash in paths as octal (\040 …). */
export function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

export function parseMountInfoLine(line: string): MountEntry | undefined {
  const fields = line.trim().split(" ");
  const separator = fields.indexOf("-", 6);
  if (separator === -1 || separator + 2 >= fields.length) return undefined;
  const [id, parentId, device, root, mountPoint, mountOptions] = fields;
  const [fsType, source, superOptions] = fields.slice(separator + 1);
  if (
    id === undefined ||
    parentId === undefined ||
    device === undefined ||
    root === undefined ||
    mountPoint === undefined ||
    mountOptions === undefined ||
    fsType === undefined ||
    source === undefined
  ) {
    return undefined;
  }
  return {
    id: Number(id),
    parentId: Number(parentId),
    device,
    root: unescapeMountField(root),
    mountPoint: unescapeMountField(mountPoint),
    mountOptions,
    fsType: unescapeMountField(fsType),
    source: unescapeMountField(source),
    superOptions: unescapeMountField(superOptions ?? ""),
  };
}

export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const entry = parseMountInfoLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

export function readMountInfo(path = "/proc/self/mountinfo"): MountEntry[] {
  return parseMountInfo(readFileSync(path, "utf8"));
}

/**
 * Split overlay super options into key/value pairs. Values may themselves contain commas only
 * when escaped by the kernel ("\,"), which it does for lowerdir paths with commas.
 */
export function parseSuperOptions(options: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of options.split(/(?<!\\),/)) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq === -1) result.set(part, "");
    else result.set(part.slice(0, eq), part.slice(eq + 1).replaceAll("\\,", ","));
  }
  return result;
}

export interface OverlayLayers {
  lower: string[];
  upper?: string;
  work?: string;
}

export function overlayLayers(entry: MountEntry): OverlayLayers {
  const options = parseSuperOptions(entry.superOptions);
  const lowerOption = options.get("lowerdir") ?? "";
  // lowerdir=top:middle:bottom; a literal colon in a path is escaped as "\:".
  const lower = lowerOption === "" ? [] : lowerOption.split(/(?<!\\):/).map((path) => path.replaceAll("\\:", ":"));
  const layers: OverlayLayers = { lower };
  const upper = options.get("upperdir");
  const work = options.get("workdir");
  if (upper !== undefined) layers.upper = upper;
  if (work !== undefined) layers.work = work;
  return layers;
}

/** Is `path` equal to `root` or beneath it? Compares whole path components. */
export function isWithin(path: string, root: string): boolean {
  const base = root.endsWith("/") ? root : `${root}/`;
  return path === root || path.startsWith(base);
}

/** Every mount at or beneath `root`, deepest first: the order in which they must be unmounted. */
export function mountsBeneath(root: string, entries: MountEntry[] = readMountInfo()): MountEntry[] {
  return entries
    .filter((entry) => isWithin(entry.mountPoint, root))
    .sort((a, b) => b.mountPoint.split("/").length - a.mountPoint.split("/").length || b.id - a.id);
}

export function isMountPoint(path: string, entries: MountEntry[] = readMountInfo()): boolean {
  return entries.some((entry) => entry.mountPoint === path);
}
