// Before and after the whole suite: the built CLI must exist (npm test builds it), and when
// the suite ends no overlay mount made by any test may remain anywhere on the machine.
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { CLI, ROOT } from "./helpers/cli.js";
import { PODMAN_CONF_DIR } from "./helpers/podman.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The CLI in a world-readable copy of dist/, for tests that run it as another user. */
    readableCli: string;
  }
}

let readableDir: string | undefined;

function ourMounts(): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((line) => line.includes(" - overlay ") && line.includes("overlay-lesson-"));
}

export function setup(project: TestProject): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
  // The checkout may sit under a directory only root can enter (a clone in `mktemp -d`), where
  // another user cannot even load the program. The bundle holds everything but the native xattr
  // module (external, see scripts/build.mjs), so a world-readable copy of dist/ beside a
  // node_modules/ holding just that module runs the same code as that user.
  readableDir = mkdtempSync(join(tmpdir(), "ol-cli-"));
  cpSync(join(ROOT, "dist"), join(readableDir, "dist"), { recursive: true });
  for (const { name, directory } of nativePackages()) {
    cpSync(directory, join(readableDir, "node_modules", name), { recursive: true });
  }
  makeWorldReadable(readableDir);
  project.provide("readableCli", join(readableDir, "dist/overlay-lesson.js"));
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

export function teardown(): void {
  if (readableDir !== undefined) rmSync(readableDir, { recursive: true, force: true });
  rmSync(PODMAN_CONF_DIR, { recursive: true, force: true });
  const left = ourMounts();
  if (left.length > 0) throw new Error(`overlay mounts left behind by the suite:\n${left.join("\n")}`);
}
