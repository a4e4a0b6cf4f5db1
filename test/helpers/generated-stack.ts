// Overlay stacks made up by fast-check and written to disk: a few layers of small trees whose
// names collide across layers (so that layers merge, hide and replace each other), with files of
// many sizes, directories, opaque directories, whiteouts and symlinks. Made without root: a
// whiteout (a character device 0:0) may be made by anyone since Linux 5.8, and the opaque mark is
// the `user.` one that rootless overlays use. Each stack is also returned as data (a StackSpec),
// which the program's walk reads through test/helpers/stack-spec.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { StackSpec } from "./stack-spec.js";
import { setXattr } from "./xattrs.js";

export type Node =
  | { kind: "file"; size: number }
  | { kind: "dir"; opaque: boolean; children: Record<string, Node> }
  | { kind: "whiteout" }
  | { kind: "symlink" };

// Few names, so that layers share them; one beyond ASCII and one with a space, for the sort and the paths.
const NAMES = ["a", "b", "c", "é", "d e"];

/** File sizes: any up to 4 KiB, or few (so that many files weigh the same and lists must break ties alike). */
export type Sizes = "any" | "few";

function leaf(sizes: Sizes): fc.Arbitrary<Node> {
  const size = sizes === "any" ? fc.integer({ min: 0, max: 4096 }) : fc.constantFrom(0, 1, 7);
  return fc.oneof(
    { weight: 4, arbitrary: size.map((bytes): Node => ({ kind: "file", size: bytes })) },
    { weight: 1, arbitrary: fc.constant<Node>({ kind: "whiteout" }) },
    { weight: 1, arbitrary: fc.constant<Node>({ kind: "symlink" }) },
  );
}

function tree(depth: number, sizes: Sizes): fc.Arbitrary<Node> {
  if (depth === 0) return leaf(sizes);
  const dir = fc
    .record({
      // About one directory in seven is marked opaque.
      opaque: fc.integer({ min: 0, max: 6 }).map((roll) => roll === 0),
      children: fc.dictionary(fc.constantFrom(...NAMES), tree(depth - 1, sizes), { maxKeys: 4 }),
    })
    .map(({ opaque, children }): Node => ({ kind: "dir", opaque, children }));
  return fc.oneof({ weight: 2, arbitrary: leaf(sizes) }, { weight: 3, arbitrary: dir });
}

export interface GeneratedStack {
  /** The first layer is a container's upper. */
  hasUpper: boolean;
  /** Top first: each layer's root directory's children. */
  layers: Array<Record<string, Node>>;
}

/** One layer: its root directory's children. */
export function layerArbitrary(sizes: Sizes = "any"): fc.Arbitrary<Record<string, Node>> {
  return fc.dictionary(fc.constantFrom(...NAMES), tree(3, sizes), { maxKeys: 5 });
}

/** A stack: 2 to 4 layers (top first), each a root directory's children; the first may be an upper. */
export function stackArbitrary(sizes: Sizes = "any"): fc.Arbitrary<GeneratedStack> {
  return fc.record({
    hasUpper: fc.boolean(),
    layers: fc.array(layerArbitrary(sizes), { minLength: 2, maxLength: 4 }),
  });
}

function specOf(layers: ReadonlyArray<Record<string, Node>>): StackSpec {
  const spec: StackSpec = {};
  const visit = (children: Record<string, Node>, prefix: string, layer: number): void => {
    for (const [name, node] of Object.entries(children)) {
      const path = `${prefix}${name}`;
      spec[path] ??= layers.map(() => undefined);
      const cells = spec[path] ?? [];
      if (node.kind === "file") cells[layer] = `f:${node.size}`;
      else if (node.kind === "whiteout") cells[layer] = "w";
      else if (node.kind === "symlink") cells[layer] = "l";
      else {
        cells[layer] = node.opaque ? "o" : "d";
        visit(node.children, `${path}/`, layer);
      }
    }
  };
  layers.forEach((children, layer) => {
    visit(children, "", layer);
  });
  return spec;
}

function write(dir: string, children: Record<string, Node>): void {
  for (const [name, node] of Object.entries(children)) {
    const path = join(dir, name);
    if (node.kind === "file") writeFileSync(path, Buffer.alloc(node.size, 0x61));
    else if (node.kind === "symlink") symlinkSync("../nowhere", path);
    else if (node.kind === "whiteout") {
      const made = spawnSync("mknod", [path, "c", "0", "0"], { encoding: "utf8" });
      if (made.status !== 0) throw new Error(`mknod ${path} c 0 0 failed: ${made.stderr}`);
    } else {
      mkdirSync(path);
      write(path, node.children);
      if (node.opaque) setXattr(path, "user.overlay.opaque", "y");
    }
  }
}

/** The stack on disk (one directory per layer, top first), its spec, and how to remove it. */
export function materialize(stack: GeneratedStack): { dirs: string[]; spec: StackSpec; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "ol-generated-"));
  const dirs = stack.layers.map((children, layer) => {
    const dir = join(root, `layer${layer}`);
    mkdirSync(dir);
    write(dir, children);
    return dir;
  });
  return { dirs, spec: specOf(stack.layers), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Why this machine cannot make such stacks (an old kernel refuses an unprivileged whiteout), or undefined. */
export function generatedStackReason(): string | undefined {
  const root = mkdtempSync(join(tmpdir(), "ol-generated-probe-"));
  try {
    const made = spawnSync("mknod", [join(root, "w"), "c", "0", "0"], { encoding: "utf8" });
    if (made.status !== 0) return `mknod c 0 0 is refused here (${made.stderr.trim()}): making a whiteout without root needs Linux 5.8`;
    mkdirSync(join(root, "d"));
    setXattr(join(root, "d"), "user.overlay.opaque", "y");
    return undefined;
  } catch (error) {
    return `user.* xattrs cannot be set in ${tmpdir()}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
