// A terminal that reports no size: script(1) without one, and some CI and container ptys, give
// a tty of 0 columns. A lesson there must still run to its end (ora, which divides by the
// columns to clear its spinner's lines, looped forever at 0 in one synchronous call, where not
// even Ctrl-C could end the lesson), and stop at Ctrl-C.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { CLI, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

/** The CLI on a pty of no size (script's own), as a learner's terminal, not CI: spinners wanted. */
function onSizelessPty(args: readonly string[], timeoutMs: number): Promise<{ code: number | null; screen: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(" ");
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", TERM: "xterm" };
    delete env.CI;
    const child = spawn("script", ["-qfec", command, "/dev/null"], { stdio: ["ignore", "pipe", "pipe"], env });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen, timedOut });
    });
  });
}

describeWith(["root"], "a terminal of no size", () => {
  const parent = useParent();

  it("mount-demo --yes runs to its end, without a spinner to draw", async () => {
    const run = await onSizelessPty(["mount-demo", "--yes", "--dir", parent()], 30_000);
    expect(run.timedOut, run.screen.slice(-500)).toBe(false);
    expect(run.code).toBe(0);
    expect(run.screen).toMatch(/8\/8 steps ok/);
  });
});
