// The lessons on a minimal Debian or Ubuntu machine: PATH holds util-linux, mount, coreutils,
// findutils and dash, nothing else (no attr, no tmux, no runtime), whatever this machine has
// installed. Every lesson but container-demo must pass there; layers-demo shows the opaque
// directory's xattr from its own reading and says which tool would show it; doctor lists attr as
// optional and still says lessons can run.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeBarePath } from "../helpers/bare-path.js";
import { runCli, summaryOf, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

describeWith(["root", "dpkg"], "lessons on a machine with util-linux and coreutils only", () => {
  let bin = "";
  beforeAll(() => {
    bin = makeBarePath();
  });
  afterAll(() => {
    if (bin !== "") rmSync(bin, { recursive: true, force: true });
  });
  const parent = useParent();
  const bare = (): NodeJS.ProcessEnv => ({ PATH: bin });

  it.each([["mount-demo"], ["cow-demo", "--size", "32M", "--trials", "1"], ["layers-demo"]])(
    "%s --yes --json: every check holds, with no program but those",
    async (lesson, ...extra) => {
      const result = await runCli([lesson, ...extra, "--yes", "--json", "--dir", parent()], { env: bare() });
      expect(result.code, result.stderr).toBe(0);
      expect(summaryOf(result).ok).toBe(true);
      const programs = result.events.filter((event) => event.type === "command").map((event) => (event.argv as string[])[0]);
      expect(programs).not.toContain("getfattr");
    },
  );

  it("layers-demo reads the opaque xattr itself where getfattr is missing, and says which tool would show it", async () => {
    const result = await runCli(["layers-demo", "--yes", "--dir", parent()], { env: bare() });
    expect(result.code, result.stderr).toBe(0);
    // Prose wraps to the terminal: compare it with its line breaks folded.
    expect(result.stdout.replace(/\s+/g, " ")).toContain(
      "getfattr is not installed here (apt install attr): the lesson reads the xattr itself",
    );
    expect(result.stdout).toMatch(/trusted\.overlay\.opaque\s+"y"/);
    expect(result.stdout).not.toMatch(/\$ getfattr/);
  });

  it("doctor lists getfattr as optional and missing, and lessons can still run: exit 0", async () => {
    const result = await runCli(["doctor", "--json"], { env: bare() });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; optional: Array<{ program: string; package: string; found: boolean }> };
    expect(report.ok).toBe(true);
    expect(report.optional).toContainEqual(expect.objectContaining({ program: "getfattr", package: "attr", found: false }));
    const human = await runCli(["doctor"], { env: bare() });
    expect(human.stdout).toContain("getfattr is not installed (apt-get install attr)");
    expect(human.stdout).toContain("Lessons can run here.");
  });
});
