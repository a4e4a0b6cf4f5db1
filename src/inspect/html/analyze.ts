// The HTML report's reading of a stack: one walk that feeds two visitors, the analysis (every
// --json figure) and the tree builder (the treemap), so that each path is listed and lstat'ed once.
//
// On every core, as `--json` walks: the tree builder rides the walk as its companion
// (src/layers/companion.ts), in each read-ahead worker for its subtrees (dist/tree-companion.js),
// and the main thread merges their fragments (TreeBuilder.merge) where its walk deferred them.
// The cost against `--json` is in README's benchmarks.
import type { AnalysisTotals } from "../../layers/analysis.js";
import type { CompanionSpec } from "../../layers/companion.js";
import { analyzeStack, type StackReading } from "../../layers/read-ahead.js";
import { TreeBuilder, type TreeFragment } from "./tree.js";
import { type TreeCompanionOptions, treeCompanionUrl } from "./tree-companion.js";
import type { TreeData } from "./tree-data.js";

export interface TreeReading {
  /** The figures, as analyzeStack gives them. */
  analyze: (reading: StackReading) => Promise<AnalysisTotals>;
  /** The tree of the stack the last `analyze` walked. */
  tree(): TreeData;
}

/** An analyze function for readMount / readImage that also builds the treemap's tree, in the workers too. */
export function treeReading(maxFiles?: number): TreeReading {
  let tree: TreeData | undefined;
  return {
    async analyze(reading) {
      const { dirs, hasUpper } = reading;
      const options: TreeCompanionOptions = { layers: dirs.length, hasUpper, ...(maxFiles === undefined ? {} : { maxFiles }) };
      const builder = new TreeBuilder(options);
      const companion: CompanionSpec = {
        url: treeCompanionUrl(import.meta.url),
        options,
        local: builder,
        merge: (taken) => builder.merge(taken as TreeFragment),
      };
      const totals = await analyzeStack({ ...reading, companion });
      tree = builder.result();
      return totals;
    },
    tree() {
      if (tree === undefined) throw new Error("treeReading: no stack was walked");
      return tree;
    },
  };
}
