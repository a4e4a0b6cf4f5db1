// What each way of running the CLI loads: --help and --json must not pay for the width tables
// (string-width, wrap-ansi: their grapheme segmenter and East Asian Width data), which only the
// human reporters need. A module hook records every file Node loads; the bundle's chunks are
// searched for a name each library defines.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, makeParent, removeParent } from "../helpers/cli.js";
import { skipUnless } from "../helpers/needs.js";

const SIGNATURES = { "string-width": "rgiEmojiRegex", "wrap-ansi": "ANSI_ESCAPE_LINK" } as const;

let scratch: string;
let hooks: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ol-startup-"));
  hooks = join(scratch, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.OL_LOADED, url + "\\n");
  return next(url, context);
}
`,
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The libraries whose code was loaded by `overlay-lesson ...args`. */
function librariesLoaded(args: string[]): string[] {
  const log = join(scratch, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, "");
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  const run = spawnSync(process.execPath, ["--import", register, CLI, ...args], {
    env: { ...process.env, OL_LOADED: log, NO_COLOR: "1", LANG: "C.UTF-8", CI: "1" },
    cwd: tmpdir(),
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  const files = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.includes("/dist/"));
  expect(files.length).toBeGreaterThan(0);
  const code = files.map((url) => readFileSync(new URL(url), "utf8")).join("\n");
  return Object.entries(SIGNATURES)
    .filter(([, signature]) => code.includes(signature))
    .map(([name]) => name);
}

describe("what a start loads", () => {
  it("--help loads no width tables", () => {
    expect(librariesLoaded(["--help"])).toEqual([]);
    expect(librariesLoaded(["--help", "--lang", "zh"])).toEqual([]);
  });

  it("--json loads no width tables; the human run does", (context) => {
    skipUnless(context, "root");
    const parent = makeParent();
    try {
      expect(librariesLoaded(["mount-demo", "--json", "--dir", parent])).toEqual([]);
      expect(librariesLoaded(["cow-demo", "--json", "--size", "32M", "--trials", "1", "--dir", parent])).toEqual([]);
      expect(librariesLoaded(["doctor", "--json", "--dir", parent])).toEqual([]);
      // The signatures are right: the terminal reporter does load both.
      expect(librariesLoaded(["mount-demo", "--yes", "--dir", parent])).toEqual(["string-width", "wrap-ansi"]);
    } finally {
      removeParent(parent);
    }
  });
});
