import fc from "fast-check";
import { expect, it } from "vitest";
import { analyzeStack } from "../../src/layers/read-ahead.js";
import { analyzeOnImage, SharedImage, sharedImageLayers } from "../../src/layers/shared-image.js";
import { generatedStackReason, layerArbitrary, materialize } from "../helpers/generated-stack.js";
import { BUILT_WORKER, jsonLine, keptReading } from "../helpers/json-line.js";
import { announceSkip } from "../helpers/needs.js";

const SEED = 20261202;
const TOP = 2;
const reason = generatedStackReason();
if (reason !== undefined) announceSkip("the shared image count", reason);

async function counted(dirs: readonly string[], image?: SharedImage, hasUpper = true): Promise<string> {
  const { reading, changes } = keptReading(dirs, hasUpper, "never");
  const analysis = image === undefined ? await analyzeStack(reading) : await analyzeOnImage(reading, image);
  return jsonLine(dirs, hasUpper, analysis, changes);
}

it("finds the image two stacks share, below a layer one of them has of its own", () => {
  expect(sharedImageLayers([["init1", "a", "b"], ["a", "b"], ["c"]])).toEqual([["a", "b"], ["a", "b"], undefined]);
  expect(
    sharedImageLayers([
      ["x", "a"],
      ["y", "a"],
    ]),
  ).toEqual([["a"], ["a"]]);
  // Shared in the middle only is no image: the rest of the stack must be shared too.
  expect(
    sharedImageLayers([
      ["a", "x"],
      ["a", "y"],
    ]),
  ).toEqual([undefined, undefined]);
});

it.skipIf(reason !== undefined)(
  "inspect --json of each container, and the image's own figures, are the same counted on the shared image as walked whole: 150 made-up images",
  { timeout: 300_000 },
  async () => {
    const arbitrary = fc.record({
      image: fc.array(layerArbitrary("few"), { minLength: 1, maxLength: 3 }),
      uppers: fc.array(layerArbitrary("few"), { minLength: 2, maxLength: 2 }),
      own: layerArbitrary("few"),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ image, uppers, own }) => {
        const { dirs, remove } = materialize({ hasUpper: true, layers: [...uppers, own, ...image] });
        try {
          const [first = "", second = "", ownDir = "", ...imageDirs] = dirs;
          const shared = new SharedImage({ dirs: imageDirs, namespace: "user", top: TOP, workerUrl: BUILT_WORKER, frontierMin: 1 });
          for (const container of [
            [first, ownDir, ...imageDirs],
            [second, ...imageDirs],
          ]) {
            expect(await counted(container, shared)).toBe(await counted(container));
          }
        } finally {
          remove();
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  },
);
