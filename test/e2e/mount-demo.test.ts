// mount-demo end to end: the built CLI as a child process on real overlay mounts.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { asPasted, CLI, overlayMountsBeneath, runCli, summaryOf, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

const STEPS = ["make-layers", "fill-lower", "mount", "read", "copy-up", "new-file", "whiteout", "layers"];

describeWith(["root"], "mount-demo on a real kernel", () => {
  const parent = useParent();

  it("--json prints the DESIGN.md events and a summary of 8 steps, all ok", async () => {
    const result = await runCli(["mount-demo", "--json", "--dir", parent()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // Nothing but JSON on stdout, one event per line.
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.length).toBe(result.events.length);
    const types = result.events.map((event) => event.type);
    expect(types[0]).toBe("lesson-start");
    expect(types.at(-1)).toBe("summary");
    expect(new Set(types)).toEqual(new Set(["lesson-start", "step-start", "command", "check", "step-end", "summary"]));

    const start = result.events[0] as unknown as { lesson: string; workspace: { root: string; lower: string[]; merged: string } };
    expect(start.lesson).toBe("mount-demo");
    expect(start.workspace.root.startsWith(`${parent()}/overlay-lesson-`)).toBe(true);
    expect(start.workspace.lower).toEqual([join(start.workspace.root, "lower")]);

    expect(result.events.filter((event) => event.type === "step-start").map((event) => event.step)).toEqual(STEPS);
    expect(result.events.filter((event) => event.type === "step-end").map((event) => event.step)).toEqual(STEPS);

    const summary = summaryOf(result) as unknown as {
      ok: boolean;
      kept: boolean;
      lesson: string;
      interrupted?: string;
      workspace: Record<string, unknown>;
      steps: Array<{
        id: string;
        title: string;
        ok: boolean;
        ms: number;
        checks: Array<{ id: string; ok: boolean; expected: string; observed: string }>;
      }>;
      metrics: Record<string, unknown>;
    };
    expect(summary).toMatchObject({ lesson: "mount-demo", ok: true, kept: false });
    expect(summary.interrupted).toBeUndefined();
    expect(summary.workspace).toEqual(start.workspace);
    expect(summary.steps.map((step) => step.id)).toEqual(STEPS);
    for (const step of summary.steps) {
      expect(step.ok).toBe(true);
      expect(step.ms).toBeGreaterThan(0);
      expect(step.checks.length).toBeGreaterThan(0);
    }
    // Every check event is in the summary, and nothing else is.
    const checkEvents = result.events
      .filter((event) => event.type === "check")
      .map(({ step, id, ok, expected, observed }) => ({ step, id, ok, expected, observed }));
    const summaryChecks = summary.steps.flatMap((step) => step.checks.map((check) => ({ step: step.id, ...check })));
    expect(summaryChecks).toEqual(checkEvents);
    expect(summaryChecks.map((check) => check.id)).toContain("stat-whiteout");

    // Commands carry what DESIGN.md promises, and the mount is among them.
    const commands = result.events.filter((event) => event.type === "command") as unknown as Array<{
      argv: string[];
      exitCode: number;
      ms: number;
      stdout: string;
      stderr: string;
      step: string;
    }>;
    const mount = commands.find((command) => command.argv[0] === "mount");
    expect(mount?.argv.slice(0, 4)).toEqual(["mount", "-t", "overlay", "overlay"]);
    expect(mount?.exitCode).toBe(0);
    const stat = commands.find((command) => command.argv[0] === "stat");
    expect(stat?.stdout).toBe("character special file 0:0");

    // The layer map rides on step-end: after the delete, upper shows the whiteout.
    const whiteoutEnd = result.events.find((event) => event.type === "step-end" && event.step === "whiteout") as unknown as {
      layers: Array<{ path: string; lower: { kind: string }; upper: { kind: string }; merged: { kind: string }; changed: boolean }>;
    };
    const row = whiteoutEnd.layers.find((entry) => entry.path === "image-log.txt");
    expect(row).toMatchObject({ lower: { kind: "file" }, upper: { kind: "whiteout" }, merged: { kind: "absent" }, changed: true });
  });

  it("runs in Chinese with --lang zh, all eight steps green, without pausing", async () => {
    const result = await runCli(["mount-demo", "--yes", "--lang", "zh", "--dir", parent()]);
    expect(result.code).toBe(0);
    for (let step = 1; step <= 8; step++) expect(result.stdout).toContain(`第 ${step}/8 步`);
    expect(result.stdout).toContain("8/8 步成功");
    expect(result.stdout).toContain("character special file 0:0");
    expect(result.stdout).not.toContain("Press Enter");
    expect(result.stdout).not.toContain("按 Enter");
    expect(result.stdout).not.toContain(`${String.fromCharCode(27)}[`); // no colour in a pipe
  });

  it("chooses Chinese from LANG=zh_CN.UTF-8", async () => {
    const result = await runCli(["mount-demo", "--yes", "--dir", parent()], { env: { LANG: "zh_CN.UTF-8" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("第 1/8 步");
  });

  it("--keep leaves the workspace mounted and says how to remove it", async () => {
    // From a root shell (no SUDO_USER): the commands to type carry no sudo, which such a shell may not have.
    const result = await runCli(["mount-demo", "--yes", "--keep", "--dir", parent()], { env: { SUDO_USER: "" } });
    expect(result.code).toBe(0);
    const [name] = readdirSync(parent());
    expect(name).toMatch(/^overlay-lesson-/);
    const root = join(parent(), name ?? "");
    expect(overlayMountsBeneath(parent()).length).toBe(1);
    expect(readFileSync(join(root, "merged/etc/app.conf"), "utf8")).toContain("server_name = development");
    expect(JSON.parse(readFileSync(join(root, ".overlay-lesson.json"), "utf8"))).toMatchObject({ kept: true, root, lesson: "mount-demo" });
    expect(result.stdout).toContain(`ls -la ${root}/upper`);
    expect(result.stdout).toContain(`findmnt ${root}/merged`);
    const pasted = asPasted(result.stdout);
    expect(pasted).toContain(`\n  ${process.execPath} ${CLI} cleanup --dir ${parent()}\n`);
    expect(pasted).toContain(`\n  umount ${root}/merged && rm -rf ${root}\n`);
    expect(result.stdout).not.toContain("sudo");
    // Run with sudo, the reader's shell is theirs: each command says sudo.
    await runCli(["cleanup", "--dir", parent()]);
    const bySudo = await runCli(["mount-demo", "--yes", "--keep", "--dir", parent()], { env: { SUDO_USER: "learner" } });
    const [again] = readdirSync(parent());
    const rootAgain = join(parent(), again ?? "");
    expect(asPasted(bySudo.stdout)).toContain(`\n  sudo ${process.execPath} ${CLI} cleanup --dir ${parent()}\n`);
    expect(asPasted(bySudo.stdout)).toContain(`\n  sudo umount ${rootAgain}/merged && sudo rm -rf ${rootAgain}\n`);
    // Remove it the way the output says, so the after-check holds.
    const cleanup = await runCli(["cleanup", "--dir", parent()]);
    expect(cleanup.code).toBe(0);
  });

  it("SIGINT during a step stops, tears down, still prints the summary and exits 130", async () => {
    const result = await runCli(["mount-demo", "--json", "--dir", parent()], {
      onEvent: (event, child) => {
        if (event.type === "step-start" && event.step === "copy-up") child.kill("SIGINT");
      },
    });
    expect(result.code).toBe(130);
    const summary = summaryOf(result);
    expect(summary).toMatchObject({ interrupted: "SIGINT", ok: false });
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("SIGINT");
  });
});

describeWith(["root"], "bad input: exit 2, one line on stderr, nothing created", () => {
  const parent = useParent({ clean: false });

  async function expectRefused(args: string[], pattern: RegExp): Promise<void> {
    const before = readdirSync(parent()).sort();
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(readdirSync(parent()).sort()).toEqual(before);
    expect(overlayMountsBeneath(parent())).toEqual([]);
  }

  it("a --dir that does not exist", async () => {
    await expectRefused(["mount-demo", "--yes", "--dir", join(parent(), "nope")], /does not exist/);
    expect(existsSync(join(parent(), "nope"))).toBe(false);
  });

  it("a --dir that is a file", async () => {
    writeFileSync(join(parent(), "file"), "x");
    await expectRefused(["mount-demo", "--yes", "--dir", join(parent(), "file")], /not a directory/);
  });

  it("a --dir that is a symlink", async () => {
    mkdirSync(join(parent(), "real"));
    symlinkSync(join(parent(), "real"), join(parent(), "link"));
    await expectRefused(["mount-demo", "--yes", "--dir", join(parent(), "link")], /symbolic link/);
    expect(readdirSync(join(parent(), "real"))).toEqual([]);
  });

  it("a world-writable --dir without the sticky bit", async () => {
    mkdirSync(join(parent(), "open"));
    chmodSync(join(parent(), "open"), 0o777);
    await expectRefused(["mount-demo", "--yes", "--dir", join(parent(), "open")], /sticky/);
    expect(readdirSync(join(parent(), "open"))).toEqual([]);
  });

  it("a --dir on an overlay (which cannot hold an upper layer)", async () => {
    await expectRefused(["mount-demo", "--yes", "--dir", "/proc/self"], /symbolic link|cannot hold/);
  });

  it.each([
    [["mount-demo", "--frob"], /unknown option '--frob'/],
    [["mount-demo", "--dir"], /needs a value/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["mount-demo", "--lang", "fr"], /'fr' is not a language/],
    [["mount-demo", "--lang"], /needs a value/],
    [["mount-demo", "surplus"], /'mount-demo' takes options only/],
  ])("%j", async (args, pattern) => {
    await expectRefused([...args, ...(args.includes("--dir") ? [] : [])], pattern);
  });

  it("not root, in a --dir that user cannot write: exit 2, one line, nothing created", async () => {
    chmodSync(parent(), 0o755);
    const result = await runCli(["mount-demo", "--yes", "--dir", parent()], { uid: 65534 });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/is not writable by you/);
    expect(readdirSync(parent())).toEqual([]);
  });
});
