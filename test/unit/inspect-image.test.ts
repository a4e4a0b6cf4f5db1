// inspect --image, without a runtime: matching build steps to layers (podman's exact flags, docker's
// guesses), and instructions as a Containerfile reads them. The per-layer analysis: walk.test.ts;
// the CI gate, the flags and the JSON shape: inspect-image-gate.test.ts.
import { describe, expect, it } from "vitest";
import { instruction, looksLikeMetadata, matchSteps, shortInstruction } from "../../src/inspect/image/history.js";
import type { HistoryEntry } from "../../src/runtime/index.js";

const step = (createdBy: string, emptyLayer: boolean | undefined, size = 0): HistoryEntry => ({
  id: undefined,
  createdBy,
  size,
  emptyLayer,
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
