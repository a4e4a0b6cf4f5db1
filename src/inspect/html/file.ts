// Where the report goes: checked before anything is read (bad input is one line and exit 2, and
// nothing is made or removed), then written whole or not at all, never through a symlink: the
// text goes to a new file beside the target (O_CREAT|O_EXCL, which refuses any existing name,
// a symlink included) and is renamed over it (rename replaces a symlink, never what it points to).
import { randomBytes } from "node:crypto";
import { accessSync, constants, lstatSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { EXIT_FAILED, EXIT_USAGE, ExitError } from "../../sys/errors.js";
import type { HtmlWords } from "./words/index.js";

/** Why `path` cannot take the report, or undefined: a new or regular file in an existing directory. */
export function reportPathProblem(path: string, words: HtmlWords): string | undefined {
  if (path === "") return words.noDirectory(path);
  try {
    const stats = lstatSync(path);
    return stats.isSymbolicLink() || !stats.isFile() ? words.notFile(path) : undefined;
  } catch {
    // absent: its directory must exist
  }
  const directory = dirname(resolve(path));
  try {
    if (!statSync(directory).isDirectory()) return words.noDirectory(path);
  } catch {
    return words.noDirectory(path);
  }
  try {
    accessSync(directory, constants.W_OK);
  } catch (error) {
    return words.cannotWrite(path, (error as NodeJS.ErrnoException).code ?? "EACCES");
  }
  return undefined;
}

/** The checked path, or exit 2 with the reason. */
export function checkReportPath(path: string, words: HtmlWords): string {
  const problem = reportPathProblem(path, words);
  if (problem !== undefined) throw new ExitError(EXIT_USAGE, problem);
  return path;
}

/** Write the report whole, beside its place, then rename it there. */
export function writeReport(path: string, text: string, words: HtmlWords): void {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let made = false;
  try {
    writeFileSync(temporary, text, { flag: "wx", mode: 0o644 });
    made = true;
    renameSync(temporary, target);
  } catch (error) {
    // Only our own file: "wx" failing means the name was someone else's.
    if (made) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ExitError(EXIT_FAILED, words.cannotWrite(path, code), { cause: error });
  }
}
