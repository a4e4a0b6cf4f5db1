// Paths as the kernel will take them. A path over PATH_MAX (4,096 bytes: a file 250 directories
// deep) is refused with ENAMETOOLONG, and a name that is not UTF-8 must reach the kernel as its
// bytes. So a long path is opened piece by piece: a directory some way down is opened, and the
// rest is walked from /proc/self/fd/N, which the kernel resolves to that directory; and a path
// carrying escaped bytes (names.ts) goes to the file system calls as a Buffer. Directories opened
// for this are kept while the walk is beneath them and closed with the opener.
import { closeSync, constants, type Dirent, openSync, readdirSync } from "node:fs";
import { decodeName, fsPath, hasEscapes } from "./names.js";

/** Well under PATH_MAX, so that "/proc/self/fd/N/" and the rest still fit. */
const LONG = 3_000;
const DIRECTORY = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

export class PathOpener {
  private readonly opened = new Map<string, number>();

  /** `path` as a file system call takes it. */
  fs(path: string): string | Buffer {
    if (Buffer.byteLength(path) < LONG) return fsPath(path);
    // The longest prefix at a "/" that is short, opened; the rest walked from it.
    let cut = path.lastIndexOf("/", LONG);
    while (cut > 0 && Buffer.byteLength(path.slice(0, cut)) >= LONG) cut = path.lastIndexOf("/", cut - 1);
    if (cut <= 0) return fsPath(path);
    const fd = this.directory(path.slice(0, cut));
    return this.fs(`/proc/self/fd/${fd}${path.slice(cut)}`);
  }

  /**
   * A path to a directory as a string the xattr binding takes (it has no Buffer paths): the path
   * itself where it is short and UTF-8, else "/proc/self/fd/N/." of the directory opened.
   */
  xattrPath(dir: string): string {
    if (Buffer.byteLength(dir) < LONG && !hasEscapes(dir)) return dir;
    return `/proc/self/fd/${this.directory(dir)}/.`;
  }

  /**
   * A directory's entries and their names (decoded as names.ts carries them). Read as text first,
   * which is twice as fast as bytes; only a directory with a name that is not UTF-8 (it came back
   * with U+FFFD in it) is read again as bytes.
   */
  list(dir: string): { entries: Dirent[]; names: string[] } {
    const entries = readdirSync(this.fs(dir), { withFileTypes: true });
    const names = entries.map((dirent) => dirent.name);
    if (!names.some((name) => name.includes("\ufffd"))) return { entries, names };
    const raw = readdirSync(this.fs(dir), { withFileTypes: true, encoding: "buffer" });
    // The same Dirent class; only its name is a Buffer, and the caller uses `names`.
    return { entries: raw as unknown as Dirent[], names: raw.map((dirent) => decodeName(dirent.name)) };
  }

  private directory(path: string): number {
    const known = this.opened.get(path);
    if (known !== undefined) return known;
    const fd = openSync(this.fs(path), DIRECTORY);
    this.opened.set(path, fd);
    return fd;
  }

  close(): void {
    for (const fd of this.opened.values()) closeSync(fd);
    this.opened.clear();
  }
}
