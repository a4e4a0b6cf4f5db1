// cow-demo end to end with a small file: every step ok, metrics present and consistent.
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { formatBytes, formatCount } from "../../src/i18n/format.js";
import type { Lang } from "../../src/i18n/index.js";
import { en } from "../../src/lessons/cow-demo/en.js";
import { ja } from "../../src/lessons/cow-demo/ja.js";
import { zh } from "../../src/lessons/cow-demo/zh.js";
import { CLI, overlayMountsBeneath, runCli, summaryOf, useParent } from "../helpers/cli.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { squash, Terminal } from "../helpers/tmux.js";

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
      steps: Array<{ id: string; ok: boolean; checks: Array<{ id: string; expected: string; observed: string }> }>;
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
    // Exact figures in checks say what they count.
    const check = (id: string) => summary.steps.flatMap((step) => step.checks).find((item) => item.id === id);
    expect(check("big-file-size")).toMatchObject({ expected: `${formatCount(32 * MiB)} B`, observed: `${formatCount(32 * MiB)} B` });
    expect(check("whole-copy-apparent")).toMatchObject({ expected: `${formatCount(32 * MiB + 1)} B` });
    expect(check("size-now")).toMatchObject({ expected: `${formatCount(32 * MiB + 4)} B`, observed: `${formatCount(32 * MiB + 4)} B` });
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

  // A new user read "one more byte" over three appends, "the same write now takes 2.8 ms" (which
  // figure?), "upper grew by 0 B" beside "upper grew by bytes", a check about "four appended
  // bytes" that compared three, and du -sh's 51M beside the lesson's 50 MiB. On a real terminal,
  // in each language and width, every figure is read against the commands it came from
  // (whitespace dropped before comparing: a narrow terminal wraps anywhere).
  const WORDS = { en, zh, ja };
  const msOf = (shown: string): number => (shown.endsWith(" ms") ? Number.parseFloat(shown) : Number.parseFloat(shown) * 1000);
  it.for([
    ["en", 60],
    ["zh", 80],
    ["ja", 100],
    ["ja", 60],
    ["en", 80],
    ["zh", 100],
  ] as Array<[Lang, number]>)("in %s at %i columns, the figures agree with the commands shown", async ([lang, columns], context) => {
    skipUnless(context, "tmux");
    const w = WORDS[lang];
    const argv = [process.execPath, CLI, "cow-demo", "--yes", "--lang", lang, "--dir", parent(), "--size", "32M", "--trials", "1"];
    const terminal = new Terminal(argv, { NO_COLOR: "1" }, { columns, rows: 50 });
    let screen = "";
    try {
      expect(await terminal.exitCode(60_000)).toBe(0);
      screen = terminal.screen();
    } finally {
      terminal.close();
    }
    const flat = squash(screen);
    // The one-byte writes as shown, each with its time: the copy-up's, then step 6's three.
    // A long command wraps under itself, its timing kept on its last row.
    const writes = [...screen.matchAll(/\$ dd if=\/dev\/zero of=merged\/bigfile\.bin bs=1 count=1\s[\s\S]*?\((\d[\d.]* m?s)\)$/gm)].map(
      (match) => match[1] ?? "",
    );
    expect(writes).toHaveLength(4);
    const [copyUp = "", ...again] = writes;
    const sorted = [...again].sort((a, b) => msOf(a) - msOf(b));
    const [fastest = "", middle = "", slowest = ""] = sorted;
    expect(flat).toContain(squash(`${w.again.took} ${w.again.median(middle, 3, fastest, slowest)}`));
    expect(flat).toContain(squash(`${copyUp} − ${middle} =`));
    expect(flat).toContain(squash(w.takeaways.once(middle, 3)));
    // Step 4's disk use (whole blocks) beside the layer map's file size, split so that it adds up.
    const small = Buffer.byteLength(`${w.big.smallContent}\n${w.small.appended}\n`);
    const size = "([\\d.,]+(?:B|KiB))";
    const template = squash(w.small.blocks("\u0001", formatBytes(small), "\u0002", "\u0003")).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const blocks = new RegExp(template.replace("\u0001", size).replace("\u0002", size).replace("\u0003", size)).exec(flat);
    expect(blocks, `${w.small.upperNow}: ${formatBytes(small)}`).not.toBeNull();
    const bytesOf = (shown = ""): number => Number.parseFloat(shown.replace(",", "")) * (shown.endsWith("KiB") ? 1024 : 1);
    expect(bytesOf(blocks?.[1])).toBe(bytesOf(blocks?.[2]) + bytesOf(blocks?.[3]));
    // What grew, said apart: the file by the three bytes written, upper's disk use by blocks.
    expect(flat).toContain(squash(`${w.again.fileGrew} ${formatBytes(3)}`));
    expect(flat).toContain(squash(w.again.checkSize(3)));
    expect(flat).toContain(squash(w.again.checkNoSecondCopy(formatBytes(32 * MiB))));
    // Every figure du printed (steps 2 and 7) is in a fact beside it, exactly.
    const du = [...screen.matchAll(/^\s+(\d+)\s+(?:lower|upper)$/gm)].map((match) => Number(match[1]));
    expect(du).toHaveLength(4);
    for (const bytes of du) expect(flat).toContain(bytes < 1024 ? formatBytes(bytes) : `(${formatCount(bytes)}B)`);
    const [, , lower = 0, upper = 0] = du;
    expect(flat).toContain(squash(`${w.disk.total} ${formatBytes(lower + upper)} (${formatCount(lower + upper)} B)`));
  });

  it.each(["en", "zh", "ja"] as Lang[])("in %s, counts are grouped like every other figure (1,000 containers)", async (lang) => {
    const w = WORDS[lang];
    const args = ["cow-demo", "--yes", "--lang", lang, "--dir", parent(), "--size", "32M", "--trials", "1", "--containers", "1000"];
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(0);
    const flat = squash(result.stdout);
    expect(flat).toContain(
      squash(`${w.disk.projected(1000)} ${formatBytes(32 * MiB)} + 1,000 × ${formatBytes(32 * MiB)} = ${formatBytes(1001 * 32 * MiB)}`),
    );
    expect(flat).toContain("1,000");
    expect(flat).not.toMatch(/\b1000(?!\d)/);
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
