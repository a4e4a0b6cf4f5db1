// Each layer read once: containers of one image counted on the image's shared count give inspect's
// JSON line byte for byte as a walk of each whole container does. On stacks made up by fast-check
// (seeded) and written to disk: an image of one to three layers, two containers of it, the first
// with a layer of its own above the image (as docker's -init), and the image's top counted apart
// from the first level down (so that every directory the containers leave alone is taken from the
// shared count: the workers' for the first level, counted when first asked below it). No root.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { expect, it } from "vitest";
import type { Change } from "../../src/layers/changes.js";
import { analyzeStack, type StackReading } from "../../src/layers/read-ahead.js";
import { analyzeOnImage, SharedImage, sharedImageLayers } from "../../src/layers/shared-image.js";
import { ROOT } from "../helpers/cli.js";
import { generatedStackReason, layerArbitrary, materialize } from "../helpers/generated-stack.js";
import { jsonLine } from "../helpers/json-line.js";
import { announceSkip } from "../helpers/needs.js";

const WORKER = pathToFileURL(join(ROOT, "dist/read-ahead-worker.js"));
const SEED = 20261202;
const TOP = 2;
const reason = generatedStackReason();
if (reason !== undefined) announceSkip("the shared image count", reason);

async function counted(dirs: readonly string[], image?: SharedImage, hasUpper = true): Promise<string> {
  const changes: Change[] = [];
  const reading: StackReading = {
    dirs,
    hasUpper,
    namespace: "user",
    top: TOP,
    onChange: (change) => changes.push(change),
    onUnreadable: (dir, code) => {
      throw new Error(`${dir}: ${code}`);
    },
    workers: "never",
    workerUrl: WORKER,
  };
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
          const shared = new SharedImage({ dirs: imageDirs, namespace: "user", top: TOP, workerUrl: WORKER, frontierMin: 1 });
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
