// The suite leaves nothing, even when it fails: vitest run as a contributor runs it, on failures
// made on purpose, then the machine checked. The child run gets a TMPDIR of its own (its suite
// directory is made there), so "nothing left" is: that TMPDIR is empty again, and nothing is
// mounted beneath it in any mount namespace.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { mountsBeneathAnywhere, removeTree } from "../helpers/leftovers.js";
import { describeWith, unmet } from "../helpers/needs.js";

interface Run {
  code: number | null;
  output: string;
}

/** `vitest run ARGS` in a child, as `npm test` would run it, with `env` on top of ours. */
function vitest(childTemp: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/vitest/vitest.mjs"), "run", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, TMPDIR: childTemp, NO_COLOR: "1", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describeWith(["root"], "the suite leaves nothing, even when it fails", () => {
  // The child's TMPDIR, and a directory of ours beside it for a fake program.
  let childTemp = "";
  let fakeBin = "";
  beforeEach(() => {
    childTemp = mkdtempSync(join(tmpdir(), "ol-hygiene-"));
    chmodSync(childTemp, 0o1777);
  });
  afterEach(() => {
    if (fakeBin !== "") rmSync(fakeBin, { recursive: true, force: true });
    fakeBin = "";
    const mounts = [...mountsBeneathAnywhere(childTemp).keys()];
    const entries = readdirSync(childTemp);
    removeTree(childTemp);
    expect(mounts).toEqual([]);
    expect(entries).toEqual([]);
  });

  it("a getfattr that exits 0 and prints nothing: layers-demo's tests fail, and their kept overlay is gone", async () => {
    fakeBin = mkdtempSync(join(tmpdir(), "ol-fake-getfattr-"));
    mkdirSync(join(fakeBin, "bin"));
    writeFileSync(join(fakeBin, "bin", "getfattr"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    const run = await vitest(childTemp, ["test/e2e/layers-demo.test.ts"], { PATH: `${join(fakeBin, "bin")}:${process.env.PATH ?? ""}` });
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toMatch(/--keep/);
    expect(run.output).toMatch(/as getfattr reads it/);
  }, 300_000);

  it("a test that fails and leaves a mount, a temp dir and a terminal: removed, and the run fails naming them", async () => {
    const run = await vitest(childTemp, ["--config", "test/fixtures/vitest.config.ts"]);
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain("the suite left these behind");
    expect(run.output).toMatch(/temp dir \S+\/ol-careless-\w+/);
    expect(run.output).toMatch(/mount \S+\/ol-careless-\w+\/merged/);
    // Where tmux is installed the fixture leaves a session too.
    if (unmet("tmux") === undefined) expect(run.output).toContain("tmux session ol-careless");
  }, 120_000);

  it("the tally counts every test that did not run, a suite's nested in a skipped one too, with the outer reason", async () => {
    const run = await vitest(childTemp, ["--config", "test/fixtures/vitest.config.ts", "test/fixtures/nested-skips.fixture.ts"]);
    expect(run.output).toContain("skipped 4 of 5 tests: 3 frobnicator is not installed (apt-get install frobnicator); 1 no gadget here");
    expect(run.code, run.output).toBe(0);
  }, 120_000);

  it("every test passes but one forgot its temp dir: the run still fails, naming it, and the dir is gone", async () => {
    const run = await vitest(childTemp, ["--config", "test/fixtures/vitest.config.ts", "test/fixtures/passes-but-leaves.fixture.ts"]);
    expect(run.output).toMatch(/1 passed/);
    expect(run.output).toMatch(/temp dir \S+\/ol-forgotten-\w+/);
    expect(run.code, run.output).toBe(1);
  }, 120_000);
});
