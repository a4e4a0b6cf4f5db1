import fc from "fast-check";
import { expect, it } from "vitest";
import { StackAnalysis } from "../../src/layers/analysis.js";
import type { Change } from "../../src/layers/changes.js";
import { isOpaque } from "../../src/layers/entry.js";
import { diskLister } from "../../src/layers/listing.js";
import { readLayerMap } from "../../src/layers/map.js";
import { analyzeStack } from "../../src/layers/read-ahead.js";
import { walkStack } from "../../src/layers/walk.js";
import { type GeneratedStack, generatedStackReason, materialize, stackArbitrary } from "../helpers/generated-stack.js";
import { jsonLine, keptReading } from "../helpers/json-line.js";
import { announceSkip } from "../helpers/needs.js";
import { layerCount, specLister } from "../helpers/stack-spec.js";

const SEED = 20261201;
const reason = generatedStackReason();
if (reason !== undefined) announceSkip("the walk, three ways", reason);

/** So few kept that ties at the cut are common with `few` sizes. */
const TOP = 2;

/** This thread, and the general case for every path (no `single`). */
function generalCase(dirs: readonly string[], hasUpper: boolean): string {
  const changes: Change[] = [];
  const analysis = new StackAnalysis({
    hasUpper,
    lowerCount: dirs.length - (hasUpper ? 1 : 0),
    top: TOP,
    onChange: (change) => changes.push(change),
  });
  walkStack(
    {
      layers: dirs.length,
      hasUpper,
      lister: diskLister(dirs, "user"),
      opaque: (layer, path) => isOpaque(`${dirs[layer]}/${path}`, "user"),
    },
    { path: (found) => analysis.path(found) },
  );
  return jsonLine(dirs, hasUpper, analysis.result(), changes);
}

async function analyzed(dirs: readonly string[], hasUpper: boolean, workers: "never" | "always"): Promise<string> {
  const { reading, changes } = keptReading(dirs, hasUpper, workers);
  return jsonLine(dirs, hasUpper, await analyzeStack(reading), changes);
}

it.skipIf(reason !== undefined).for([
  ["any", 200],
  ["few", 100],
] as const)(
  "inspect --json is the same on this thread, without the fast path, and in the workers: %s file sizes, %i made-up stacks",
  { timeout: 300_000 },
  async ([sizes, runs]) => {
    await fc.assert(
      fc.asyncProperty(stackArbitrary(sizes), async (stack: GeneratedStack) => {
        const { dirs, remove } = materialize(stack);
        try {
          const plain = await analyzed(dirs, stack.hasUpper, "never");
          expect(generalCase(dirs, stack.hasUpper)).toBe(plain);
          expect(await analyzed(dirs, stack.hasUpper, "always")).toBe(plain);
        } finally {
          remove();
        }
      }),
      { seed: SEED, numRuns: runs },
    );
  },
);

it.skipIf(reason !== undefined)("the layer map read from disk is the one read from the same stack as data", () => {
  fc.assert(
    fc.property(stackArbitrary(), (stack: GeneratedStack) => {
      if (stack.layers.length < 2) return;
      const { dirs, spec, remove } = materialize(stack);
      try {
        const [upper = "", ...lower] = dirs;
        const fromDisk = readLayerMap({ upper, lower, namespace: "user" });
        const layers = layerCount(spec);
        const paths: string[] = [];
        walkStack(
          { layers, hasUpper: true, lister: specLister(spec), opaque: (layer, path) => spec[path]?.[layer] === "o", limit: 200 },
          { path: (found) => paths.push(found.path) },
        );
        expect(fromDisk.map((row) => row.path)).toEqual(paths);
        for (const row of fromDisk) {
          const cells = spec[row.path] ?? [];
          const kinds = [row.upper, ...row.lowers].map((cell) => cell.kind);
          const expected = cells.map((cell) =>
            cell === undefined ? "absent" : cell.startsWith("f:") ? "file" : cell === "w" ? "whiteout" : cell === "l" ? "symlink" : "dir",
          );
          expect(kinds, row.path).toEqual(expected);
        }
      } finally {
        remove();
      }
    }),
    { seed: SEED, numRuns: 200 },
  );
});
