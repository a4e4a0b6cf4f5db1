// The package as a user gets it: `npm pack` (prepack builds and takes `prepare` out of the
// manifest, postpack puts it back), then an offline install of the tarball into a fresh prefix,
// then the installed bin. The project is packed from a copy, so the pack's brief rewrite of
// package.json never touches the checkout other tests and builds read.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

/** What the project needs to build and pack; node_modules is linked, not copied. */
const SOURCES = ["package.json", "package-lock.json", "README.md", "LICENSE", "tsconfig.json", "scripts", "src"];

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

/** npm's own environment, without the npm_* settings of an `npm test` that may be running us. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const inherited = key.startsWith("npm_") && !["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig"].includes(key);
    if (!inherited) env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", NO_COLOR: "1" };
}

describe("the packed package", () => {
  let base = "";
  let project = "";
  let pack: PackResult | undefined;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "ol-pack-"));
    project = join(base, "project");
    mkdirSync(project);
    for (const entry of SOURCES) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
    const stdout = execFileSync("npm", ["pack", "--json", "--pack-destination", base], {
      cwd: project,
      env: npmEnv(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    // prepack's and postpack's script banners come before the JSON.
    pack = (JSON.parse(stdout.slice(stdout.indexOf("\n[") + 1)) as PackResult[])[0];
  });

  afterAll(() => {
    if (base !== "") rmSync(base, { recursive: true, force: true });
  });

  it("holds dist, README, LICENSE and package.json, and nothing else", () => {
    const paths = (pack?.files ?? []).map((file) => file.path).sort();
    expect(paths).toContain("dist/overlay-lesson.js");
    // The read-ahead workers' entry (src/layers/read-ahead-worker.ts), which a worker thread loads by path.
    expect(paths).toContain("dist/read-ahead-worker.js");
    // The HTML report's page script (src/inspect/html/page/, d3-hierarchy bundled in), which --html inlines.
    expect(paths).toContain("dist/report-page.js");
    // The HTML report's tree builder, which the workers load by path to build their subtrees' trees.
    expect(paths).toContain("dist/tree-companion.js");
    expect(paths.filter((path) => path.startsWith("dist/chunks/")).length).toBeGreaterThan(0);
    const entries = new Set(["dist/overlay-lesson.js", "dist/read-ahead-worker.js", "dist/report-page.js", "dist/tree-companion.js"]);
    const others = paths.filter((path) => !entries.has(path) && !/^dist\/chunks\/[^/]+\.js$/.test(path));
    expect(others).toEqual(["LICENSE", "README.md", "package.json"]);
  });

  it("publishes a manifest with no install-time script, the native module as a dependency, and esbuild only for development", () => {
    const tarball = join(base, pack?.filename ?? "");
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as {
      scripts?: Record<string, string>;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) expect(manifest.scripts?.[script]).toBeUndefined();
    expect(manifest.dependencies?.["@napi-rs/xattr"]).toBeDefined();
    expect(manifest.dependencies?.esbuild).toBeUndefined();
    expect(manifest.devDependencies?.esbuild).toBeDefined();
    // Bundled into dist/report-page.js at build time, like esbuild only needed to build.
    expect(manifest.dependencies?.["d3-hierarchy"]).toBeUndefined();
    expect(execFileSync("tar", ["-xzOf", tarball, "package/LICENSE"], { encoding: "utf8" })).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 overlay-lesson contributors/,
    );
  });

  it("leaves the project's package.json as it was, prepare and all", () => {
    expect(readFileSync(join(project, "package.json"), "utf8")).toBe(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(existsSync(join(project, ".package.json.prepack"))).toBe(false);
  });

  it("installs with no install-scripts warning and runs from its bin", (context) => {
    const prefix = join(base, "prefix");
    // From the npm cache where it can (npm ci leaves the tarballs, not always the packuments),
    // from the registry for the rest: only a machine with neither cannot try it.
    const install = spawnSync("npm", ["install", "--global", "--prefer-offline", "--prefix", prefix, join(base, pack?.filename ?? "")], {
      env: npmEnv(),
      encoding: "utf8",
      timeout: 60_000,
    });
    if (install.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(install.stderr)) {
      const reason = "the npm registry is out of reach and the npm cache lacks a dependency: run `npm install` online once";
      console.log(`skipped: ${reason}\n${install.stderr}`);
      context.skip(reason);
    }
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/install.scripts/i);
    const installed = join(prefix, "lib/node_modules/overlay-lesson");
    expect(existsSync(join(installed, "node_modules/esbuild"))).toBe(false);

    const bin = join(prefix, "bin/overlay-lesson");
    const env = { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", LC_ALL: "", CI: "1" };
    const help = spawnSync(bin, ["--help"], { env, encoding: "utf8", timeout: 20_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("mount-demo");
    const list = spawnSync(bin, ["list"], { env, encoding: "utf8", timeout: 20_000 });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain("mount-demo");

    // The native module, external to the bundle, resolves and loads from where dist/ sits.
    const xattr = createRequire(join(installed, "dist/overlay-lesson.js"))("@napi-rs/xattr") as {
      listAttributesSync(path: string): string[];
    };
    expect(xattr.listAttributesSync(installed)).toBeInstanceOf(Array);
  });
});
