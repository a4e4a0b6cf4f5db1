// The analysis behind inspect, on stacks described as data and fed through the stack reader's
// own resolveCells (no disk): which change each upper entry is, and which view a hidden byte
// belongs to (the image's own, or the container's). Then the JSON line's exact shape.
import { describe, expect, it } from "vitest";
import { type Change, StackAnalyzer } from "../../src/inspect/analyze.js";
import { JsonMountWriter } from "../../src/inspect/json.js";
import type { MountReport } from "../../src/inspect/report.js";
import type { InspectTarget } from "../../src/inspect/targets.js";
import { en } from "../../src/inspect/words/en.js";
import { ja } from "../../src/inspect/words/ja.js";
import { zh } from "../../src/inspect/words/zh.js";
import { type Spec, walk } from "../helpers/stack-spec.js";

function analyze(stack: Record<string, Spec[]>, hasUpper = true, top = 10) {
  const layers = Object.values(stack)[0]?.length ?? 0;
  const changes: Change[] = [];
  const analyzer = new StackAnalyzer({
    hasUpper,
    lowerCount: layers - (hasUpper ? 1 : 0),
    top,
    onChange: (change) => changes.push(change),
  });
  for (const found of walk(stack)) analyzer.add(found);
  return { ...analyzer.result(), changes };
}

describe("inspect's analysis", () => {
  it("names each change as docker diff would, with the image bytes it hides", () => {
    //                          upper      top        bottom
    const result = analyze({
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
    });
    expect(result.changes).toEqual([
      { path: "/cache", kind: "deleted", bytes: 0, hiddenBytes: 7 + 11 },
      { path: "/data", kind: "opaque", bytes: 0, hiddenBytes: 42 },
      // In the image, under the directory the container made opaque: docker diff says C too.
      { path: "/data/x", kind: "changed", bytes: 1, hiddenBytes: 0 },
      { path: "/etc", kind: "changed", bytes: 0, hiddenBytes: 0 },
      { path: "/etc/passwd", kind: "changed", bytes: 120, hiddenBytes: 100 },
      { path: "/gone", kind: "deleted", bytes: 0, hiddenBytes: 30 },
      { path: "/new", kind: "added", bytes: 50, hiddenBytes: 0 },
    ]);
    // cache/a in the bottom layer was already hidden by the top layer's newer copy: the image's waste.
    expect(result.imageHiddenBytes).toBe(9);
    expect(result.containerHiddenBytes).toBe(18 + 42 + 100 + 30);
    expect(result.layers).toEqual([
      { bytes: 49, files: 3 },
      { bytes: 150, files: 4 },
    ]);
    expect(result.upper).toEqual({ bytes: 171, files: 3 });
    expect(result.copyUps).toBe(1);
  });

  it("keeps what the image hid as the image's, even where the container hides it again", () => {
    const result = analyze({
      big: ["f:5", "w", "f:1000"], // RUN rm /big, then the container writes a new /big
      lib: ["d", "f:3", "d"], // the top image layer replaced a directory by a file; the container made it a directory again
      "lib/so": [undefined, undefined, "f:200"],
    });
    expect(result.imageHiddenBytes).toBe(1200);
    expect(result.containerHiddenBytes).toBe(3);
    expect(result.changes.map(({ path, kind }) => [path, kind])).toEqual([
      ["/big", "added"],
      ["/lib", "changed"],
    ]);
    expect(result.hidden).toEqual([
      { path: "/big", bytes: 1000, files: 1, layer: 1, cause: "whiteout", scope: "image", hiddenByLayer: 0 },
      { path: "/lib", bytes: 200, files: 1, layer: 1, cause: "newer-copy", scope: "image", hiddenByLayer: 0 },
      { path: "/lib", bytes: 3, files: 1, layer: 0, cause: "newer-copy", scope: "container", hiddenByLayer: null },
    ]);
  });

  it("keeps the largest image group and how many groups and listable changes there are, whatever --top is", () => {
    //                 upper   top    bottom
    const stack: Record<string, Spec[]> = {
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
      const result = analyze(stack, true, top);
      expect(result.largestImageHidden).toEqual({
        path: "/big",
        bytes: 3000,
        files: 1,
        layer: 1,
        cause: "whiteout",
        scope: "image",
        hiddenByLayer: 0,
      });
      expect(result.hidden).toHaveLength(Math.min(top, 3));
      expect(result.hiddenGroups).toBe(3); // /big, /lib (image) and /etc/conf (container)
      // /log and /etc/conf write or hide bytes; /etc, /srv and /empty say nothing of the disk.
      expect(result.listableChanges).toBe(2);
      expect(result.largestChanges.map((change) => change.path)).toEqual(["/log", "/etc/conf"].slice(0, top));
      expect(result.changes.map((change) => change.path)).toEqual(["/empty", "/etc", "/etc/conf", "/log", "/srv"]);
    }
    expect(analyze({ a: ["f:1", "f:2"] }, true, 0).largestImageHidden).toBeNull();
  });

  it("without an upper, every hidden byte is the image's, and --top keeps the largest", () => {
    const result = analyze({ a: ["w", "f:10"], b: ["f:1", "f:20"], c: ["o", "d"], "c/d": [undefined, "f:30"] }, false, 2);
    expect(result.upper).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.imageHiddenBytes).toBe(60);
    expect(result.hidden.map((group) => [group.path, group.bytes, group.cause])).toEqual([
      ["/c", 30, "opaque"],
      ["/b", 20, "newer-copy"],
    ]);
  });
});

describe("inspect --json", () => {
  it("writes one line per mount with exactly the documented fields", () => {
    let text = "";
    const writer = new JsonMountWriter((chunk) => {
      text += chunk;
    });
    const target = { mountPoint: '/m"x', container: null } as unknown as InspectTarget;
    writer.start(target);
    writer.change({ path: '/a "b"', kind: "added", bytes: 1, hiddenBytes: 0 });
    writer.change({ path: "/c", kind: "deleted", bytes: 0, hiddenBytes: 9 });
    const report: MountReport = {
      mountPoint: '/m"x',
      container: null,
      layers: [
        { dir: "/top", number: 2, bytes: 9, files: 1 },
        { dir: "/base", number: 1, bytes: 20, files: 1 },
      ],
      upper: { dir: "/u", bytes: 1, files: 1 },
      imageHiddenBytes: 20,
      containerHiddenBytes: 9,
      hidden: [
        { path: "/b", bytes: 20, files: 1, layer: 1, cause: "newer-copy", scope: "image", hiddenByLayer: 0 },
        { path: "/c", bytes: 9, files: 1, layer: 0, cause: "whiteout", scope: "container", hiddenByLayer: null },
      ],
      hiddenGroups: 2,
      largestImageHidden: { path: "/b", bytes: 20, files: 1, layer: 1, cause: "newer-copy", scope: "image", hiddenByLayer: 0 },
      changeTotals: {
        added: { count: 1, bytes: 1, hiddenBytes: 0 },
        changed: { count: 0, bytes: 0, hiddenBytes: 0 },
        deleted: { count: 1, bytes: 0, hiddenBytes: 9 },
        opaque: { count: 0, bytes: 0, hiddenBytes: 0 },
      },
      copyUps: 0,
      largestChanges: [],
      listableChanges: 2,
      notes: [],
      partial: false,
    };
    writer.end(report);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
    expect(JSON.parse(text)).toEqual({
      mountPoint: '/m"x',
      container: null,
      changes: [
        { path: '/a "b"', kind: "added", bytes: 1, hiddenBytes: 0 },
        { path: "/c", kind: "deleted", bytes: 0, hiddenBytes: 9 },
      ],
      // Top first, as the kernel's lowerdir orders them; `number` counts from the base.
      layers: [
        { dir: "/top", number: 2, bytes: 9, files: 1 },
        { dir: "/base", number: 1, bytes: 20, files: 1 },
      ],
      upper: { dir: "/u", bytes: 1 },
      imageHiddenBytes: 20,
      containerHiddenBytes: 9,
      hidden: [
        {
          path: "/b",
          bytes: 20,
          files: 1,
          layer: 1,
          layerNumber: 1,
          cause: "newer-copy",
          scope: "image",
          hiddenByLayer: 0,
          hiddenByLayerNumber: 2,
        },
        {
          path: "/c",
          bytes: 9,
          files: 1,
          layer: 0,
          layerNumber: 2,
          cause: "whiteout",
          scope: "container",
          hiddenByLayer: null,
          hiddenByLayerNumber: null,
        },
      ],
      notes: [],
    });
  });
});

describe("inspect's words", () => {
  it("has every key in every language, each in its own words", () => {
    for (const words of [zh, ja]) {
      expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
      expect(words.verdictCleanImage).not.toBe(en.verdictCleanImage);
    }
  });
});
