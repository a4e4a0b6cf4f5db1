// inspect --image's CI gate and flags, without a runtime: the rules' sizes and percentages, the
// flags' refusals (exit 2 before any runtime is asked), the command line as commander parses it,
// and the JSON object's exact shape.
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { type Actions, buildProgram } from "../../src/cli.js";
import { en as cliEn } from "../../src/i18n/en.js";
import { ciFailure, renderImage } from "../../src/inspect/image/human.js";
import { imageJson } from "../../src/inspect/image/json.js";
import { imageOptions } from "../../src/inspect/image/options.js";
import type { ImageReport } from "../../src/inspect/image/report.js";
import { checkThresholds, parseBudget, parsePercent } from "../../src/inspect/image/thresholds.js";
import { en } from "../../src/inspect/words/en.js";
import { ja } from "../../src/inspect/words/ja.js";
import { zh } from "../../src/inspect/words/zh.js";
import type { HistoryEntry } from "../../src/runtime/index.js";
import { ExitError } from "../../src/sys/errors.js";

const step = (createdBy: string, emptyLayer: boolean | undefined, size = 0): HistoryEntry => ({
  id: undefined,
  createdBy,
  size,
  emptyLayer,
});

describe("the CI gate's rules", () => {
  it.each<[string, number | undefined]>([
    ["1MiB", 1024 ** 2],
    ["1GiB", 1024 ** 3],
    ["0", 0],
    ["512k", 512 * 1024],
    ["100kB", 100_000],
    ["10", 10],
    ["64G", 64 * 1024 ** 3],
    ["65G", undefined],
    ["-1", undefined],
    ["ten", undefined],
    ["", undefined],
    ["1 parsec", undefined],
  ])("--max-hidden %j → %j", (text, bytes) => {
    expect(parseBudget(text)).toBe(bytes);
  });

  it.each<[string, number | undefined]>([
    ["5", 5],
    ["2.5", 2.5],
    ["10%", 10],
    ["0", 0],
    ["100", 100],
    ["101", undefined],
    ["-3", undefined],
    ["x", undefined],
  ])("--max-hidden-percent %j → %j", (text, percent) => {
    expect(parsePercent(text)).toBe(percent);
  });

  it("crosses a rule only above its limit", () => {
    expect(checkThresholds({ maxHidden: 100, maxHiddenPercent: 10 }, { hiddenBytes: 100, bytes: 1000 })).toEqual([
      { rule: "max-hidden", limit: 100, value: 100, crossed: false },
      { rule: "max-hidden-percent", limit: 10, value: 10, crossed: false },
    ]);
    expect(checkThresholds({ maxHidden: 99 }, { hiddenBytes: 100, bytes: 1000 })[0]?.crossed).toBe(true);
    expect(checkThresholds({ maxHiddenPercent: 0 }, { hiddenBytes: 0, bytes: 0 })[0]).toMatchObject({ value: 0, crossed: false });
  });
});

describe("inspect --image's flags", () => {
  const options = (target: string | undefined, flags: Record<string, unknown>) => imageOptions(target, flags, cliEn, en);
  const refusal = (target: string | undefined, flags: Record<string, unknown>): string => {
    try {
      options(target, flags);
    } catch (error) {
      if (error instanceof ExitError && error.exitCode === 2) return error.message;
      throw error;
    }
    throw new Error(`accepted ${JSON.stringify(flags)}`);
  };

  it("accepts an image with or without a gate", () => {
    expect(options(undefined, {})).toBeUndefined();
    expect(options(undefined, { image: "app" })).toEqual({ image: "app", runtime: undefined, thresholds: undefined });
    expect(options(undefined, { image: "app", runtime: "podman", ci: true, maxHidden: "1MiB", maxHiddenPercent: "5" })).toEqual({
      image: "app",
      runtime: "podman",
      thresholds: { maxHidden: 1024 ** 2, maxHiddenPercent: 5 },
    });
  });

  it.each<[string | undefined, Record<string, unknown>, string]>([
    ["web", { image: "app" }, "give a TARGET (web) or --image, not both"],
    [undefined, { ci: true }, "--ci works only with --image IMAGE"],
    [undefined, { runtime: "podman" }, "--runtime works only with --image IMAGE"],
    [
      undefined,
      { image: "app", runtime: "containerd" },
      "--runtime containerd: containerd does not say where an image's layers are on disk",
    ],
    [undefined, { image: "app", runtime: "crio" }, "--runtime crio: choose docker or podman"],
    [undefined, { image: "app", ci: true }, "--ci needs a rule"],
    [undefined, { image: "app", maxHidden: "1MiB" }, "--max-hidden is a CI rule: add --ci"],
    [undefined, { image: "app", ci: true, maxHidden: "lots" }, "invalid value for --max-hidden: 'lots' is not a size from 0 to 64 GiB"],
    [undefined, { image: "app", ci: true, maxHiddenPercent: "150" }, "invalid value for --max-hidden-percent: '150' is not a percentage"],
  ])("refuses %j %j with exit 2", (target, flags, message) => {
    expect(refusal(target, flags)).toContain(message);
  });

  it("are parsed by commander as the command receives them", async () => {
    let received: Record<string, unknown> = {};
    const none = async () => 0;
    const actions: Actions = {
      lesson: none,
      cleanup: none,
      doctor: none,
      list: none,
      inspect: async (_target, flags) => {
        received = { ...flags };
        return 0;
      },
    };
    const argv = [
      "inspect",
      "--image",
      "app",
      "--runtime",
      "podman",
      "--ci",
      "--max-hidden",
      "1MiB",
      "--max-hidden-percent",
      "5",
      "--json",
    ];
    await buildProgram(cliEn, "en", actions, () => undefined).parseAsync(["node", "overlay-lesson", ...argv]);
    expect(received).toEqual({
      image: "app",
      runtime: "podman",
      ci: true,
      maxHidden: "1MiB",
      maxHiddenPercent: "5",
      json: true,
      color: true,
    });
  });
});

const layer = {
  number: 1,
  bytes: 10,
  files: 1,
  apparentBytes: 10,
  diskBytes: 4096,
  visibleBytes: 4,
  hiddenBytes: 6,
  hides: { whiteout: 1, opaque: 2, "newer-copy": 3 },
};
const report: ImageReport = {
  image: { name: "app", id: "abc", runtime: "podman" },
  layers: [{ ...layer, dir: "/l/diff", step: step("/bin/sh -c make", false) }],
  bytes: 10,
  files: 1,
  visibleBytes: 4,
  imageHiddenBytes: 6,
  hiddenPercent: 60,
  hidden: [
    {
      path: "/x",
      hiddenAt: "/x",
      bytes: 6,
      files: 1,
      layer: 0,
      hiddenByLayer: 0,
      how: "whiteout",
      addedBy: "/bin/sh -c make",
      hiddenBy: null,
    },
  ],
  hiddenGroups: 1,
  emptySteps: [step("/bin/sh -c #(nop) CMD", true)],
  mismatch: undefined,
  notes: [],
  partial: false,
};

describe("inspect --image for a person", () => {
  const style = { words: en, lang: "en" as const, chalk: new Chalk({ level: 0 }), width: undefined };

  it("names the steps, the hiding, the fix (even with --top 0) and the gate", () => {
    const rules = checkThresholds({ maxHidden: 5 }, { hiddenBytes: 6, bytes: 10 });
    const text = renderImage(report, rules, style);
    expect(text).toContain(
      "#1  RUN make\n        10 B in 1 file: 4 B still seen, 6 B hidden by later layers; hides 6 B of earlier layers (whiteout 1 B, opaque dir 2 B, newer copy 3 B)",
    );
    expect(text).toContain("6 B /x, added by `RUN make` (layer #1), hidden by (a step the history does not name) (layer #1, whiteout)");
    expect(text).toContain("1 step made no layer (CMD)");
    expect(text).toContain("CI --max-hidden 5 B: crossed, the image hides 6 B");
    // --top 0: the list is cut to nothing, and says so.
    const cut = renderImage({ ...report, hidden: [] }, undefined, style);
    expect(cut).toContain("→ fix: delete files in the same RUN");
    expect(cut).toContain("largest hidden:\n    … 1 more (--top 1 lists them all)\n");
    expect(renderImage({ ...report, hidden: [], imageHiddenBytes: 0 }, undefined, style)).toContain("→ nothing hidden");
    expect(ciFailure(rules, en)).toBe("CI gate failed: --max-hidden 5 B crossed: the image hides 6 B");
    expect(ciFailure(checkThresholds({ maxHidden: 6 }, { hiddenBytes: 6, bytes: 10 }), en)).toBeUndefined();
  });

  it("speaks Chinese and Japanese", () => {
    expect(renderImage(report, undefined, { ...style, words: zh, lang: "zh" })).toContain("由 `RUN make`（#1 层）加入");
    expect(renderImage(report, undefined, { ...style, words: ja, lang: "ja" })).toContain("`RUN make`（レイヤー #1）が追加し");
  });
});

describe("inspect --image --json", () => {
  it("is one object: image, layers top first, totals, hidden items with both steps, the gate", () => {
    const json = imageJson(report, checkThresholds({ maxHiddenPercent: 50 }, { hiddenBytes: 6, bytes: 9 }));
    expect(Object.keys(json)).toEqual([
      "image",
      "layers",
      "bytes",
      "files",
      "visibleBytes",
      "imageHiddenBytes",
      "hiddenPercent",
      "hidden",
      "emptySteps",
      "ci",
      "notes",
    ]);
    expect(json.layers).toEqual([
      {
        dir: "/l/diff",
        number: 1,
        createdBy: "/bin/sh -c make",
        bytes: 10,
        files: 1,
        diskBytes: 4096,
        visibleBytes: 4,
        hiddenBytes: 6,
        hidesBytes: 6,
        hides: layer.hides,
      },
    ]);
    expect(Object.keys(json.hidden[0] ?? {})).toEqual([
      "path",
      "bytes",
      "files",
      "addedBy",
      "hiddenBy",
      "how",
      "hiddenAt",
      "layer",
      "hiddenByLayer",
      "layerNumber",
      "hiddenByLayerNumber",
    ]);
    expect(json.hidden[0]).toMatchObject({ layer: 0, layerNumber: 1, hiddenByLayer: 0, hiddenByLayerNumber: 1 });
    expect(json.emptySteps).toEqual(["/bin/sh -c #(nop) CMD"]);
    expect(json.ci).toEqual({ passed: false, rules: [{ rule: "max-hidden-percent", limit: 50, value: 66.67, crossed: true }] });
    expect(imageJson(report, undefined).ci).toBeNull();
  });
});
