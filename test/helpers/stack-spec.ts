// Overlay stacks described as data, for tests that need no disk and no root: each path maps to
// one spec per layer (top first), and a lister serves them to the program's own walk and analysis
// (src/layers/walk.ts, analysis.ts) as merged listings, the way listing.ts reads them from disk.
import { type AnalysisTotals, StackAnalysis } from "../../src/layers/analysis.js";
import type { Change } from "../../src/layers/changes.js";
import { KIND, type KindCode } from "../../src/layers/entry.js";
import type { Lister, MergedListing } from "../../src/layers/listing.js";
import { type StackPath, walkStack } from "../../src/layers/walk.js";

/** "f:SIZE" a file, "d" a directory, "o" an opaque directory, "w" a whiteout, "l" a symlink; undefined: nothing. */
export type Spec = string | undefined;
export type StackSpec = Record<string, Spec[]>;

function code(spec: Spec): KindCode {
  if (spec === undefined) return KIND.absent;
  if (spec.startsWith("f:")) return KIND.file;
  if (spec === "d" || spec === "o") return KIND.dir;
  return spec === "l" ? KIND.symlink : KIND.whiteout;
}

export function layerCount(stack: StackSpec): number {
  return Object.values(stack)[0]?.length ?? 0;
}

/** The stack's directories, listed as listing.ts would list them from disk. */
export function specLister(stack: StackSpec): Lister {
  const layers = layerCount(stack);
  return {
    list(relative, present): MergedListing {
      const prefix = relative === "" ? "" : `${relative}/`;
      const names = Object.keys(stack)
        .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/") && path !== relative)
        .filter((path) => (stack[path] ?? []).some((spec, layer) => present[layer] === true && spec !== undefined))
        .map((path) => path.slice(prefix.length))
        .sort();
      const kinds = new Uint8Array(names.length * layers).fill(KIND.absent);
      const sizes = new Float64Array(names.length * layers);
      names.forEach((name, at) => {
        (stack[`${prefix}${name}`] ?? []).forEach((spec, layer) => {
          if (present[layer] !== true) return;
          kinds[at * layers + layer] = code(spec);
          if (spec?.startsWith("f:")) sizes[at * layers + layer] = Number(spec.slice(2));
        });
      });
      // Data stacks hold no sparse file, metacopy or hard link: on disk, a file takes its size.
      return { relative, names, kinds, sizes, disk: sizes.slice(), flags: null, inodes: null, errors: null };
    },
  };
}

const opaqueIn = (stack: StackSpec) => (layer: number, path: string) => stack[path]?.[layer] === "o";

/** Every path of the stack, resolved by the program's own walk, in its order. */
export function walk(stack: StackSpec, hasUpper = false): StackPath[] {
  const found: StackPath[] = [];
  walkStack(
    { layers: layerCount(stack), hasUpper, lister: specLister(stack), opaque: opaqueIn(stack) },
    { path: (path) => found.push(path) },
  );
  return found;
}

/** The program's analysis of the stack, with the changes it handed on, in order. */
export function analyzeSpec(stack: StackSpec, hasUpper = true, top = 10, fast = true): AnalysisTotals & { changed: Change[] } {
  const layers = layerCount(stack);
  const changed: Change[] = [];
  const analysis = new StackAnalysis({
    hasUpper,
    lowerCount: layers - (hasUpper ? 1 : 0),
    top,
    onChange: (change) => changed.push(change),
  });
  // `fast: false` sends every path through the general case (no `single`), to hold one to the other.
  const visitor = fast ? analysis : { path: (path: StackPath) => analysis.path(path) };
  walkStack({ layers, hasUpper, lister: specLister(stack), opaque: opaqueIn(stack) }, visitor);
  return { ...analysis.result(), changed };
}
