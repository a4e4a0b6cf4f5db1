// Overlay stacks described as data, for analysis tests that need no disk: each path maps to one
// spec per layer (top first), and walk() feeds them through the stack reader's own resolveCells
// in the order walkStack would.
import type { LayerEntry } from "../../src/layers/entry.js";
import { type LayerState, resolveCells, type StackPath } from "../../src/layers/walk.js";

/** "f:SIZE" a file, "d" a directory, "o" an opaque directory, "w" a whiteout, "l" a symlink; undefined: nothing. */
export type Spec = string | undefined;

export function entry(spec: Spec): LayerEntry | undefined {
  if (spec === undefined) return undefined;
  if (spec.startsWith("f:")) return { kind: "file", size: Number(spec.slice(2)), opaque: false };
  if (spec === "d" || spec === "o") return { kind: "dir", size: 0, opaque: spec === "o" };
  return { kind: spec === "l" ? "symlink" : "whiteout", size: 0, opaque: false };
}

/** Walk a stack given as path → one spec per layer (top first), the way walkStack would. */
export function walk(stack: Record<string, Spec[]>): StackPath[] {
  const paths = Object.keys(stack).sort();
  const layers = stack[paths[0] ?? ""]?.length ?? 0;
  const states = new Map<string, LayerState[]>([["", Array.from({ length: layers }, () => ({ shown: true }))]]);
  return paths.map((path) => {
    const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    const parentStates = states.get(parent) ?? [];
    const entries = (stack[path] ?? []).map((spec, layer) => (parentStates[layer] === undefined ? undefined : entry(spec)));
    const found = resolveCells(path, entries, parentStates);
    states.set(
      path,
      found.cells.map((cell) =>
        cell?.entry.kind !== "dir"
          ? undefined
          : cell.state === "hidden" && cell.hiddenBy
            ? { shown: false, hiddenBy: cell.hiddenBy }
            : { shown: true },
      ),
    );
    return found;
  });
}
