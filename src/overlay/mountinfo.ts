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

/**
 * The layers of an overlay the lessons mounted themselves (absolute paths, one lowerdir option).
 * For any overlay on the host, parse the raw field with parseOverlayOptions (discover.ts does).
 */
export function overlayLayers(entry: MountEntry): OverlayLayers {
  const options = parseSuperOptions(entry.superOptions);
  const layers: OverlayLayers = { lower: parseLowerdir(options.get("lowerdir") ?? "").merged };
  const upper = options.get("upperdir");
  const work = options.get("workdir");
  if (upper !== undefined) layers.upper = upper;
  if (work !== undefined) layers.work = work;
  return layers;
}

export interface OverlayOptions {
  rawLowerdir: string;
  /** Lower layers as written at mount time (possibly relative), top first. */
  lower: string[];
  dataLower: string[];
  upper?: string;
  work?: string;
  others: Record<string, string>;
}

// Why the raw field and not the unescaped super options (parseSuperOptions): undoing the octal
// escapes first loses information on kernel 6.18. The kernel escapes a
// comma inside a value as \054 (so in the raw field every literal comma separates options), but a
// path holding `\054` under `lowerdir+=` (no overlay escape) becomes a bare comma once unescaped;
// and `lowerdir+=` repeats, which a Map keeps only once. So split the raw field first, then undo
// the octal escapes of each value, then undo overlayfs's own backslash escapes where it has them.
export function parseOverlayOptions(rawSuperOptions: string): OverlayOptions {
  const parsed: OverlayOptions = { rawLowerdir: "", lower: [], dataLower: [], others: {} };
  const newApiLayers: string[] = [];
  for (const part of rawSuperOptions.split(",")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const key = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? "" : unescapeMountField(part.slice(equals + 1));
    if (key === "lowerdir") {
      parsed.rawLowerdir = value;
      const { merged, data } = parseLowerdir(value);
      parsed.lower.push(...merged);
      parsed.dataLower.push(...data);
    } else if (key === "lowerdir+" || key === "datadir+") {
      // fsconfig(2) layers are taken literally by the kernel: no overlay escapes to undo.
      (key === "lowerdir+" ? parsed.lower : parsed.dataLower).push(value);
      newApiLayers.push(`${key}=${value}`);
    } else if (key === "upperdir" || key === "workdir") {
      // The kernel unescapes these (`upperdir=/a\,b` mounts /a,b) and shows them as given.
      parsed[key === "upperdir" ? "upper" : "work"] = removeBackslashEscapes(value);
    } else {
      parsed.others[key] = value;
    }
  }
  if (newApiLayers.length > 0) parsed.rawLowerdir = newApiLayers.join(",");
  return parsed;
}

function removeBackslashEscapes(value: string): string {
  return value.replace(/\\(.)/gs, "$1");
}

/**
 * lowerdir=top:middle:bottom, then optionally `::data1::data2` (data-only layers, kernel >= 6.5).
 * A backslash escapes the next character (`\:` is a colon in a path, `\\` a backslash).
 */
export function parseLowerdir(value: string): { merged: string[]; data: string[] } {
  const merged: string[] = [];
  const data: string[] = [];
  let current = "";
  let inData = false;
  const finish = () => {
    if (current !== "") (inData ? data : merged).push(current);
    current = "";
  };
  for (let index = 0; index < value.length; index++) {
    const character = value[index];
    if (character === "\\" && index + 1 < value.length) {
      current += value[++index];
    } else if (character === ":") {
      finish();
      if (value[index + 1] === ":") {
        inData = true;
        index++;
      }
    } else {
      current += character;
    }
  }
  finish();
  return { merged, data };
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
