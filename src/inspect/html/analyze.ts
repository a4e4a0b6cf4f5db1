// The HTML report's reading of a stack: one walk that feeds two visitors, the analysis (every
// --json figure) and the tree builder (the treemap), so that each path is listed and lstat'ed once.
//
// It walks on this thread. The read-ahead workers (src/layers/read-ahead.ts) walk subtrees with the
// analysis alone, and cannot yet take a second visitor; the tree builder is made to be merged from
// their subtrees (TreeBuilder.fragment/merge) once they can. The cost against `--json` is in
// README's benchmarks.
import { type AnalysisTotals, StackAnalysis } from "../../layers/analysis.js";
import type { StackReading } from "../../layers/read-ahead.js";
import { diskWalkOptions } from "../../layers/stack.js";
import { type StackVisitor, StackWalk } from "../../layers/walk.js";
import { TreeBuilder } from "./tree.js";
import type { TreeData } from "./tree-data.js";

/** Paths walked between two looks at the output's backpressure. */
const PATHS_BETWEEN_PAUSES = 1024;

/** Both visitors, path by path (the fast path too: both offer it). */
function tee(first: StackAnalysis, second: TreeBuilder): StackVisitor {
  return {
    path(found) {
      first.path(found);
      second.path(found);
    },
    single(parent, name, layer, listing, slot) {
      first.single(parent, name, layer, listing, slot);
      second.single(parent, name, layer, listing, slot);
    },
  };
}

export interface TreeReading {
  /** The figures, as analyzeStack gives them. */
  analyze: (reading: StackReading) => Promise<AnalysisTotals>;
  /** The tree of the stack the last `analyze` walked. */
  tree(): TreeData;
}

/** An analyze function for readMount / readImage that also builds the treemap's tree. */
export function treeReading(maxFiles?: number): TreeReading {
  let tree: TreeData | undefined;
  return {
    async analyze(reading) {
      const { dirs, hasUpper } = reading;
      const analysis = new StackAnalysis({
        hasUpper,
        lowerCount: dirs.length - (hasUpper ? 1 : 0),
        top: reading.top,
        ...(reading.onChange ? { onChange: reading.onChange } : {}),
      });
      const builder = new TreeBuilder({ layers: dirs.length, hasUpper, ...(maxFiles === undefined ? {} : { maxFiles }) });
      const onUnreadable = (layer: number, relative: string, code: string): void => {
        const root = dirs[layer] ?? "";
        reading.onUnreadable(relative === "" ? root : `${root}/${relative}`, code);
      };
      const walk = new StackWalk(
        diskWalkOptions({ dirs, namespace: reading.namespace, hasUpper }, { onUnreadable }),
        tee(analysis, builder),
      );
      while (walk.step(PATHS_BETWEEN_PAUSES)) {
        const waiting = reading.backpressure?.();
        if (waiting !== undefined) await waiting;
      }
      tree = builder.result();
      return analysis.result();
    },
    tree() {
      if (tree === undefined) throw new Error("treeReading: no stack was walked");
      return tree;
    },
  };
}
