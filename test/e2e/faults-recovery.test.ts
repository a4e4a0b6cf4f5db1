// Fault injection, recovery and safety: SIGKILLed runs recovered by cleanup and by the next
// lesson; kept workspaces; busy mounts; symlinks and look-alikes planted; lessons side by side.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { expectNothingLeft, makeParent, overlayMountsBeneath, removeParent, runCli, summaryOf } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

let parent: string;
const children: ChildProcess[] = [];

function holdCwd(dir: string): ChildProcess {
  const child = spawn("sleep", ["60"], { cwd: dir, stdio: "ignore" });
  children.push(child);
  return child;
}

function workspaceIn(dir: string): string {
  const [name] = readdirSync(dir).filter((entry) => entry.startsWith("overlay-lesson-"));
  if (!name) throw new Error(`no workspace in ${dir}`);
  return join(dir, name);
}

describeWith(["root"], "fault injection: killed runs, busy mounts, planted paths, concurrency", () => {
  beforeEach(() => {
    parent = makeParent();
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    expectNothingLeft(parent);
    removeParent(parent);
  });

  it("SIGKILL mid-lesson, then cleanup: nothing left", async () => {
    const killed = await runCli(["mount-demo", "--json", "--dir", parent], {
      onEvent: (event, child) => {
        if (event.type === "step-start" && event.step === "whiteout") child.kill("SIGKILL");
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    expect(overlayMountsBeneath(parent)).toHaveLength(1);
    const cleanup = await runCli(["cleanup", "--dir", parent, "--json"]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.events.at(-1)).toMatchObject({ type: "summary", removed: 1, failed: 0, ok: true });
  });

  it("SIGKILL, then the next lesson cleans the stale workspace, says so, and passes", async () => {
    let stale = "";
    await runCli(["mount-demo", "--json", "--dir", parent], {
      onEvent: (event, child) => {
        if (event.type === "lesson-start") stale = (event.workspace as { root: string }).root;
        if (event.type === "step-start" && event.step === "read") child.kill("SIGKILL");
      },
    });
    expect(existsSync(stale)).toBe(true);
    const next = await runCli(["mount-demo", "--json", "--dir", parent]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.events[0]).toMatchObject({ type: "lesson-start", staleRemoved: [stale] });
    expect(existsSync(stale)).toBe(false);
    const human = await runCli(["mount-demo", "--yes", "--dir", parent]);
    expect(human.code).toBe(0);
  });

  it("a kept workspace is not taken for stale by the next lesson; cleanup removes it", async () => {
    await runCli(["mount-demo", "--yes", "--keep", "--dir", parent]);
    const kept = workspaceIn(parent);
    const next = await runCli(["mount-demo", "--json", "--dir", parent]);
    expect(next.code).toBe(0);
    expect(existsSync(kept)).toBe(true);
    const dry = await runCli(["cleanup", "--dir", parent, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would remove ${kept}`);
    expect(existsSync(kept)).toBe(true);
    expect((await runCli(["cleanup", "--dir", parent])).code).toBe(0);
  });

  it("a process whose cwd is inside merged during teardown: still unmounted, the holder named", async () => {
    let holder: ChildProcess | undefined;
    const result = await runCli(["mount-demo", "--yes", "--dir", parent], {
      onLine: (line) => {
        if (line.startsWith("● Step 4/8")) holder = holdCwd(join(workspaceIn(parent), "merged"));
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(holder?.pid).toBeDefined();
    const text = result.stdout.replace(/\s+/g, " "); // the notice may wrap
    expect(text).toContain(`held by sleep[${holder?.pid}] cwd`);
    expect(text).toContain("umount -l");
    expect(holder?.exitCode).toBeNull(); // never killed by us: teardown detached around it
  });

  it("a process whose cwd is inside merged during cleanup: lazily detached, the holder named", async () => {
    await runCli(["mount-demo", "--yes", "--keep", "--dir", parent]);
    const holder = holdCwd(join(workspaceIn(parent), "merged"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cleanup = await runCli(["cleanup", "--dir", parent]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(new RegExp(`sleep\\[${holder.pid}\\] cwd`));
  });

  it("symlinks, look-alikes and foreign markers are never touched", async () => {
    // A victim directory outside PARENT, with a marker that would be valid for itself.
    const victim = makeParent();
    try {
      writeFileSync(join(victim, "precious.txt"), "keep me");
      writeFileSync(
        join(victim, ".overlay-lesson.json"),
        JSON.stringify({ tool: "overlay-lesson", lesson: "mount-demo", pid: 999999, created: "x", root: victim }),
      );
      symlinkSync(victim, join(parent, "overlay-lesson-symlinked"));
      // The fixed paths a naive script would use.
      symlinkSync(victim, join(parent, "overlay-lesson"));
      symlinkSync(victim, join(parent, "overlay-demo"));
      mkdirSync(join(parent, "overlay-lesson-nomarker"));
      writeFileSync(join(parent, "overlay-lesson-nomarker/data"), "not ours");
      mkdirSync(join(parent, "overlay-lesson-foreign"));
      writeFileSync(
        join(parent, "overlay-lesson-foreign/.overlay-lesson.json"),
        JSON.stringify({ tool: "overlay-lesson", lesson: "mount-demo", pid: 999999, created: "x", root: victim }),
      );
      const before = readdirSync(parent).sort();

      const lesson = await runCli(["mount-demo", "--json", "--dir", parent]);
      expect(lesson.code, lesson.stderr).toBe(0);
      const cleanup = await runCli(["cleanup", "--dir", parent, "--json"]);
      expect(cleanup.code).toBe(0);
      const states = cleanup.events.filter((event) => event.type === "workspace").map((event) => [event.path, event.state, event.action]);
      expect(states).toEqual(
        expect.arrayContaining([
          [join(parent, "overlay-lesson-foreign"), "foreign-marker", "left"],
          [join(parent, "overlay-lesson-nomarker"), "no-marker", "left"],
          [join(parent, "overlay-lesson-symlinked"), "symlink", "left"],
        ]),
      );
      expect(readdirSync(parent).sort()).toEqual(before);
      expect(readFileSync(join(victim, "precious.txt"), "utf8")).toBe("keep me");
      expect(readFileSync(join(parent, "overlay-lesson-nomarker/data"), "utf8")).toBe("not ours");
    } finally {
      removeParent(victim);
      for (const name of [
        "overlay-lesson-symlinked",
        "overlay-lesson",
        "overlay-demo",
        "overlay-lesson-nomarker",
        "overlay-lesson-foreign",
      ]) {
        removeParent(join(parent, name));
      }
    }
  });

  it("a symlink planted inside a kept workspace is removed, its target is not", async () => {
    const victim = makeParent();
    try {
      writeFileSync(join(victim, "precious.txt"), "keep me");
      await runCli(["mount-demo", "--yes", "--keep", "--dir", parent]);
      const kept = workspaceIn(parent);
      symlinkSync(victim, join(kept, "upper/evil"));
      symlinkSync(victim, join(kept, "lower-evil"));
      expect((await runCli(["cleanup", "--dir", parent])).code).toBe(0);
      expect(readFileSync(join(victim, "precious.txt"), "utf8")).toBe("keep me");
    } finally {
      removeParent(victim);
    }
  });

  it("several lessons at once in one PARENT all pass; cleanup beside a live one leaves it alone", async () => {
    const runs = await Promise.all([
      runCli(["mount-demo", "--json", "--dir", parent]),
      runCli(["mount-demo", "--json", "--dir", parent]),
      runCli(["cow-demo", "--json", "--dir", parent, "--size", "32M", "--trials", "1"]),
      runCli(["mount-demo", "--yes", "--lang", "zh", "--dir", parent]),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    let cleanupResult: Awaited<ReturnType<typeof runCli>> | undefined;
    const live = await runCli(["mount-demo", "--json", "--dir", parent], {
      onEvent: (event, child) => {
        if (event.type === "step-start" && event.step === "read") {
          child.kill("SIGSTOP");
          void runCli(["cleanup", "--dir", parent, "--json"]).then((result) => {
            cleanupResult = result;
            child.kill("SIGCONT");
          });
        }
      },
    });
    expect(live.code, live.stderr).toBe(0);
    expect(summaryOf(live)).toMatchObject({ ok: true });
    expect(cleanupResult?.code).toBe(0);
    expect(cleanupResult?.events.find((event) => event.type === "workspace")).toMatchObject({ state: "live", action: "left" });
  });
});
