// The runner's promises, with small lessons of our own on a real workspace: a failed check is
// shown with expected and observed and the lesson goes on (exit 1); a step that breaks stops
// the lesson (exit 1) and teardown still runs.
import { mkdtempSync, readdirSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { en } from "../../src/i18n/en.js";
import { findWorkspaces, removeWorkspace } from "../../src/overlay/workspace.js";
import { runLesson } from "../../src/runner/run-lesson.js";
import type { Lesson } from "../../src/runner/types.js";
import { ExitError, StepError } from "../../src/sys/errors.js";
import { describeWith } from "../helpers/needs.js";

function lesson(steps: Lesson["steps"]): Lesson {
  return { id: "mount-demo", words: { en: {}, zh: {}, ja: {} }, title: () => "test lesson", steps };
}

async function run(subject: Lesson, json: boolean, parent: string): Promise<{ code: number; message?: string; out: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await runLesson(
      subject,
      { dir: parent, keep: false, yes: true, json, color: false, lang: "en", t: en, mode: "root", shell: false },
      {},
    );
    return { code: 0, out: chunks.join("") };
  } catch (error) {
    // A lesson that did not pass ends in ExitError: its code and its one line for stderr.
    if (!(error instanceof ExitError)) throw error;
    return { code: error.exitCode, message: error.message, out: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

describeWith(["root"], "runner", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "ol-runner-"));
  });
  afterEach(() => {
    try {
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      // Even when the check fails, leave nothing behind on the machine running the suite.
      for (const found of findWorkspaces(parent)) removeWorkspace(found.path);
      rmdirSync(parent);
    }
  });

  const failing = lesson([
    {
      id: "first",
      title: () => "first",
      explain: () => "a claim the kernel will not confirm",
      async run(ctx) {
        ctx.check("wrong", "two plus two", "5", String(2 + 2));
        ctx.check("right", "one plus one", "2", String(1 + 1));
      },
    },
    {
      id: "second",
      title: () => "second",
      explain: () => "still runs",
      async run(ctx) {
        ctx.check("ran", "the second step ran", "yes", "yes");
      },
    },
  ]);

  it("a failed check is recorded with expected and observed, the lesson goes on, exit 1", async () => {
    const result = await run(failing, true, parent);
    expect(result.code).toBe(1);
    expect(result.message).toMatch(/1 check did not hold/);
    const events = result.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.find((event) => event.type === "check" && event.id === "wrong")).toMatchObject({
      ok: false,
      expected: "5",
      observed: "4",
    });
    const summary = events.at(-1) as { ok: boolean; steps: Array<{ id: string; ok: boolean }> };
    expect(summary.ok).toBe(false);
    expect(summary.steps.map((step) => [step.id, step.ok])).toEqual([
      ["first", false],
      ["second", true],
    ]);
  });

  it("the terminal shows the failed check's expected and observed values", async () => {
    const result = await run(failing, false, parent);
    expect(result.out).toMatch(/✗ two plus two\n\s+expected: 5\n\s+observed: 4/);
    expect(result.out).toContain("1/2 steps ok, 2/3 checks held");
  });

  it("a step that breaks stops the lesson, says why, and tears down", async () => {
    let third = false;
    const broken = lesson([
      {
        id: "make",
        title: () => "make",
        explain: () => "make the layers",
        async run(ctx) {
          await ctx.mkdir("lower", "upper");
        },
      },
      {
        id: "break",
        title: () => "break",
        explain: () => "a command fails",
        async run(ctx) {
          await ctx.run(["stat", "no-such-file"]);
        },
      },
      {
        id: "never",
        title: () => "never",
        explain: () => "not reached",
        async run() {
          third = true;
        },
      },
    ]);
    const result = await run(broken, true, parent);
    expect(result.code).toBe(1);
    expect(result.message).toMatch(/`stat no-such-file` failed with exit code 1/);
    expect(third).toBe(false);
    const summary = JSON.parse(result.out.trim().split("\n").at(-1) ?? "{}") as { steps: Array<{ id: string; error?: string }> };
    expect(summary.steps.map((step) => step.id)).toEqual(["make", "break"]);
    expect(summary.steps[1]?.error).toMatch(/failed/);
  });

  it("a StepError's message is the line the learner sees", async () => {
    const result = await run(
      lesson([
        {
          id: "hint",
          title: () => "hint",
          explain: () => "",
          async run() {
            throw new StepError(en.hints["no-overlay"]);
          },
        },
      ]),
      true,
      parent,
    );
    expect(result.code).toBe(1);
    expect(result.message).toContain("modprobe overlay");
  });

  const skipping = lesson([
    {
      id: "probe",
      title: () => "probe",
      explain: () => "a feature this kernel lacks",
      keyPoint: () => "never shown for a skipped step",
      async run(ctx) {
        ctx.say("trying the feature");
        ctx.skip("this kernel has no such feature");
      },
    },
    {
      id: "after",
      title: () => "after",
      explain: () => "the lesson goes on",
      async run(ctx) {
        ctx.check("ran", "the next step ran", "yes", "yes");
      },
    },
    {
      id: "failed-then-skipped",
      title: () => "failed then skipped",
      explain: () => "a check that did not hold is not hidden by a skip",
      async run(ctx) {
        ctx.check("wrong", "two plus two", "5", String(2 + 2));
        ctx.skip("too late to skip");
      },
    },
  ]);

  it("a skipped step is reported as skipped with its reason, neither passed nor failed, in JSON", async () => {
    const result = await run(skipping, true, parent);
    const events = result.out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((event) => event.type === "step-end").map((event) => [event.step, event.status, event.reason])).toEqual([
      ["probe", "skipped", "this kernel has no such feature"],
      ["after", "passed", undefined],
      ["failed-then-skipped", "failed", undefined],
    ]);
    const summary = events.at(-1) as { ok: boolean; steps: Array<{ id: string; ok: boolean; status: string; reason?: string }> };
    expect(summary.steps[0]).toMatchObject({ id: "probe", ok: true, status: "skipped", reason: "this kernel has no such feature" });
    // The failed check decides: exit 1, and the skip after it is not a way out of it.
    expect(summary.ok).toBe(false);
    expect(result.code).toBe(1);
  });

  it("a lesson whose only departure is a skipped step exits 0; the terminal says skipped, and why, in the summary too", async () => {
    const result = await run(lesson(skipping.steps.slice(0, 2)), false, parent);
    expect(result.code).toBe(0);
    expect(result.out).toContain("↷ skipped: this kernel has no such feature");
    expect(result.out).toMatch(/↷ Step 1\/2 · probe/);
    expect(result.out).not.toContain("never shown for a skipped step");
    expect(result.out).toContain("✔ 1/2 steps ok, 1/1 checks held, 1 step skipped");
    expect(result.out).toContain("↷ probe: this kernel has no such feature");
  });
});
