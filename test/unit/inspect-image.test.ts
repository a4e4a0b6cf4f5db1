// inspect --image, without a runtime: the per-layer analysis on stacks described as data and fed
// through the stack reader's own resolveCells (no disk), matching build steps to layers (podman's
// exact flags, docker's guesses), and instructions as a Containerfile reads them. The CI gate,
// the flags and the JSON shape: inspect-image-gate.test.ts.
import { describe, expect, it } from "vitest";
import { ImageAnalyzer } from "../../src/inspect/image/analyze.js";
import { instruction, looksLikeMetadata, matchSteps, shortInstruction } from "../../src/inspect/image/history.js";
import type { HistoryEntry } from "../../src/runtime/index.js";
import { type Spec, walk } from "../helpers/stack-spec.js";

function analyze(stack: Record<string, Spec[]>, top = 10) {
  const analyzer = new ImageAnalyzer(Object.values(stack)[0]?.length ?? 0, top);
  for (const found of walk(stack)) analyzer.add(found);
  return analyzer.result();
}

const step = (createdBy: string, emptyLayer: boolean | undefined, size = 0): HistoryEntry => ({
  id: undefined,
  createdBy,
  size,
  emptyLayer,
});

describe("an image's layers, path by path", () => {
  //            #4 COPY     #3 rm -rf   #2 rm       #1 RUN dd (a file, a cache dir)   #0 base
  const stack: Record<string, Spec[]> = {
    data: [undefined, "d", "d", "d", undefined],
    "data/cache": [undefined, "o", undefined, "d", undefined],
    "data/cache/a": [undefined, undefined, undefined, "f:300", undefined],
    "data/cache/b": [undefined, undefined, undefined, "f:200", undefined],
    "data/cache/fresh": [undefined, "f:6", undefined, undefined, undefined],
    "data/tmp": [undefined, undefined, "w", "f:1000", undefined],
    etc: ["d", undefined, undefined, undefined, "d"],
    "etc/release": ["f:4", undefined, undefined, undefined, "f:5"],
    "etc/keep": [undefined, undefined, undefined, undefined, "f:70"],
  };

  it("counts per layer what it holds, what is still seen, what later layers hide and what it hides, and how", () => {
    const result = analyze(stack);
    expect(result.layers).toEqual([
      { bytes: 4, files: 1, visibleBytes: 4, hiddenBytes: 0, hides: { whiteout: 0, opaque: 0, "newer-copy": 5 } },
      { bytes: 6, files: 1, visibleBytes: 6, hiddenBytes: 0, hides: { whiteout: 0, opaque: 500, "newer-copy": 0 } },
      { bytes: 0, files: 0, visibleBytes: 0, hiddenBytes: 0, hides: { whiteout: 1000, opaque: 0, "newer-copy": 0 } },
      { bytes: 1500, files: 3, visibleBytes: 0, hiddenBytes: 1500, hides: { whiteout: 0, opaque: 0, "newer-copy": 0 } },
      { bytes: 75, files: 2, visibleBytes: 70, hiddenBytes: 5, hides: { whiteout: 0, opaque: 0, "newer-copy": 0 } },
    ]);
    expect(result.bytes).toBe(1585);
    expect(result.files).toBe(7);
    expect(result.visibleBytes).toBe(80);
    expect(result.hiddenBytes).toBe(1505);
    expect(result.bytes).toBe(result.visibleBytes + result.hiddenBytes);
  });

  it("traces each hidden group to the layer holding it and the entry hiding it, a lone file by its own path", () => {
    expect(analyze(stack).hidden).toEqual([
      { path: "/data/tmp", hiddenAt: "/data/tmp", bytes: 1000, files: 1, layer: 3, hiddenByLayer: 2, how: "whiteout" },
      { path: "/data/cache", hiddenAt: "/data/cache", bytes: 500, files: 2, layer: 3, hiddenByLayer: 1, how: "opaque" },
      { path: "/etc/release", hiddenAt: "/etc/release", bytes: 5, files: 1, layer: 4, hiddenByLayer: 0, how: "newer-copy" },
    ]);
    expect(analyze(stack, 1).hidden.map((group) => group.path)).toEqual(["/data/tmp"]);
    // One file under an opaque directory is named by its own path, as a learner looks for it.
    const one = analyze({ d: ["o", "d"], "d/blob": [undefined, "f:8"] });
    expect(one.hidden).toEqual([{ path: "/d/blob", hiddenAt: "/d", bytes: 8, files: 1, layer: 1, hiddenByLayer: 0, how: "opaque" }]);
  });

  it("groups a deleted directory's files per layer, and a directory over a file as a newer copy", () => {
    const result = analyze({
      cache: ["w", "d", "d"],
      "cache/x": [undefined, "f:10", "f:1"],
      "cache/y": [undefined, "f:20", undefined],
      thing: ["d", undefined, "f:9"],
    });
    expect(result.hidden).toEqual([
      { path: "/cache", hiddenAt: "/cache", bytes: 30, files: 2, layer: 1, hiddenByLayer: 0, how: "whiteout" },
      { path: "/thing", hiddenAt: "/thing", bytes: 9, files: 1, layer: 2, hiddenByLayer: 0, how: "newer-copy" },
      { path: "/cache/x", hiddenAt: "/cache", bytes: 1, files: 1, layer: 2, hiddenByLayer: 0, how: "whiteout" },
    ]);
    expect(result.layers[0]?.hides).toEqual({ whiteout: 31, opaque: 0, "newer-copy": 9 });
  });
});

describe("build steps matched to layers", () => {
  const podman = [
    step("/bin/sh -c #(nop) ADD file:abc in /", false, 100),
    step("/bin/sh -c #(nop) ENV FOO=bar", true),
    step("/bin/sh -c dd if=/dev/zero of=/x", false, 50),
    step("/bin/sh -c rm /x", false, 2560),
    step('/bin/sh -c #(nop) CMD ["sh"]', true),
  ];

  it("uses podman's empty_layer flags: the layer-making steps, newest first, are the layers, top first", () => {
    const matched = matchSteps(3, podman);
    expect(matched.steps.map((entry) => entry?.createdBy)).toEqual([
      "/bin/sh -c rm /x",
      "/bin/sh -c dd if=/dev/zero of=/x",
      "/bin/sh -c #(nop) ADD file:abc in /",
    ]);
    expect(matched.emptySteps.map((entry) => entry.createdBy)).toEqual(["/bin/sh -c #(nop) ENV FOO=bar", '/bin/sh -c #(nop) CMD ["sh"]']);
    expect(matched.mismatch).toBeUndefined();
  });

  it("for docker's 0-byte steps, lets the layer count decide, then the metadata look", () => {
    const docker = [
      step("ADD file:abc in /", false, 100),
      step("ENV A=1", undefined),
      step("RUN /bin/sh -c mkdir /y # buildkit", undefined),
      step('CMD ["sh"]', undefined),
    ];
    // Two layers on disk: the 0-byte mkdir is not one.
    expect(matchSteps(2, docker).steps.map((entry) => entry?.createdBy)).toEqual([
      "RUN /bin/sh -c mkdir /y # buildkit",
      "ADD file:abc in /",
    ]);
    expect(matchSteps(2, docker).emptySteps.map((entry) => entry.createdBy)).toEqual(["ENV A=1", 'CMD ["sh"]']);
    // One layer: only the step with bytes is.
    expect(matchSteps(1, docker).steps.map((entry) => entry?.createdBy)).toEqual(["ADD file:abc in /"]);
    // Four: every unknown step made one.
    expect(matchSteps(4, docker).emptySteps).toEqual([]);
  });

  it("when nothing adds up, matches from the top and says how far apart they are", () => {
    const matched = matchSteps(5, podman);
    expect(matched.mismatch).toEqual({ layers: 5, steps: 3 });
    expect(matched.steps[0]?.createdBy).toBe("/bin/sh -c rm /x");
    expect(matched.steps.slice(3)).toEqual([undefined, undefined]);
  });

  it("reads instructions as a Containerfile does, whole and shortened", () => {
    expect(instruction("/bin/sh -c rm -rf /data/cache")).toBe("RUN rm -rf /data/cache");
    expect(instruction(`/bin/sh -c #(nop) COPY file:${"4497a09893".padEnd(64, "f")} in /etc/x `)).toBe("COPY file:4497a09893ff in /etc/x");
    expect(instruction("RUN /bin/sh -c apk add  curl # buildkit")).toBe("RUN apk add curl");
    expect(instruction("|2 A=1 B=2 /bin/sh -c make")).toBe("RUN make");
    expect(instruction('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(shortInstruction("/bin/sh -c echo 0123456789", 12)).toBe("RUN echo 01…");
    expect(shortInstruction("/bin/sh -c echo 0123456789", 12)).toHaveLength(12);
    expect(looksLikeMetadata("/bin/sh -c #(nop) LABEL a=b")).toBe(true);
    expect(looksLikeMetadata("WORKDIR /app")).toBe(true);
    expect(looksLikeMetadata("/bin/sh -c #(nop) COPY file:x in /")).toBe(false);
    expect(looksLikeMetadata("/bin/sh -c ENV=1 make")).toBe(false);
  });
});
