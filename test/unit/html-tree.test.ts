// The HTML report's tree (src/inspect/html/tree.ts) against the one analysis, on stacks described
// as data and on a few hundred made up by fast-check: every layer's bytes per fate are the
// analysis's figures (what inspect --json prints), folding loses no byte, at most `maxFiles` files
// are drawn and each is larger than every folded one, and a tree built from subtrees and merged
// (as the read-ahead workers will) is the tree of one walk.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TreeBuilder, type TreeFragment } from "../../src/inspect/html/tree.js";
import { FATE, type TreeData, type TreeNode } from "../../src/inspect/html/tree-data.js";
import { type AnalysisTotals, StackAnalysis } from "../../src/layers/analysis.js";
import type { CompanionSpec } from "../../src/layers/companion.js";
import { analyzeStack } from "../../src/layers/read-ahead.js";
import { type DirContext, StackWalk, type WalkOptions, walkStack } from "../../src/layers/walk.js";
import { ROOT } from "../helpers/cli.js";
import { generatedStackReason, materialize, stackArbitrary } from "../helpers/generated-stack.js";
import { announceSkip } from "../helpers/needs.js";
import { layerCount, type StackSpec, specLister } from "../helpers/stack-spec.js";

const options = (stack: StackSpec, hasUpper: boolean): WalkOptions => ({
  layers: layerCount(stack),
  hasUpper,
  lister: specLister(stack),
  opaque: (layer, path) => stack[path]?.[layer] === "o",
});

function both(stack: StackSpec, hasUpper: boolean, maxFiles?: number): { analysis: AnalysisTotals; tree: TreeData } {
  const layers = layerCount(stack);
  const analysis = new StackAnalysis({ hasUpper, lowerCount: layers - (hasUpper ? 1 : 0), top: 10 });
  const tree = new TreeBuilder({ layers, hasUpper, ...(maxFiles === undefined ? {} : { maxFiles }) });
  walkStack(options(stack, hasUpper), {
    path: (found) => {
      analysis.path(found);
      tree.path(found);
    },
    single: (...args) => {
      analysis.single(...args);
      tree.single(...args);
    },
  });
  return { analysis: analysis.result(), tree: tree.result() };
}

/** Bytes per fate of the encoded nodes (files and folds), and how many files they stand for. */
function leafSums(nodes: readonly TreeNode[], into = { bytes: [0, 0, 0, 0], files: 0, drawn: [] as number[] }) {
  for (const node of nodes) {
    if (Array.isArray(node[1])) leafSums(node[1], into);
    else {
      const [first, bytes, fate] = node as [string | number, number, number];
      into.bytes[fate] = (into.bytes[fate] ?? 0) + bytes;
      into.files += typeof first === "number" ? first : 1;
      if (typeof first === "string") into.drawn.push(bytes);
    }
  }
  return into;
}

/** The tree agrees with the analysis, figure for figure, and its nodes add up to its sums. */
function expectAgreement({ analysis, tree }: { analysis: AnalysisTotals; tree: TreeData }, hasUpper: boolean): void {
  const offset = hasUpper ? 1 : 0;
  analysis.layers.forEach((layer, index) => {
    const sums = tree.layers[index + offset]?.fateBytes ?? [];
    expect(sums.reduce((a, b) => a + b, 0)).toBe(layer.bytes);
    expect(sums[FATE.seen]).toBe(layer.visibleBytes);
    expect(sums[FATE.written]).toBe(0);
  });
  const total = (fate: number) => tree.layers.reduce((sum, layer) => sum + (layer.fateBytes[fate] ?? 0), 0);
  expect(total(FATE.imageHidden)).toBe(analysis.imageHiddenBytes);
  expect(total(FATE.containerHidden)).toBe(analysis.containerHiddenBytes);
  expect(total(FATE.written)).toBe(analysis.upper?.bytes ?? 0);
  let files = 0;
  for (const layer of tree.layers) {
    const leaves = leafSums(layer.children);
    expect(leaves.bytes).toEqual(layer.fateBytes);
    files += leaves.files;
  }
  expect(files).toBe(analysis.layers.reduce((sum, layer) => sum + layer.files, 0) + (analysis.upper?.files ?? 0));
  expect(tree.drawnFiles + tree.foldedFiles).toBe(files);
}

describe("the treemap's tree", () => {
  //                                      upper      top        bottom
  const container: StackSpec = {
    etc: ["d", "d", "d"],
    "etc/passwd": ["f:120", undefined, "f:100"],
    new: ["f:50", undefined, undefined],
    gone: ["w", undefined, "f:30"],
    cache: ["w", "d", "d"],
    "cache/a": [undefined, "f:7", "f:9"],
    "cache/b": [undefined, undefined, "f:11"],
    data: ["o", "d", undefined],
    "data/x": ["f:1", "f:40", undefined],
    "data/y": [undefined, "f:2", undefined],
    big: [undefined, "w", "f:1000"],
  };

  it("gives each file its fate, and each hidden file the layer, entry and way that hid it", () => {
    const result = both(container, true);
    expectAgreement(result, true);
    const [upper, top, bottom] = result.tree.layers;
    expect(upper?.number).toBeNull();
    expect([top?.number, bottom?.number]).toEqual([2, 1]);
    expect(bottom?.children).toEqual(
      expect.arrayContaining([
        ["big", 1000, FATE.imageHidden, 2, 0, ""], // the top's whiteout
        ["gone", 30, FATE.containerHidden, null, 0, ""],
        ["cache", expect.arrayContaining([["b", 11, FATE.containerHidden, null, 0, "/cache"]])],
        ["etc", [["passwd", 100, FATE.containerHidden, null, 2, ""]]],
      ]),
    );
    expect(upper?.children).toEqual(expect.arrayContaining([["new", 50, FATE.written]]));
    expect(top?.children).toEqual(
      expect.arrayContaining([
        [
          "data",
          [
            ["x", 40, FATE.containerHidden, null, 1, "/data"],
            ["y", 2, FATE.containerHidden, null, 1, "/data"],
          ],
        ],
      ]),
    );
  });

  it("draws only the largest files and folds the rest per directory, losing no byte", () => {
    const result = both(container, true, 3);
    expectAgreement(result, true);
    expect(result.tree.drawnFiles).toBeLessThanOrEqual(3);
    const drawn = result.tree.layers.flatMap((layer) => leafSums(layer.children).drawn);
    expect(Math.min(...drawn)).toBeGreaterThan(result.tree.foldedUnder);
    expect(drawn.sort((a, b) => b - a)).toEqual([1000, 120, 100]);
  });

  const reason = generatedStackReason();
  if (reason !== undefined) announceSkip("the treemap's tree on generated stacks", reason);
  it.skipIf(reason !== undefined)(
    "agrees with the analysis and merges from subtrees into the tree of one walk, on generated stacks",
    () => {
      fc.assert(
        fc.property(stackArbitrary(), fc.integer({ min: 1, max: 12 }), (generated, maxFiles) => {
          const made = materialize(generated);
          made.remove();
          const { spec } = made;
          const hasUpper = generated.hasUpper;
          if (layerCount(spec) === 0) return;
          expectAgreement(both(spec, hasUpper), hasUpper);
          expectAgreement(both(spec, hasUpper, maxFiles), hasUpper);
          expect(mergedFromSubtrees(spec, hasUpper, maxFiles)).toEqual(both(spec, hasUpper, maxFiles).tree);
        }),
        { seed: 20261201, numRuns: 150 },
      );
    },
  );
});

/** The tree with every top-level directory walked apart (as a worker would) and merged where the main walk deferred it. */
function mergedFromSubtrees(stack: StackSpec, hasUpper: boolean, maxFiles: number): TreeData {
  const layers = layerCount(stack);
  const main = new TreeBuilder({ layers, hasUpper, maxFiles });
  const deferred: DirContext[] = [];
  const walk = new StackWalk(
    { ...options(stack, hasUpper), defer: (dir) => !dir.relative.includes("/") },
    { path: (found) => main.path(found), single: (...args) => main.single(...args), deferred: (context) => deferred.push(context) },
  );
  for (let more = true; more; ) {
    more = walk.step();
    for (let context = deferred.shift(); context !== undefined; context = deferred.shift()) {
      const sub = new TreeBuilder({ layers, hasUpper, maxFiles, root: context.relative });
      walkStack(options(stack, hasUpper), sub, context);
      const fragment: TreeFragment = structuredClone(sub.fragment());
      main.merge(fragment);
    }
  }
  return main.result();
}

// The same on real read-ahead workers (dist/read-ahead-worker.js loading dist/tree-companion.js,
// built by `npm test`): the tree built across the workers and merged is the tree of a walk on this
// thread, and the figures are the same as without the tree.
describe("the tree built by the read-ahead workers", () => {
  const reason = generatedStackReason();
  if (reason !== undefined) announceSkip("the tree built by the read-ahead workers", reason);
  const worker = pathToFileURL(join(ROOT, "dist/read-ahead-worker.js"));
  const companionUrl = pathToFileURL(join(ROOT, "dist/tree-companion.js")).href;

  async function treeOf(dirs: readonly string[], hasUpper: boolean, workers: "never" | "always", maxFiles: number) {
    const options = { layers: dirs.length, hasUpper, maxFiles };
    const builder = new TreeBuilder(options);
    const companion: CompanionSpec = { url: companionUrl, options, local: builder, merge: (taken) => builder.merge(taken as TreeFragment) };
    const reading = { dirs, hasUpper, namespace: "user" as const, top: 3, onUnreadable: () => undefined, workers, workerUrl: worker };
    const totals = await analyzeStack({ ...reading, companion });
    const alone = await analyzeStack(reading);
    return { tree: builder.result(), totals, alone };
  }

  it.skipIf(reason !== undefined)("is the tree of one walk, on 60 made-up stacks", { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(stackArbitrary(), fc.integer({ min: 1, max: 6 }), async (generated, maxFiles) => {
        const { dirs, remove } = materialize(generated);
        try {
          const here = await treeOf(dirs, generated.hasUpper, "never", maxFiles);
          const there = await treeOf(dirs, generated.hasUpper, "always", maxFiles);
          expect(there.tree).toEqual(here.tree);
          expect(JSON.stringify(there.totals.layers)).toBe(JSON.stringify(there.alone.layers));
          expect(there.totals.imageHiddenBytes).toBe(here.totals.imageHiddenBytes);
        } finally {
          remove();
        }
      }),
      { seed: 20261203, numRuns: 60 },
    );
  });
});
