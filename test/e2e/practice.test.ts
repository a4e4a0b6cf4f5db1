// Practice mode through a real terminal (tmux): the learner types, the kernel grades. After each
// run nothing may be left: not the lesson's mounts, not the ones the learner made.
import { chownSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, inject, it } from "vitest";
import { CLI, mountsAnywhere, overlayMountsBeneath, removeParent, runCli } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { Terminal } from "../helpers/tmux.js";

const NOBODY = 65534;
let terminal: Terminal | undefined;
const parents: string[] = [];

function parentFor(uid = 0): { parent: string; state: string } {
  const parent = mkdtempSync(join(tmpdir(), "ol-practice-"));
  const state = mkdtempSync(join(tmpdir(), "ol-state-"));
  if (uid !== 0) {
    chownSync(parent, uid, uid);
    chownSync(state, uid, uid);
  }
  parents.push(parent, state);
  return { parent, state };
}

function start(parent: string, state: string, extra: string[] = [], asNobody = false, lesson = "mount-demo"): Terminal {
  const cli = asNobody ? inject("readableCli") : CLI;
  const argv = asNobody
    ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, cli]
    : [process.execPath, cli];
  terminal = new Terminal([...argv, lesson, "--practice", "--yes", "--dir", parent, ...extra], {
    SHELL: "/bin/bash",
    LANG: "C.UTF-8",
    NO_COLOR: "1",
    HOME: state,
    XDG_STATE_HOME: state,
  });
  return terminal;
}

describeWith(["root", "tmux", "nobody"], "practice mode in a terminal", () => {
  afterEach(() => {
    terminal?.close();
    terminal = undefined;
    try {
      for (const parent of parents) expect(mountsAnywhere(parent)).toEqual([]);
      for (const parent of parents.filter((path) => path.includes("ol-practice-"))) expect(readdirSync(parent)).toEqual([]);
    } finally {
      for (const parent of parents.splice(0)) removeParent(parent);
    }
  });

  it("a whole mount-demo typed like a learner: an empty try caught, r, then every step passes", async () => {
    const { parent, state } = parentFor();
    const term = start(parent, state);
    await term.waitFor(/practice:mount\$ $/m);
    term.type("exit"); // changed nothing
    await term.waitFor(/observed: nothing: the shell was left as it was opened/);
    await term.waitFor(/\[r\]etry/);
    term.type("r");
    await term.waitFor(/practice:mount\$ /, 10_000, 2);
    term.type("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged");
    term.type("exit");
    await term.waitFor(/✓ You made the very mount/);
    await term.waitFor(/practice:copy-up\$ /);
    term.type("echo 'port = 9090' >> merged/etc/app.conf; exit");
    await term.waitFor(/practice:new-file\$ /);
    term.type("echo mine > merged/notes.txt; exit");
    await term.waitFor(/practice:whiteout\$ /);
    term.type("rm merged/image-log.txt; exit");
    expect(await term.exitCode()).toBe(0);
    const screen = term.screen();
    expect(screen).toMatch(/8\/8 steps ok, (\d+)\/\1 checks held/);
    expect(mountsAnywhere(parent)).toEqual([]);
    // Progress lasts: list shows the four practiced steps.
    const list = await runCli(["list"], { env: { XDG_STATE_HOME: state } });
    expect(list.stdout).toMatch(/✓ mount\s+✓ copy-up\s+✓ new-file\s+✓ whiteout/);
  });

  it("[s]how me does it for the learner; [q]uit with the learner's own mount in place leaves nothing", async () => {
    const { parent, state } = parentFor();
    const term = start(parent, state, ["--from", "copy-up"]);
    // --from: the steps before ran by themselves; the first task is the copy-up.
    await term.waitFor(/practice:copy-up\$ /);
    expect(term.screen()).not.toMatch(/practice:mount\$/);
    term.type("cat merged/etc/app.conf; exit"); // a read changes nothing
    await term.waitFor(/\[r\]etry/);
    term.type("s");
    await term.waitFor(/upper now holds app\.conf with the new content/);
    await term.waitFor(/practice:new-file\$ /);
    // The learner's own mount, inside the workspace, then a wrong answer and quit.
    term.type("mkdir scratch && mount -t tmpfs none scratch && touch lower/oops; exit");
    await term.waitFor(/\[r\]etry/, 20_000, 2);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
    const screen = term.screen();
    // Said at the step, before the teardown; said done on stderr, after it.
    expect(screen).toMatch(/you quit the practice at step new-file; the lesson now removes what it made/);
    expect(screen).toMatch(/overlay-lesson: you quit the practice at step new-file; what the lesson made is removed/);
    expect(screen.indexOf("the lesson now removes")).toBeLessThan(screen.indexOf("what the lesson made is removed"));
    // The footer counts the ✗ the quit step showed: not every check held.
    expect(screen).toMatch(/✖ \d\/\d+ steps ok, (\d+)\/(?!\1 )\d+ checks held/);
    expect(overlayMountsBeneath(parent)).toEqual([]);
  });

  it("Ctrl-C in the practice shell belongs to the shell; the lesson goes on", async () => {
    const { parent, state } = parentFor();
    const term = start(parent, state, ["--from", "whiteout"]);
    await term.waitFor(/practice:whiteout\$ /);
    term.type("sleep 30");
    await new Promise((resolve) => setTimeout(resolve, 300));
    term.key("C-c");
    await term.waitFor(/practice:whiteout\$ /, 10_000, 2);
    term.type("rm merged/app/main.py; exit");
    expect(await term.exitCode()).toBe(0);
  });

  it("rootless, as user nobody: the mount typed in the namespace's shell passes; q leaves nothing anywhere", async () => {
    const { parent, state } = parentFor(NOBODY);
    const term = start(parent, state, [], true);
    await term.waitFor(/practice:mount\$ /);
    expect(term.screen()).toContain("Mode: rootless");
    term.type("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work,userxattr merged; exit");
    await term.waitFor(/✓ You made the very mount/);
    await term.waitFor(/practice:copy-up\$ /);
    term.type("echo changed >> merged/app/main.py; exit");
    await term.waitFor(/practice:new-file\$ /);
    term.type("exit");
    await term.waitFor(/\[r\]etry/);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
    expect(mountsAnywhere(parent)).toEqual([]);
  });

  it("layers-demo: the learner's RUN makes the whiteout and the opaque dir; the rest of the lesson builds on it", async () => {
    const { parent, state } = parentFor();
    const term = start(parent, state, ["--from", "run-rm"], false, "layers-demo");
    await term.waitFor(/practice:run-rm\$ /);
    term.type(
      "rm layers/3-run/merged/lib/libbig.so && rm -rf layers/3-run/merged/var/cache/app && mkdir layers/3-run/merged/var/cache/app; exit",
    );
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/6\/6 steps ok, (\d+)\/\1 checks held/);
  });

  it("cow-demo: the learner causes the big copy-up and times it; the lesson's later figures still hold", async () => {
    const { parent, state } = parentFor();
    const term = start(parent, state, ["--size", "8M", "--trials", "1", "--from", "big-copy-up"], false, "cow-demo");
    await term.waitFor(/practice:big-copy-up\$ /);
    term.type("time dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc; exit");
    expect(await term.exitCode(60_000)).toBe(0);
    expect(term.screen()).toMatch(/You timed the copy-up yourself/);
    expect(term.screen()).toMatch(/8\/8 steps ok, (\d+)\/\1 checks held/);
  });

  it("not a terminal, or with --json: exit 2 and one line", async () => {
    const { parent } = parentFor();
    for (const args of [["--practice"], ["--practice", "--json"]]) {
      const result = await runCli(["mount-demo", "--dir", parent, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/--practice opens a shell/)]);
    }
    const unknown = await runCli(["mount-demo", "--dir", parent, "--from", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--from nope: the lesson has no such step; its steps are make-layers, fill-lower/);
  });
});
