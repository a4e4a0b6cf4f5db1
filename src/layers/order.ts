// The walk's order, as a comparison of two paths, so that a list gathered in pieces (by workers,
// each its own subtrees) is ordered as one walk would have ordered it. Paths are compared name by
// name (each directory's names sorted by UTF-16 code units, as the walk sorts them), not as whole
// strings: "a-c" sorts before "a/b" as text, but the walk reaches a/b (in directory a) first.

function compareNames(a: readonly string[], b: readonly string[]): number | undefined {
  for (let at = 0; at < Math.min(a.length, b.length); at++) {
    const [x = "", y = ""] = [a[at], b[at]];
    if (x !== y) return x < y ? -1 : 1;
  }
  return undefined;
}

const names = (path: string): string[] => path.split("/").filter((name) => name !== "");

/** Negative when the walk reaches `a` first (a parent before its children). */
export function compareWalkOrder(a: string, b: string): number {
  const [x, y] = [names(a), names(b)];
  return compareNames(x, y) ?? x.length - y.length;
}

/** Negative when the walk is done with `a` first: a directory's subtree before the directory itself. */
export function comparePostOrder(a: string, b: string): number {
  const [x, y] = [names(a), names(b)];
  return compareNames(x, y) ?? y.length - x.length;
}
