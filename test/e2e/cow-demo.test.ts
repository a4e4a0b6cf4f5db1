// cow-demo end to end with a small file: every step ok, metrics present and consistent.
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { overlayMountsBeneath, runCli, summaryOf, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

const MiB = 1024 * 1024;
const STEPS = ["big-file", "mount", "read", "small-copy-up", "big-copy-up", "append-again", "disk-space", "direct-vs-overlay"];

describeWith(["root"], "cow-demo on a real kernel", () => {
  const parent = useParent();

  it("runs all eight steps ok with consistent metrics (32 MiB: a copy-up well above spawn noise)", async () => {
    const result = await runCli(["cow-demo", "--json", "--dir", parent(), "--size", "32M", "--trials", "3", "--containers", "4"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = summaryOf(result) as unknown as {
      ok: boolean;
      steps: Array<{ id: string; ok: boolean }>;
      metrics: Record<string, number | string | number[]>;
    };
    expect(summary.ok).toBe(true);
    expect(summary.steps.map((step) => step.id)).toEqual(STEPS);
    const m = summary.metrics;
    for (const key of [
      "sizeBytes",
      "copyUpMs",
      "appendAfterCopyUpMs",
      "copyUpCostMs",
      "upperBytesAfterCopyUp",
      "backingFs",
      "directWriteMs",
      "overlayWriteMs",
      "directWriteRangeMs",
      "overlayWriteRangeMs",
      "trials",
      "containers",
      "projectedBytes",
    ]) {
      expect(m, key).toHaveProperty(key);
    }
    expect(m.sizeBytes).toBe(32 * MiB);
    expect(m.upperBytesAfterCopyUp as number).toBeGreaterThanOrEqual(32 * MiB);
    expect(m.copyUpMs as number).toBeGreaterThan(m.appendAfterCopyUpMs as number);
    expect(m.copyUpCostMs).toBeCloseTo((m.copyUpMs as number) - (m.appendAfterCopyUpMs as number), 2);
    expect(m.trials).toBe(3);
    expect(m.containers).toBe(4);
    expect(m.projectedBytes).toBe(32 * MiB + 4 * 32 * MiB);
    const [directMin, directMax] = m.directWriteRangeMs as number[];
    expect(directMin).toBeLessThanOrEqual(m.directWriteMs as number);
    expect(directMax).toBeGreaterThanOrEqual(m.directWriteMs as number);
    // Every timed write is a real dd in the command events, and the direct/overlay trials alternate.
    const writes = result.events
      .filter((event) => event.type === "command" && event.step === "direct-vs-overlay" && (event.argv as string[])[0] === "dd")
      .map((event) => (event.argv as string[])[2]);
    expect(writes).toEqual([
      "of=direct/new-1.bin",
      "of=merged/new-1.bin",
      "of=merged/new-2.bin",
      "of=direct/new-2.bin",
      "of=direct/new-3.bin",
      "of=merged/new-3.bin",
    ]);
  });

  it("SIGINT during the big dd leaves nothing behind", async () => {
    const result = await runCli(["cow-demo", "--json", "--dir", parent(), "--size", "512M", "--trials", "1"], {
      onEvent: (event, child) => {
        if (event.type === "step-start" && event.step === "big-file") setTimeout(() => child.kill("SIGINT"), 150);
      },
    });
    expect(result.code).toBe(130);
    expect(summaryOf(result)).toMatchObject({ interrupted: "SIGINT" });
  });
});

describeWith(["root"], "cow-demo refuses bad values with exit 2 and creates nothing", () => {
  const parent = useParent({ clean: false });

  it.each([
    [["--size", ""], /--size/],
    [["--size", "0"], /--size/],
    [["--size", "-5M"], /--size/],
    [["--size", "lots"], /--size/],
    [["--size", "64T"], /--size/],
    [["--trials", "0"], /--trials/],
    [["--trials", "51"], /--trials/],
    [["--trials", "x"], /--trials/],
    [["--containers", "0"], /--containers/],
    [["--containers", "1001"], /--containers/],
    [["--containers", "-3"], /--containers/],
  ])("%j", async (args, pattern) => {
    const result = await runCli(["cow-demo", "--yes", "--dir", parent(), ...args]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(readdirSync(parent())).toEqual([]);
    expect(overlayMountsBeneath(parent())).toEqual([]);
  });

  it("a size beyond the free space, with the figures", async () => {
    const result = await runCli(["cow-demo", "--yes", "--dir", "/dev/shm", "--size", "60G"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not enough space.*GiB/);
  });
});
