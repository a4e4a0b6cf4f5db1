// Whose stores there may be beneath a root: every user of its passwd file with a home, those with
// subordinate ids (/etc/subuid: the users rootless podman and rootless docker can run for) first,
// and the others after them (a store outlives the subuid line that made it). Read-only, from the
// files alone: another user is never asked, nor run as (which would make a store in their home).
// Under --root DIR every path is DIR's (DIR/etc/passwd, DIR/home/…).
import { accessSync, closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import type { StoreOwner } from "./adapter.js";

export interface StoreUser extends StoreOwner {
  /** Their home, as the passwd file names it (not yet beneath the root). */
  home: string;
}

/** Config files are small; a larger one is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** How many symlinks one path may pass through, as the kernel allows (MAXSYMLINKS). */
const MAX_LINKS = 40;

/**
 * `path` (absolute, as the machine beneath `root` names it) as reached from here, with every
 * symlink on the way resolved as that machine would resolve it: an absolute link from `root`, never
 * from ours (a node's disk whose /var/lib/docker is a link to /data/docker is read at
 * DIR/data/docker, not at this host's /data/docker). What does not exist is joined as it is.
 */
export function beneath(root: string, path: string): string {
  const parts = posix.normalize(path).split("/").filter(Boolean);
  const done: string[] = [];
  for (let links = 0; parts.length > 0; ) {
    const part = parts.shift() ?? "";
    if (part === "..") {
      done.pop();
      continue;
    }
    const here = join(root, ...done, part);
    let target: string | undefined;
    try {
      target = lstatSync(here).isSymbolicLink() ? readlinkSync(here) : undefined;
    } catch {
      return join(root, ...done, part, ...parts);
    }
    if (target === undefined) {
      done.push(part);
      continue;
    }
    if (++links > MAX_LINKS) return join(root, ...done, part, ...parts);
    if (target.startsWith("/")) done.length = 0;
    parts.unshift(...target.split("/").filter((piece) => piece !== "" && piece !== "."));
  }
  return join(root, ...done);
}

/** A small regular file's text, never through a symlink; undefined when there is none to read. */
export function readConfigFile(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_CONFIG_BYTES) return undefined;
    return readFileSync(fd, "utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * How the kernel refuses us a look into `path` (EACCES, EPERM: a directory we may not read or
 * search, or one beneath such a directory), or undefined where it lets us, or there is nothing.
 */
export function closedDirectory(path: string): string | undefined {
  try {
    if (!lstatSync(path).isDirectory()) return undefined;
    accessSync(path, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    return code === "EACCES" || code === "EPERM" ? code : undefined;
  }
}

/** A directory (not a symlink to one) at `path`. */
export function isDirectoryHere(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The names and uids that /etc/subuid gives subordinate ids to (it may name a user either way). */
function subordinateOwners(root: string): Set<string> {
  const text = readConfigFile(beneath(root, "/etc/subuid")) ?? "";
  return new Set(
    text
      .split("\n")
      .map((line) => line.split(":")[0]?.trim() ?? "")
      .filter((owner) => owner !== "" && !owner.startsWith("#")),
  );
}

/**
 * Every user beneath `root` (its /etc/passwd) but root, whose home is a directory there; those
 * with subordinate ids first, each group in the passwd file's order.
 */
export function storeUsers(root: string): StoreUser[] {
  const text = readConfigFile(beneath(root, "/etc/passwd")) ?? "";
  const users: StoreUser[] = [];
  for (const line of text.split("\n")) {
    const [user = "", , uidText = "", , , home = ""] = line.split(":");
    const uid = Number(uidText);
    if (user === "" || !/^\d+$/.test(uidText) || uid === 0 || !isAbsolute(home) || home === "/") continue;
    if (!isDirectoryHere(beneath(root, home))) continue;
    users.push({ user, uid, home });
  }
  const subordinate = subordinateOwners(root);
  const hasIds = (user: StoreUser) => subordinate.has(user.user) || subordinate.has(String(user.uid));
  return [...users.filter(hasIds), ...users.filter((user) => !hasIds(user))];
}

/**
 * A path from a user's config with $HOME, $USER and $UID (and ${…}) put in, as containers-storage
 * expands them for that user; undefined when it names anything else (XDG_DATA_HOME, say: another
 * user's environment cannot be known) or is not absolute.
 */
export function expandForUser(path: string, user: StoreUser): string | undefined {
  const values: Record<string, string> = { HOME: user.home, USER: user.user, UID: String(user.uid) };
  let unknown = false;
  const expanded = path.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const value = values[braced ?? bare ?? ""];
    if (value === undefined) unknown = true;
    return value ?? "";
  });
  return unknown || !isAbsolute(expanded) ? undefined : posix.normalize(expanded);
}
