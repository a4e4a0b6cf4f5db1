// Before and after the whole suite. Before: the built CLI must exist (npm test builds it), and the
// run gets a directory of its own that every test process and every CLI it starts uses as TMPDIR
// (test/helpers/suite.ts). After: whatever a test left (a mount beneath that directory in any
// mount namespace, a recorded container, image, daemon or user, a lesson's orphaned container)
// is removed, the directory goes, and the run fails naming what was left. Only what the suite
// made counts: a lesson someone runs beside the tests, in the real /tmp, is not the suite's.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { processStartTime } from "../src/sys/process-info.js";
import { CLI, ROOT } from "./helpers/cli.js";
import {
  removeOrphanedLessonContainers,
  removeRecordedDaemonsAndUsers,
  removeRecordedPodmanObjects,
  removeTree,
} from "./helpers/leftovers.js";
import { type MadeRecord, readRecords, SUITE_DIR_VARIABLE } from "./helpers/suite.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The CLI in a world-readable copy of dist/, for tests that run it as another user. */
    readableCli: string;
  }
}

let suite: string | undefined;
const startedAt = Number(processStartTime(process.pid) ?? 0);

export function setup(project: TestProject): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
  suite = mkdtempSync(join(tmpdir(), "ol-suite-"));
  chmodSync(suite, 0o755);
  // The tests' and the lessons' temp dir: sticky and open to all like /tmp, for the tests that
  // run lessons as user nobody.
  const temp = join(suite, "tmp");
  mkdirSync(temp, { mode: 0o1777 });
  chmodSync(temp, 0o1777);
  process.env[SUITE_DIR_VARIABLE] = suite;
  process.env.TMPDIR = temp;
  // tmux's server socket lives in TMUX_TMPDIR: the suite's terminals get a server of their own.
  process.env.TMUX_TMPDIR = suite;
  project.provide("readableCli", readableCopy(join(suite, "cli")));
}

/**
 * The checkout may sit under a directory only root can enter (a clone in `mktemp -d`), where
 * another user cannot even load the program. The bundle holds everything but the native xattr
 * module (external, see scripts/build.mjs), so a world-readable copy of dist/ beside a
 * node_modules/ holding just that module runs the same code as that user.
 */
function readableCopy(dir: string): string {
  cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
  for (const { name, directory } of nativePackages()) cpSync(directory, join(dir, "node_modules", name), { recursive: true });
  makeWorldReadable(dir);
  return join(dir, "dist/overlay-lesson.js");
}

/** The directories of @napi-rs/xattr and of the prebuilt binary package installed for this platform. */
function nativePackages(): Array<{ name: string; directory: string }> {
  const name = "@napi-rs/xattr";
  const manifestPath = createRequire(join(ROOT, "package.json")).resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { optionalDependencies?: Record<string, string> };
  const fromMain = createRequire(manifestPath);
  const binaries = Object.keys(manifest.optionalDependencies ?? {}).flatMap((binary) => {
    try {
      return [{ name: binary, directory: dirname(fromMain.resolve(`${binary}/package.json`)) }];
    } catch {
      return []; // built for another platform: npm did not install it
    }
  });
  if (binaries.length === 0) throw new Error(`no prebuilt binary of ${name} is installed: run \`npm install\``);
  return [{ name, directory: dirname(manifestPath) }, ...binaries];
}

/** Directories 0755, files readable by all (executable by all where the owner may execute). */
function makeWorldReadable(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) makeWorldReadable(join(path, entry));
  } else {
    chmodSync(path, (stats.mode & 0o777) | 0o444 | (stats.mode & 0o100 ? 0o111 : 0));
  }
}

/** Entries the tests left in their temp dir (each test removes what it made there). */
function entriesLeftIn(temp: string): string[] {
  try {
    return readdirSync(temp).map((name) => `temp dir ${join(temp, name)}`);
  } catch {
    return [];
  }
}

/** The suite's own tmux server (TMUX_TMPDIR): the sessions a test left open, then the server stopped. */
function stopTerminals(dir: string): string[] {
  const env = { ...process.env, TMUX_TMPDIR: dir };
  const listed = spawnSync("tmux", ["list-sessions", "-F", "#{session_name}"], { env, encoding: "utf8" });
  if (listed.status !== 0) return []; // no server: every terminal was closed
  spawnSync("tmux", ["kill-server"], { env, stdio: "ignore" });
  return listed.stdout
    .split("\n")
    .filter((name) => name !== "")
    .map((name) => `tmux session ${name}`);
}

/** What the suite left outside its temp dir, each removed by the time this returns. */
function removeLeftovers(dir: string): string[] {
  const records = readRecords<MadeRecord>("made", dir);
  return [
    ...removeRecordedPodmanObjects(records),
    ...removeOrphanedLessonContainers(startedAt),
    ...removeRecordedDaemonsAndUsers(records),
    ...stopTerminals(dir),
    ...removeTree(dir).map((point) => `mount ${point}`),
  ];
}

export function teardown(): void {
  if (suite === undefined) return;
  const dir = suite;
  suite = undefined;
  const left = [...entriesLeftIn(join(dir, "tmp")), ...removeLeftovers(dir)];
  if (existsSync(dir)) left.push(`${dir} (could not be removed: something beneath is still mounted)`);
  if (left.length === 0) return;
  // A throw here is printed but leaves vitest's exit code as it was: the run must fail.
  process.stderr.write(`\nthe suite left these behind (removed now, where they could be):\n  ${left.join("\n  ")}\n`);
  process.exitCode = 1;
}
