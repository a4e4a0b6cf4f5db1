// In a real terminal (a pty from script(1)): the lesson pauses between steps until Enter, never
// with --yes, and a Ctrl-C typed at the keyboard (the terminal's own SIGINT) still tears down.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { CLI, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

interface TerminalRun {
  code: number | null;
  screen: string;
}

/** Run the CLI on a pty; `react` sees the screen so far and may type into the terminal. */
function inTerminal(
  args: string[],
  react: (screen: string, type: (keys: string) => void) => void,
  env: NodeJS.ProcessEnv = { CI: "1" },
  timeoutMs = 60_000,
): Promise<TerminalRun> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(" ");
    const { CI: _ci, ...outside } = process.env;
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...outside, NO_COLOR: "1", LANG: "C.UTF-8", TERM: "dumb", ...env },
    });
    let screen = "";
    const type = (keys: string): void => {
      child.stdin.write(keys);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      screen += chunk.toString();
      react(screen, type);
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out; screen so far:\n${screen.slice(-2000)}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describeWith(["root"], "in a terminal", () => {
  const parent = useParent();

  it("pauses after each step until Enter", async () => {
    let answered = 0;
    let latest = "";
    let waitedAtFirstPause: boolean | undefined;
    const run = await inTerminal(["mount-demo", "--dir", parent()], (screen, type) => {
      latest = screen;
      const prompts = screen.split("Press Enter to continue").length - 1;
      if (prompts <= answered) return;
      answered = prompts;
      if (answered === 1) {
        // Look again a moment later: the lesson must still be waiting for Enter.
        setTimeout(() => {
          waitedAtFirstPause = !latest.includes("Step 2/8");
          type("\r");
        }, 400);
      } else {
        type("\r");
      }
    });
    expect(run.code).toBe(0);
    expect(waitedAtFirstPause).toBe(true);
    expect(answered).toBe(7); // between eight steps, not after the last
    expect(run.screen).toContain("8/8 steps ok");
  });

  it("--yes never pauses", async () => {
    const run = await inTerminal(["mount-demo", "--yes", "--dir", parent()], () => undefined);
    expect(run.code).toBe(0);
    expect(run.screen).not.toContain("Press Enter");
  });

  it("Ctrl-C typed at the pause: exit 130, summary shown, nothing left", async () => {
    let typed = false;
    const run = await inTerminal(["mount-demo", "--dir", parent()], (screen, type) => {
      if (!typed && screen.includes("Step 3/8") && screen.split("Press Enter to continue").length - 1 >= 3) {
        typed = true;
        type("\u0003");
      } else if (!typed && screen.endsWith("Press Enter to continue… ")) {
        type("\r");
      }
    });
    expect(run.code).toBe(130);
    expect(run.screen).toContain("Interrupted by SIGINT");
  });

  it("a terminal that does not know its width (0 columns): no spinner, and the lesson ends", async () => {
    // script(1) with no terminal above it gives the pty 0 columns; ora, asked to draw there,
    // cleared lines forever. Without CI, as a learner's shell would be.
    const run = await inTerminal(["mount-demo", "--yes", "--dir", parent()], () => undefined, {}, 30_000);
    expect(run.code).toBe(0);
    expect(run.screen).toContain("8/8 steps ok");
  });
});
