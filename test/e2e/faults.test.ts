// Fault injection, signals: "nothing left, nothing touched" as a tested property. Every step of
// every lesson is interrupted (SIGINT, and SIGTERM/SIGHUP on a sample); a second SIGINT during
// teardown; the reader of --json going away; signals while layers-demo's build overlays are mounted.
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, expectNothingLeft, makeParent, overlayMountsBeneath, removeParent, runCli, summaryOf } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

const LESSONS = {
  "mount-demo": {
    args: [] as string[],
    steps: ["make-layers", "fill-lower", "mount", "read", "copy-up", "new-file", "whiteout", "layers"],
  },
  "cow-demo": {
    args: ["--size", "32M", "--trials", "2"],
    steps: ["big-file", "mount", "read", "small-copy-up", "big-copy-up", "append-again", "disk-space", "direct-vs-overlay"],
  },
  "layers-demo": {
    args: [] as string[],
    steps: ["from", "copy", "run-rm", "container", "hidden-bytes", "one-layer"],
  },
  "features-demo": {
    args: [] as string[],
    steps: ["metacopy", "redirect-dir", "hardlinks", "volatile", "xino", "data-only-layers"],
  },
} as const;

type TerminationSignal = "SIGINT" | "SIGTERM" | "SIGHUP";
const CODES: Record<TerminationSignal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

// Every step with SIGINT; SIGTERM and SIGHUP on a sample that covers before, during and after the mount.
const CASES: Array<[keyof typeof LESSONS, string, TerminationSignal]> = [];
for (const [lesson, { steps }] of Object.entries(LESSONS) as Array<[keyof typeof LESSONS, (typeof LESSONS)[keyof typeof LESSONS]]>) {
  steps.forEach((step, index) => {
    CASES.push([lesson, step, "SIGINT"]);
    if (index % 3 === 0) CASES.push([lesson, step, "SIGTERM"]);
    if (index % 3 === 1) CASES.push([lesson, step, "SIGHUP"]);
  });
}

let parent: string;

describeWith(["root"], "fault injection: signals", () => {
  beforeEach(() => {
    parent = makeParent();
  });
  afterEach(() => {
    expectNothingLeft(parent);
    removeParent(parent);
  });

  describe("a signal at the start of any step", () => {
    it.each(CASES)("%s, step %s, %s: exit code, summary, nothing left", async (lesson, step, signal) => {
      const interrupt = (): ReturnType<typeof runCli> =>
        runCli([lesson, "--json", "--dir", parent, ...LESSONS[lesson].args], {
          onEvent: (event, child) => {
            if (event.type === "step-start" && event.step === step) child.kill(signal);
          },
        });
      // The test learns of step-start through a pipe; on a busy machine a short last step can
      // finish, and the run exit, before the signal lands. Such a run was never interrupted
      // (it must still leave nothing): try again, a few times at most.
      let result = await interrupt();
      for (let attempt = 1; attempt < 4 && result.code === 0 && summaryOf(result).interrupted === undefined; attempt++) {
        expectNothingLeft(parent);
        result = await interrupt();
      }
      expect(result.code, result.stderr).toBe(CODES[signal]);
      const summary = summaryOf(result);
      expect(summary).toMatchObject({ interrupted: signal, ok: false, kept: false });
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    });
  });

  it("a second SIGINT during the run does not abandon teardown", async () => {
    const result = await runCli(["cow-demo", "--json", "--dir", parent, "--size", "64M", "--trials", "1"], {
      onEvent: (event, child) => {
        if (event.type === "step-start" && event.step === "read") {
          child.kill("SIGINT");
          setTimeout(() => child.kill("SIGINT"), 5);
          setTimeout(() => child.kill("SIGTERM"), 10);
        }
      },
    });
    expect(result.code).toBe(130);
    expect(summaryOf(result)).toMatchObject({ interrupted: "SIGINT" });
  });

  it("the reader of --json going away (| head -1): exit 141, one line, nothing left", async () => {
    const child = spawn(process.execPath, [CLI, "mount-demo", "--json", "--dir", parent], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(141);
    expect(stderr.trim().split("\n")).toEqual(["overlay-lesson: the output was closed before the lesson ended; cleaned up"]);
  });

  it.each(["copy", "run-rm", "one-layer"])(
    "layers-demo: a signal while the %s instruction's build overlay is mounted: nothing left",
    async (step) => {
      let mounted = 0;
      const result = await runCli(["layers-demo", "--json", "--dir", parent], {
        onEvent: (event, child) => {
          const argv = event.argv as string[] | undefined;
          if (event.type === "command" && event.step === step && argv?.[0] === "mount") {
            mounted = overlayMountsBeneath(parent).length;
            child.kill("SIGINT");
          }
        },
      });
      expect(mounted).toBeGreaterThanOrEqual(1);
      expect(result.code, result.stderr).toBe(130);
      expect(summaryOf(result)).toMatchObject({ interrupted: "SIGINT", ok: false });
    },
  );

  it("layers-demo: SIGKILL with a build overlay and the container mounted, then cleanup: nothing left", async () => {
    const killed = await runCli(["layers-demo", "--json", "--dir", parent], {
      onEvent: (event, child) => {
        // During the one-layer build the container's overlay is mounted too: two mounts at once.
        const argv = event.argv as string[] | undefined;
        if (event.type === "command" && event.step === "one-layer" && argv?.[0] === "mount") child.kill("SIGKILL");
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    expect(overlayMountsBeneath(parent)).toHaveLength(2);
    const cleanup = await runCli(["cleanup", "--dir", parent, "--json"]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.events.at(-1)).toMatchObject({ type: "summary", removed: 1, failed: 0, ok: true });
  });
});
