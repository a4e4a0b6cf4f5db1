// Reading a store's own metadata files, as inspect reads everything: read-only (no lock file is
// taken, nothing is written), never through a symlink (O_NOFOLLOW on each file, lstat on each
// directory: a disk under --root is a stranger's, and its store could point anywhere), and
// patient with a runtime that writes while we read: a file that fails to parse is read once more
// a moment later (runtimes replace these files whole, by rename, but a copy or an older writer may
// not), then given up with one problem line. Whatever cannot be read is said in `problems`; the
// rest is still read.
import { constants } from "node:fs";
import { lstat, open, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { PodRef } from "./adapter.js";
import { isRecord, type JsonRecord } from "./json.js";
import type { StoreProblem } from "./store-problems.js";

/** No metadata file of a store comes near this; a larger one is not read into memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const RETRY_AFTER_MS = 100;

/**
 * A layer's or a container's id as a store writes it: one path component (hex, or docker's
 * `<hex>-init`). Anything else read from a file (a `../..`) is never joined into a path.
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id);
}

function codeOf(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why a read failed (inspect words it). */
function failure(path: string, code: string): StoreProblem {
  if (code === "ELOOP") return { kind: "symlink", path };
  if (code === "TOOBIG") return { kind: "too-big", path, limit: MAX_FILE_BYTES };
  if (code === "NOTFILE") return { kind: "not-a-file", path };
  return { kind: "unreadable", path, code };
}

/** One store's reading: the files it read and the problems it met, gathered in one place. */
export class StoreReading {
  readonly problems: StoreProblem[] = [];

  problem(problem: StoreProblem): void {
    // A store of a thousand broken containers would otherwise bury the report.
    if (this.problems.length < 50) this.problems.push(problem);
  }

  /** A regular file's bytes, never through a symlink; the errno code when it cannot be read. */
  private async bytes(path: string): Promise<Buffer | string> {
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const stats = await handle.stat();
      if (!stats.isFile()) return "NOTFILE";
      if (stats.size > MAX_FILE_BYTES) return "TOOBIG";
      return await handle.readFile();
    } catch (error) {
      return codeOf(error);
    } finally {
      await handle?.close();
    }
  }

  /**
   * A small text file's content, trimmed (layerdb's cache-id, mount-id, parent …); undefined when
   * it is absent (a problem unless `optional`) or cannot be read (a problem).
   */
  async text(path: string, optional = false): Promise<string | undefined> {
    const read = await this.bytes(path);
    if (typeof read !== "string") return read.toString("utf8").trim();
    if (read !== "ENOENT" || !optional) this.problem(failure(path, read));
    return undefined;
  }

  /**
   * A JSON file's value; undefined when it is absent (a problem unless `optional`), unreadable or
   * not JSON even when read again a moment later (a problem).
   */
  async json(path: string, optional = false): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const read = await this.bytes(path);
      if (typeof read === "string") {
        if (read === "ENOENT" && optional) return undefined;
        if (attempt === 0 && read !== "ENOENT" && read !== "ELOOP") {
          await pause(RETRY_AFTER_MS);
          continue;
        }
        this.problem(failure(path, read));
        return undefined;
      }
      try {
        return JSON.parse(read.toString("utf8")) as unknown;
      } catch (error) {
        if (attempt === 0) {
          await pause(RETRY_AFTER_MS);
          continue;
        }
        this.problem({ kind: "not-json", path, error: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    }
  }

  /** A JSON file holding one array of objects (containers-storage's layers.json …): its objects. */
  async records(path: string, optional = false): Promise<JsonRecord[]> {
    const value = await this.json(path, optional);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem({ kind: "not-json-array", path });
      return [];
    }
    return value.filter(isRecord);
  }

  /** A JSON file holding one object (docker's config.v2.json …). */
  async record(path: string, optional = false): Promise<JsonRecord | undefined> {
    const value = await this.json(path, optional);
    if (value === undefined) return undefined;
    if (isRecord(value)) return value;
    this.problem({ kind: "not-json-object", path });
    return undefined;
  }

  /** The names of the directories in `dir` (not symlinks to one); [] when it is absent. */
  directories(dir: string): Promise<string[]> {
    return this.entries(dir, "directory");
  }

  /** The names of the regular files in `dir`; [] when it is absent. */
  files(dir: string): Promise<string[]> {
    return this.entries(dir, "file");
  }

  private async entries(dir: string, kind: "directory" | "file"): Promise<string[]> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return entries
        .filter((entry) => (kind === "directory" ? entry.isDirectory() : entry.isFile()))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      const code = codeOf(error);
      if (code !== "ENOENT") this.problem(failure(dir, code));
      return [];
    }
  }
}

/** The Kubernetes pod of a container, from the labels the CRI sets (cri-dockerd and CRI-O set them too). */
export function podOf(labels: Readonly<Record<string, string>>): PodRef | null {
  const namespace = labels["io.kubernetes.pod.namespace"];
  const name = labels["io.kubernetes.pod.name"];
  const container = labels["io.kubernetes.container.name"];
  return namespace === undefined || name === undefined || container === undefined ? null : { namespace, name, container };
}

/** A directory (not a symlink to one) at `path`. */
export async function isDirectoryAt(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `<dir>/<id>/<rest…>` for an id read from a file, or undefined when the id is not one path component. */
export function idPath(dir: string, id: string, ...rest: string[]): string | undefined {
  return isSafeId(id) ? join(dir, id, ...rest) : undefined;
}
