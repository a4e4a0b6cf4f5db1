// container-demo's exec steps in practice mode, through a real terminal: the learner types the
// runtime's exec commands, their writes land in the container's UpperDir (outside the workspace),
// and the kernel grades them. Afterwards no container and no mount of ours is left.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CLI, overlayMountsBeneath, removeParent } from "../helpers/cli.js";
import { buildLessonImage, ourContainers } from "../helpers/container-demo.js";
import { describeWith } from "../helpers/needs.js";
import { cleanupTestContainersAndImages, podmanEnv, usePodmanEnv } from "../helpers/podman.js";
import { Terminal } from "../helpers/tmux.js";

describeWith(["root", "podman", "tmux"], "container-demo practice in a terminal", () => {
  let image = "";
  let terminal: Terminal | undefined;
  // Made in beforeAll, not here: vitest runs this body to collect the tests even where it skips them.
  let parent = "";
  // Practice progress is saved under the state dir: not in the parent that must end up empty.
  let state = "";
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), "ol-practice-cd-"));
    state = mkdtempSync(join(tmpdir(), "ol-state-cd-"));
    usePodmanEnv();
    image = buildLessonImage();
  }, 180_000);
  afterAll(() => {
    terminal?.close();
    cleanupTestContainersAndImages();
    if (parent !== "") removeParent(parent);
    if (state !== "") removeParent(state);
  });

  it("the learner's exec write and exec rm are graded in UpperDir; the lesson ends 0, nothing left", async () => {
    terminal = new Terminal(
      [process.execPath, CLI, "container-demo", "--practice", "--yes", "--runtime", "podman", "--image", image, "--dir", parent],
      { ...(podmanEnv() as Record<string, string>), SHELL: "/bin/sh", LANG: "C.UTF-8", NO_COLOR: "1", HOME: state, XDG_STATE_HOME: state },
    );
    const write = await terminal.waitFor(/practice:exec-write\$ /, 60_000);
    const task = /In container (\S+), create the file (\S+), and append a line to the image file (\S+)\./.exec(write.replace(/\s+/g, " "));
    expect(task, write).not.toBeNull();
    const [, name, create, change] = task ?? [];
    terminal.type(`podman exec ${name} sh -c 'echo mine > ${create}; echo more >> ${change}'; exit`);
    const remove = await terminal.waitFor(/practice:exec-rm\$ /, 60_000);
    const file = /delete the image file (\S+), then/.exec(remove.replace(/\s+/g, " "))?.[1];
    expect(file, remove).toBeDefined();
    terminal.type(`podman exec ${name} rm ${file}; exit`);
    expect(await terminal.exitCode(120_000)).toBe(0);
    expect(terminal.screen()).toMatch(/7\/7 steps ok, (\d+)\/\1 checks held/);
    // This lesson's container is gone (other test files' lessons may be running theirs meanwhile).
    expect(ourContainers().map((container) => container.name)).not.toContain(name);
    expect(overlayMountsBeneath(parent)).toEqual([]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("a try on another file is named, with the file the lesson follows, and the command to run; then both steps pass", async () => {
    terminal?.close();
    terminal = new Terminal(
      [process.execPath, CLI, "container-demo", "--practice", "--yes", "--runtime", "podman", "--image", image, "--dir", parent],
      { ...(podmanEnv() as Record<string, string>), SHELL: "/bin/sh", LANG: "C.UTF-8", NO_COLOR: "1", HOME: state, XDG_STATE_HOME: state },
    );
    const flat = (screen: string): string => screen.replace(/\n {2,}/g, " ").replace(/\s+/g, " ");
    const write = flat(await terminal.waitFor(/practice:exec-write\$ /, 60_000));
    const [, name, create, change] =
      /In container (\S+), create the file (\S+), and append a line to the image file (\S+)\./.exec(write) ?? [];
    // sh keeps no record of what was typed: the grading reads UpperDir alone.
    terminal.type(`podman exec ${name} sh -c 'echo mine > /other.txt; echo more >> ${change}'; exit`);
    let screen = flat(await terminal.waitFor(/\[r\]etry \(the same shell/, 60_000));
    expect(screen).toContain(
      `• You created /other.txt; the new file this lesson follows is ${create} (its later steps measure it): create that one.`,
    );
    expect(screen).toContain(`Next: run in the container: podman exec ${name} sh -c 'echo … > ${create}; echo … >> ${change}'`);
    terminal.type("r");
    await terminal.waitFor(/practice:exec-write\$ /, 10_000, 2);
    terminal.type(`podman exec ${name} sh -c 'echo mine > ${create}'; exit`);
    const remove = flat(await terminal.waitFor(/practice:exec-rm\$ /, 60_000));
    const file = /delete the image file (\S+), then/.exec(remove)?.[1];
    // /other.txt is the container's own: removing it needs no whiteout, and the image file is still seen.
    terminal.type(`podman exec ${name} rm /other.txt; exit`);
    screen = flat(await terminal.waitFor(/\[r\]etry \(the same shell/, 60_000, 2));
    expect(screen).toContain(
      "• You deleted /other.txt, which only UpperDir held (the container made it): the kernel simply removed it, with no whiteout.",
    );
    expect(screen).toContain(`• The container still sees ${file}.`);
    expect(screen).toContain(`Next: run in the container: podman exec ${name} rm ${file}`);
    terminal.type("r");
    await terminal.waitFor(/practice:exec-rm\$ /, 10_000, 2);
    terminal.type(`podman exec ${name} rm ${file}; exit`);
    expect(await terminal.exitCode(120_000)).toBe(0);
    expect(terminal.screen()).toMatch(/7\/7 steps ok, (\d+)\/\1 checks held/);
    // This lesson's container is gone (other test files' lessons may be running theirs meanwhile).
    expect(ourContainers().map((container) => container.name)).not.toContain(name);
    expect(overlayMountsBeneath(parent)).toEqual([]);
    expect(readdirSync(parent)).toEqual([]);
  });
});
