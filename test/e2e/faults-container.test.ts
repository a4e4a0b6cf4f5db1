// Fault injection, container-demo: the container is registered before `podman run` exists, so
// every way out removes it; a SIGKILLed lesson's container is found by its labels and removed by
// `cleanup`.

import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { expectNothingLeft, makeParent, removeParent, runCli, summaryOf } from "../helpers/cli.js";
import {
  buildLessonImage,
  lessonContainerName,
  ourContainers,
  overlayUppers,
  removeOrphanedLessonContainers,
  upperOf,
} from "../helpers/container-demo.js";
import { describeWith } from "../helpers/needs.js";
import { cleanupTestContainersAndImages, podmanEnv, usePodmanEnv } from "../helpers/podman.js";

// container-demo: the container is registered before `podman run` exists, so every way out removes
// it; a SIGKILLed lesson's container is found by its labels and removed by `cleanup`.

describeWith(["root", "podman"], "container-demo under fault injection", () => {
  const STEPS = ["start", "graph-driver", "image-layers", "exec-write", "exec-rm", "disk-usage", "remove"];
  let image = "";
  let dir = "";
  beforeAll(() => {
    usePodmanEnv();
    image = buildLessonImage();
  }, 180_000);
  afterAll(() => {
    removeOrphanedLessonContainers();
    cleanupTestContainersAndImages();
  });
  beforeEach(() => {
    dir = makeParent();
  });
  afterEach(() => {
    expectNothingLeft(dir);
    removeParent(dir);
  });

  /** Run the lesson; `at` sees each event with the container's name and UpperDir once they exist. */
  const lesson = (at: (event: Record<string, unknown> & { type: string }, child: ChildProcess) => void) => {
    const seen = { name: undefined as string | undefined, upper: undefined as string | undefined, pid: 0 };
    const run = runCli(["container-demo", "--runtime", "podman", "--image", image, "--json", "--dir", dir], {
      env: podmanEnv(),
      onEvent: (event, child) => {
        seen.pid = child.pid ?? 0;
        if (seen.name === undefined) seen.name = lessonContainerName([event]);
        if (seen.name !== undefined && seen.upper === undefined && event.type === "step-start") seen.upper = upperOf(seen.name);
        at(event, child);
      },
    });
    return { run, seen };
  };

  const expectNoContainerOf = (seen: { name: string | undefined; upper: string | undefined; pid: number }): void => {
    const left = ourContainers().filter(
      (container) => container.name === seen.name || container.labels["io.overlay-lesson.pid"] === String(seen.pid),
    );
    expect(left).toEqual([]);
    if (seen.upper !== undefined) expect(overlayUppers()).not.toContain(seen.upper);
  };

  it.each(STEPS)("SIGINT at step %s: exit 130, no container of ours and no mount left", async (step) => {
    const interrupt = () =>
      lesson((event, child) => {
        if (event.type === "step-start" && event.step === step) child.kill("SIGINT");
      });
    let attempt = interrupt();
    let result = await attempt.run;
    // A short last step can finish before the signal lands: such a run was never interrupted.
    for (let retry = 1; retry < 4 && result.code === 0 && summaryOf(result).interrupted === undefined; retry++) {
      expectNoContainerOf(attempt.seen);
      attempt = interrupt();
      result = await attempt.run;
    }
    expect(result.code, result.stderr).toBe(130);
    expect(summaryOf(result)).toMatchObject({ interrupted: "SIGINT", ok: false, kept: false });
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expectNoContainerOf(attempt.seen);
  });

  it.each(["SIGTERM", "SIGHUP"] as const)("%s after the exec steps: the container is removed", async (signal) => {
    const attempt = lesson((event, child) => {
      if (event.type === "step-start" && event.step === "disk-usage") child.kill(signal);
    });
    const result = await attempt.run;
    expect(result.code, result.stderr).toBe(signal === "SIGTERM" ? 143 : 129);
    expect(attempt.seen.upper).toBeDefined();
    expectNoContainerOf(attempt.seen);
  });

  it("SIGKILL mid-lesson leaves the container; cleanup finds it by its labels and removes it, and only it", async () => {
    const attempt = lesson((event, child) => {
      if (event.type === "step-start" && event.step === "exec-rm") child.kill("SIGKILL");
    });
    const killed = await attempt.run;
    expect(killed.signal).toBe("SIGKILL");
    const name = attempt.seen.name ?? "";
    expect(ourContainers().map((container) => container.name)).toContain(name);
    expect(overlayUppers()).toContain(attempt.seen.upper);
    const others = ourContainers().filter((container) => container.name !== name);
    const cleanup = await runCli(["cleanup", "--dir", dir, "--json"], { env: podmanEnv() });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    // A cleanup run by a test beside us may have removed it first; then it is simply gone.
    const mine = cleanup.events.find((event) => event.type === "container" && event.name === name);
    if (mine !== undefined) expect(mine).toMatchObject({ runtime: "podman", action: "removed" });
    expect(cleanup.events.at(-1)).toMatchObject({ type: "summary", removed: 1, failed: 0, ok: true });
    expectNoContainerOf(attempt.seen);
    // A container of ours whose lesson still runs (another test beside us) is left alone.
    for (const other of others) {
      const live = cleanup.events.find((event) => event.type === "container" && event.name === other.name);
      if (live?.action === "left") expect(ourContainers().map((container) => container.name)).toContain(other.name);
    }
  });
});
