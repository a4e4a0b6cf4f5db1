// The practice shell's record of what the learner typed, in a real bash: each line as typed,
// its exit status and directory; an empty Enter is no line; $? is left as it was; the lines of
// the tries before come back with ↑ and are not recorded twice.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Workspace } from "../../src/overlay/workspace.js";
import { chooseShell, readRecord, recordingEnvironment, startRecord } from "../../src/runner/shell.js";
import type { ShellCommand } from "../../src/runner/types.js";

const roots: string[] = [];

function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), "ol-shell-record-"));
  roots.push(root);
  mkdirSync(join(root, "sub"));
  return { root, lower: join(root, "lower"), upper: join(root, "upper"), work: join(root, "work"), merged: join(root, "merged") };
}

/** bash -i reads its lines from a pipe here, as it would from the terminal: PROMPT_COMMAND runs before each. */
function typeInto(space: Workspace, input: string, earlier: ShellCommand[] = []): { stdout: string; commands: ShellCommand[] } {
  const record = startRecord(space, earlier);
  const result = spawnSync("bash", chooseShell({ SHELL: "/bin/bash" }).args, {
    input,
    cwd: space.root,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HISTFILE: "/dev/null", PS1: "$ ", ...recordingEnvironment(record) },
  });
  return { stdout: result.stdout, commands: readRecord(record) };
}

describe("the practice shell's record", () => {
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it("keeps each line as typed, its exit status and where it ran; an empty Enter is no line", () => {
    const space = workspace();
    const { stdout, commands } = typeInto(space, 'false\n\necho "st=$?"\ncd sub\nls /nonexistent-h4\n(exit 3); exit\n');
    expect(stdout).toContain("st=1"); // the learner's $? is untouched by the recorder
    expect(commands).toEqual([
      { line: "false", status: 1, cwd: space.root },
      { line: 'echo "st=$?"', status: 0, cwd: space.root },
      { line: "cd sub", status: 0, cwd: join(space.root, "sub") },
      { line: "ls /nonexistent-h4", status: 2, cwd: join(space.root, "sub") },
      { line: "(exit 3); exit", status: 3, cwd: join(space.root, "sub") },
    ]);
  });

  it("the line that ends the shell by end of input (Ctrl-D) is the last one typed, recorded once", () => {
    const space = workspace();
    expect(typeInto(space, "true\n").commands).toEqual([{ line: "true", status: 0, cwd: space.root }]);
  });

  it("gives the tries before back to the history (↑), without a bare exit, and does not record them again", () => {
    const space = workspace();
    const earlier: ShellCommand[] = [
      { line: "mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged", status: 32, cwd: space.root },
      { line: "exit", status: 32, cwd: space.root },
      { line: "for f in a b; do\necho $f\ndone", status: 0, cwd: space.root },
    ];
    const { stdout, commands } = typeInto(space, "history\nexit\n", earlier);
    expect(stdout).toMatch(/^\s+1\s+mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged$/m);
    expect(stdout).toMatch(/^\s+2\s+history$/m);
    expect(commands.map((command) => command.line)).toEqual(["history", "exit"]);
  });

  it("only bash keeps a record: sh and dash have no hook for it, zsh is started with -f", () => {
    expect(chooseShell({ SHELL: "/bin/bash" }).records).toBe(true);
    for (const shell of ["/bin/sh", "/usr/bin/dash", "/usr/bin/zsh", "/usr/bin/fish"])
      expect(chooseShell({ SHELL: shell }).records).toBe(false);
  });
});
