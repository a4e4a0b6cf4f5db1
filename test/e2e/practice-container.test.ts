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
    expect(ourContainers()).toEqual([]);
    expect(overlayMountsBeneath(parent)).toEqual([]);
    expect(readdirSync(parent)).toEqual([]);
  });
});
