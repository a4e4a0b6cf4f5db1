// Rootless mode end to end: lessons as an ordinary user (nobody) in a user and mount namespace
// of their own, and as root with --rootless. The strongest promise is tested directly: when the
// lesson is SIGKILLed, no mount of it is left in any mount namespace on the machine.
import { spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { type CliResult, mountsAnywhere, overlayMountsBeneath, removeParent, runCli, summaryOf } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

const NOBODY = 65534;

/** A parent directory that user nobody owns, as a learner's own /tmp subdirectory would be. */
function nobodysParent(): string {
  const parent = mkdtempSync(join(tmpdir(), "ol-rootless-"));
  chownSync(parent, NOBODY, NOBODY);
  return parent;
}

function workspacePid(parent: string): number {
  const [name] = readdirSync(parent).filter((entry) => entry.startsWith("overlay-lesson-"));
  const marker = JSON.parse(readFileSync(join(parent, name ?? "", ".overlay-lesson.json"), "utf8")) as { pid: number };
  return marker.pid;
}

const asNobody = (args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> =>
  runCli(args, { uid: NOBODY, ...options });

describeWith(["root", "nobody"], "rootless mode", () => {
  const lessons: Array<[string, string[]]> = [
    ["mount-demo", []],
    ["cow-demo", ["--size", "32M", "--trials", "1"]],
    ["layers-demo", []],
  ];

  it.each(lessons)("%s as user nobody: every check held, mode rootless, nothing left", async (lesson, args) => {
    const parent = nobodysParent();
    try {
      const result = await asNobody([lesson, "--json", "--dir", parent, ...args]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.events[0]).toMatchObject({ type: "lesson-start", mode: "rootless" });
      const summary = summaryOf(result) as unknown as { ok: boolean; mode: string; steps: Array<{ checks: Array<{ ok: boolean }> }> };
      expect(summary).toMatchObject({ ok: true, mode: "rootless" });
      expect(summary.steps.flatMap((step) => step.checks).every((check) => check.ok)).toBe(true);
      expect(mountsAnywhere(parent)).toEqual([]);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeParent(parent);
    }
  });

  it("as root with --rootless: the mount is in the lesson's namespace only, never on the host", async () => {
    const parent = mkdtempSync(join(tmpdir(), "ol-rootless-"));
    try {
      let hostView: string[] = ["(not looked)"];
      let lessonView: string[] = [];
      const result = await runCli(["mount-demo", "--json", "--rootless", "--dir", parent], {
        onEvent: (event) => {
          if (event.type === "step-start" && event.step === "read") {
            hostView = overlayMountsBeneath(parent);
            lessonView = readFileSync(`/proc/${workspacePid(parent)}/mountinfo`, "utf8")
              .split("\n")
              .filter((line) => line.includes(" - overlay ") && line.includes(parent));
          }
        },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(hostView).toEqual([]);
      expect(lessonView).toHaveLength(1);
      expect(lessonView[0]).toContain("userxattr");
      expect(summaryOf(result)).toMatchObject({ ok: true, mode: "rootless" });
    } finally {
      removeParent(parent);
    }
  });

  it("SIGKILL of the lesson after its mount: no mount of it anywhere within a second; cleanup and the next lesson as nobody", async () => {
    const parent = nobodysParent();
    try {
      let seenBefore = 0;
      let killed = { code: -1 as number | null };
      // The event is read while the lesson goes on: on a loaded machine the whole lesson may be over
      // before the test gets to it (nothing mounted any more, nothing to kill). Then try again.
      for (let attempt = 0; attempt < 3 && seenBefore === 0; attempt++) {
        killed = await asNobody(["mount-demo", "--json", "--dir", parent], {
          onEvent: (event) => {
            if (event.type === "step-start" && event.step === "copy-up") {
              seenBefore = mountsAnywhere(parent).length;
              if (seenBefore > 0) process.kill(workspacePid(parent), "SIGKILL");
            }
          },
        });
        if (seenBefore === 0) await asNobody(["cleanup", "--dir", parent, "--json"]);
      }
      expect(seenBefore).toBe(1);
      expect(killed.code).toBe(137);
      const deadline = Date.now() + 1000;
      while (mountsAnywhere(parent).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(mountsAnywhere(parent)).toEqual([]);
      // Its directories stay (work/work with mode 000 among them) until the user's cleanup.
      expect(readdirSync(parent)).toHaveLength(1);
      const cleanup = await asNobody(["cleanup", "--dir", parent, "--json"]);
      expect(cleanup.code, cleanup.stderr).toBe(0);
      expect(cleanup.events.at(-1)).toMatchObject({ type: "summary", removed: 1, failed: 0 });
      expect(readdirSync(parent)).toEqual([]);

      // Killed again; this time the user's next lesson removes the remains and says so.
      await asNobody(["mount-demo", "--json", "--dir", parent], {
        onEvent: (event) => {
          if (event.type === "step-start" && event.step === "read") process.kill(workspacePid(parent), "SIGKILL");
        },
      });
      const next = await asNobody(["mount-demo", "--json", "--dir", parent]);
      expect(next.code, next.stderr).toBe(0);
      expect((next.events[0] as { staleRemoved?: string[] }).staleRemoved).toHaveLength(1);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeParent(parent);
    }
  });

  it("SIGKILL of the outside process: the lesson notices, tears down, and leaves nothing", async () => {
    const parent = nobodysParent();
    try {
      const result = await asNobody(["layers-demo", "--json", "--dir", parent], {
        onEvent: (event, child) => {
          if (event.type === "step-start" && event.step === "container") child.kill("SIGKILL");
        },
      });
      expect(result.signal).toBe("SIGKILL");
      const deadline = Date.now() + 3000;
      while ((mountsAnywhere(parent).length > 0 || readdirSync(parent).length > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(mountsAnywhere(parent)).toEqual([]);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeParent(parent);
    }
  });

  it("--keep rootless keeps the directories and says the mount went with the namespace; another user's cleanup refuses it", async () => {
    const parent = nobodysParent();
    chmodSync(parent, 0o1777);
    try {
      const kept = await asNobody(["mount-demo", "--yes", "--keep", "--dir", parent]);
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.stdout).toContain("went with it");
      expect(mountsAnywhere(parent)).toEqual([]);
      const [workspace] = readdirSync(parent);
      expect(existsSync(join(parent, workspace ?? "", "upper/image-log.txt"))).toBe(true);
      const other = await runCli(["cleanup", "--dir", parent], { uid: 1 });
      expect(other.code).toBe(0);
      expect(other.stdout).toContain("it belongs to another user");
      expect(readdirSync(parent)).toHaveLength(1);
      const own = await asNobody(["cleanup", "--dir", parent]);
      expect(own.code, own.stderr).toBe(0);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeParent(parent);
    }
  });

  it.each(["root", "rootless"])("--shell (%s): a shell in the workspace with merged mounted; leaving it tears down", async (mode) => {
    const rootless = mode === "rootless";
    const parent = rootless ? nobodysParent() : mkdtempSync(join(tmpdir(), "ol-shell-"));
    try {
      const cli = rootless ? inject("readableCli") : join(process.cwd(), "dist/overlay-lesson.js");
      const child = spawn(process.execPath, [cli, "mount-demo", "--yes", "--shell", "--dir", parent], {
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", SHELL: "/bin/sh" },
        cwd: tmpdir(),
        ...(rootless ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stdin.end('echo "step=$OVERLAY_LESSON_WORKSPACE"; ls merged; cat merged/etc/app.conf; exit 3\n');
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code, out).toBe(0);
      expect(out).toContain("container-data.txt");
      expect(out).toContain("server_name = development");
      expect(out).toMatch(/step=.*overlay-lesson-/);
      expect(out).toContain("(exit code 3)");
      expect(out).toContain(rootless ? "Mode: rootless" : "Mode: root");
      expect(mountsAnywhere(parent)).toEqual([]);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      removeParent(parent);
    }
  });
});
