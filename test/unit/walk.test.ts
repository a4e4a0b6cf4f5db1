// The stack walk and its analysis on stacks described as data (no disk, no root): what each path
// resolves to, the changes of a container as docker diff names them, every hidden byte's view
// (the image's own, or the container's), layer, cause and hiding entry, and the walk's fast path
// for single-layer paths held to the general one.
import { describe, expect, it } from "vitest";
import { analyzeSpec, type StackSpec, walk } from "../helpers/stack-spec.js";

const group = (fields: Record<string, unknown>) => expect.objectContaining(fields);

describe("the stack walk", () => {
  it("yields every path in sorted order, parents before children, with each layer's cell", () => {
    const found = walk({
      b: ["f:1", undefined],
      a: ["d", "d"],
      "a/x": [undefined, "f:2"],
      "a/w": ["w", "f:3"],
    });
    expect(found.map((path) => path.path)).toEqual(["a", "a/w", "a/x", "b"]);
    const whiteout = found.find((path) => path.path === "a/w");
    expect(whiteout?.cells.map((cell) => cell?.state)).toEqual(["whiteout", "hidden"]);
    expect(whiteout?.cells[1]?.hiddenBy).toEqual({ layer: 0, how: "whiteout", path: "a/w" });
    expect(whiteout?.shownFrom).toBeUndefined();
    expect(found.find((path) => path.path === "a/x")?.shownFrom).toBe(1);
  });

  it("walks beneath a hidden directory, every entry hidden by what hid the directory", () => {
    const found = walk({ d: ["o", "d"], "d/f": [undefined, "f:5"], "d/g": [undefined, "d"], "d/g/h": [undefined, "f:6"] });
    for (const path of ["d/f", "d/g", "d/g/h"]) {
      expect(found.find((item) => item.path === path)?.cells[1]?.hiddenBy, path).toEqual({ layer: 0, how: "opaque", path: "d" });
    }
  });

  it("keeps the image's own view where the upper hides something, and only there", () => {
    const found = walk({ big: ["f:5", "w", "f:1000"], keep: [undefined, "f:1", undefined] }, true);
    const big = found.find((path) => path.path === "big");
    expect(big?.image?.map((cell) => cell?.state)).toEqual(["whiteout", "hidden"]);
    expect(big?.image?.[1]?.hiddenBy).toEqual({ layer: 0, how: "whiteout", path: "big" });
    expect(found.find((path) => path.path === "keep")?.image).toBeUndefined();
  });
});

describe("the analysis of a container's stack", () => {
  //                                      upper      top        bottom
  const container: StackSpec = {
    etc: ["d", "d", "d"],
    "etc/passwd": ["f:120", undefined, "f:100"], // copy-up
    new: ["f:50", undefined, undefined], // added
    gone: ["w", undefined, "f:30"], // deleted
    cache: ["w", "d", "d"], // a deleted directory hides its whole subtree
    "cache/a": [undefined, "f:7", "f:9"],
    "cache/b": [undefined, undefined, "f:11"],
    data: ["o", "d", undefined], // opaque
    "data/x": ["f:1", "f:40", undefined],
    "data/y": [undefined, "f:2", undefined],
  };

  it("names each change as docker diff would, with the image bytes it hides", () => {
    const result = analyzeSpec(container);
    expect(result.changed).toEqual([
      { path: "/cache", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 7 + 11 },
      { path: "/data", kind: "opaque", bytes: 0, diskBytes: 0, hiddenBytes: 42 },
      // In the image, under the directory the container made opaque: docker diff says C too.
      { path: "/data/x", kind: "changed", bytes: 1, diskBytes: 1, hiddenBytes: 0 },
      { path: "/etc", kind: "changed", bytes: 0, diskBytes: 0, hiddenBytes: 0 },
      { path: "/etc/passwd", kind: "changed", bytes: 120, diskBytes: 120, hiddenBytes: 100 },
      { path: "/gone", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 30 },
      { path: "/new", kind: "added", bytes: 50, diskBytes: 50, hiddenBytes: 0 },
    ]);
    // cache/a in the bottom layer was already hidden by the top layer's newer copy: the image's waste.
    expect(result.imageHiddenBytes).toBe(9);
    expect(result.containerHiddenBytes).toBe(18 + 42 + 100 + 30);
    expect(result.layers.map(({ bytes, files }) => ({ bytes, files }))).toEqual([
      { bytes: 49, files: 3 },
      { bytes: 150, files: 4 },
    ]);
    expect(result.upper).toEqual({ bytes: 171, files: 3, apparentBytes: 171, diskBytes: 171 });
    expect(result.changes.copyUps).toBe(1);
    expect(result.changes.count).toBe(7);
    expect(result.visibleBytes).toBe(171);
  });

  it("keeps what the image hid as the image's, even where the container hides it again", () => {
    const result = analyzeSpec({
      big: ["f:5", "w", "f:1000"], // RUN rm /big, then the container writes a new /big
      lib: ["d", "f:3", "d"], // the top image layer replaced a directory by a file; the container made it a directory again
      "lib/so": [undefined, undefined, "f:200"],
    });
    expect(result.imageHiddenBytes).toBe(1200);
    expect(result.containerHiddenBytes).toBe(3);
    expect(result.changed.map(({ path, kind }) => [path, kind])).toEqual([
      ["/big", "added"],
      ["/lib", "changed"],
    ]);
    expect(result.hidden).toEqual([
      group({ path: "/big", bytes: 1000, files: 1, layer: 1, cause: "whiteout", scope: "image", hiddenByLayer: 0 }),
      group({ path: "/lib", bytes: 200, files: 1, layer: 1, cause: "newer-copy", scope: "image", hiddenByLayer: 0 }),
      group({ path: "/lib", bytes: 3, files: 1, layer: 0, cause: "newer-copy", scope: "container", hiddenByLayer: null }),
    ]);
    expect(result.largestImageHidden).toEqual(group({ path: "/big", bytes: 1000 }));
    expect(result.hiddenGroups).toBe(3);
  });

  it("without an upper, every hidden byte is the image's, and --top keeps the largest but counts them all", () => {
    const result = analyzeSpec({ a: ["w", "f:10"], b: ["f:1", "f:20"], c: ["o", "d"], "c/d": [undefined, "f:30"] }, false, 2);
    expect(result.upper).toBeNull();
    expect(result.changed).toEqual([]);
    expect(result.imageHiddenBytes).toBe(60);
    expect(result.hidden.map((item) => [item.path, item.bytes, item.cause])).toEqual([
      ["/c", 30, "opaque"],
      ["/b", 20, "newer-copy"],
    ]);
    expect(result.hiddenGroups).toBe(3);
    // The largest of the image's own stays known however few the list keeps.
    expect(analyzeSpec({ a: ["w", "f:10"] }, false, 0).largestImageHidden).toEqual(group({ path: "/a", bytes: 10 }));
  });

  it("counts per image layer what it holds, what is still seen, what later layers hide and what it hides", () => {
    //            #4 COPY     #3 rm -rf   #2 rm       #1 RUN dd (a file, a cache dir)   #0 base
    const result = analyzeSpec(
      {
        data: [undefined, "d", "d", "d", undefined],
        "data/cache": [undefined, "o", undefined, "d", undefined],
        "data/cache/a": [undefined, undefined, undefined, "f:300", undefined],
        "data/cache/b": [undefined, undefined, undefined, "f:200", undefined],
        "data/cache/fresh": [undefined, "f:6", undefined, undefined, undefined],
        "data/tmp": [undefined, undefined, "w", "f:1000", undefined],
        etc: ["d", undefined, undefined, undefined, "d"],
        "etc/release": ["f:4", undefined, undefined, undefined, "f:5"],
        "etc/keep": [undefined, undefined, undefined, undefined, "f:70"],
      },
      false,
    );
    expect(result.layers).toEqual([
      {
        bytes: 4,
        apparentBytes: 4,
        diskBytes: 4,
        files: 1,
        visibleBytes: 4,
        hiddenBytes: 0,
        hides: { whiteout: 0, opaque: 0, "newer-copy": 5 },
      },
      {
        bytes: 6,
        apparentBytes: 6,
        diskBytes: 6,
        files: 1,
        visibleBytes: 6,
        hiddenBytes: 0,
        hides: { whiteout: 0, opaque: 500, "newer-copy": 0 },
      },
      {
        bytes: 0,
        apparentBytes: 0,
        diskBytes: 0,
        files: 0,
        visibleBytes: 0,
        hiddenBytes: 0,
        hides: { whiteout: 1000, opaque: 0, "newer-copy": 0 },
      },
      {
        bytes: 1500,
        apparentBytes: 1500,
        diskBytes: 1500,
        files: 3,
        visibleBytes: 0,
        hiddenBytes: 1500,
        hides: { whiteout: 0, opaque: 0, "newer-copy": 0 },
      },
      {
        bytes: 75,
        apparentBytes: 75,
        diskBytes: 75,
        files: 2,
        visibleBytes: 70,
        hiddenBytes: 5,
        hides: { whiteout: 0, opaque: 0, "newer-copy": 0 },
      },
    ]);
    expect(result.visibleBytes).toBe(80);
    expect(result.imageHiddenBytes).toBe(1505);
    expect(result.hidden).toEqual([
      group({ path: "/data/tmp", firstPath: "/data/tmp", bytes: 1000, files: 1, layer: 3, hiddenByLayer: 2, cause: "whiteout" }),
      group({ path: "/data/cache", firstPath: "/data/cache/a", bytes: 500, files: 2, layer: 3, hiddenByLayer: 1, cause: "opaque" }),
      group({ path: "/etc/release", firstPath: "/etc/release", bytes: 5, files: 1, layer: 4, hiddenByLayer: 0, cause: "newer-copy" }),
    ]);
  });

  it("keeps what the verdict and the cut lists need, whatever --top keeps", () => {
    const stack: StackSpec = {
      big: [undefined, "w", "f:3000"], // RUN rm /big: the image's waste, the largest
      etc: ["d", "d", "d"], // copied up to hold etc/conf: a 0-byte directory row
      "etc/conf": ["f:9", undefined, "f:400"], // a copy-up
      lib: [undefined, "o", "d"],
      "lib/a": [undefined, undefined, "f:100"], // under the top's opaque dir: the image's
      log: ["f:700", undefined, undefined], // added
      empty: ["f:0", undefined, undefined], // added, 0 B: nothing to list
      srv: ["d", undefined, undefined], // an added directory: nothing to list
    };
    for (const top of [0, 1, 10]) {
      const result = analyzeSpec(stack, true, top);
      expect(result.largestImageHidden).toEqual(
        group({ path: "/big", bytes: 3000, files: 1, layer: 1, cause: "whiteout", scope: "image", hiddenByLayer: 0 }),
      );
      expect(result.hidden).toHaveLength(Math.min(top, 3));
      expect(result.hiddenGroups).toBe(3); // /big, /lib (image) and /etc/conf (container)
      // /log and /etc/conf write or hide bytes; /etc, /srv and /empty say nothing of the disk.
      expect(result.changes.listable).toBe(2);
      expect(result.changes.largest.map((change) => change.path)).toEqual(["/log", "/etc/conf"].slice(0, top));
      expect(result.changed.map((change) => change.path)).toEqual(["/empty", "/etc", "/etc/conf", "/log", "/srv"]);
    }
    expect(analyzeSpec({ a: ["f:1", "f:2"] }, true, 0).largestImageHidden).toBeNull();
  });

  it("comes to the same totals through the fast path and through the general case", () => {
    const slow = analyzeSpec(container, true, 10, false);
    const fast = analyzeSpec(container, true, 10, true);
    expect(fast).toEqual(slow);
  });
});
