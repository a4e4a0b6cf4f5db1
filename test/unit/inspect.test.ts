// inspect's JSON line, its exact shape, and its words (the analysis behind it: walk.test.ts).
import { describe, expect, it } from "vitest";
import { JsonMountWriter } from "../../src/inspect/json.js";
import type { MountReport } from "../../src/inspect/report.js";
import type { InspectTarget } from "../../src/inspect/targets.js";
import { en } from "../../src/inspect/words/en.js";
import { ja } from "../../src/inspect/words/ja.js";
import { zh } from "../../src/inspect/words/zh.js";

describe("inspect --json", () => {
  it("writes one line per mount with exactly the documented fields", () => {
    let text = "";
    const writer = new JsonMountWriter((chunk) => {
      text += chunk;
    });
    // A stopped container of a rootless user's store: not mounted, and whose it is.
    const owner = { uid: 1001, user: "alice" };
    const target = { mountPoint: '/m"x', mounted: false, owner, container: null } as unknown as InspectTarget;
    writer.start(target);
    writer.change({ path: '/a "b"', kind: "added", bytes: 1, diskBytes: 4096, hiddenBytes: 0 });
    writer.change({ path: "/c", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 9 });
    const report: MountReport = {
      mountPoint: '/m"x',
      container: null,
      layers: [
        // 9 B of data in a 4 KiB block.
        { dir: "/top", number: 2, bytes: 9, files: 1, apparentBytes: 9, diskBytes: 4096 },
        // A metacopy's 20 bytes of metadata, whose data is below: no data, and its apparent size apart.
        { dir: "/base", number: 1, bytes: 0, files: 1, apparentBytes: 20, diskBytes: 0 },
      ],
      upper: { dir: "/u", bytes: 1, files: 1, apparentBytes: 1, diskBytes: 4096 },
      imageHiddenBytes: 20,
      containerHiddenBytes: 9,
      hidden: [
        { path: "/b", firstPath: "/b", bytes: 20, files: 1, layer: 1, cause: "newer-copy", scope: "image", hiddenByLayer: 0 },
        { path: "/c", firstPath: "/c", bytes: 9, files: 1, layer: 0, cause: "whiteout", scope: "container", hiddenByLayer: null },
      ],
      hiddenGroups: 2,
      largestImageHidden: {
        path: "/b",
        firstPath: "/b",
        bytes: 20,
        files: 1,
        layer: 1,
        cause: "newer-copy",
        scope: "image",
        hiddenByLayer: 0,
      },
      changeTotals: {
        added: { count: 1, bytes: 1, hiddenBytes: 0 },
        changed: { count: 0, bytes: 0, hiddenBytes: 0 },
        deleted: { count: 1, bytes: 0, hiddenBytes: 9 },
        opaque: { count: 0, bytes: 0, hiddenBytes: 0 },
        renamed: { count: 0, bytes: 0, hiddenBytes: 0 },
      },
      copyUps: 0,
      metacopies: 0,
      largestChanges: [],
      listableChanges: 2,
      renames: [],
      notes: [],
      partial: false,
    };
    writer.end(report);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
    expect(JSON.parse(text)).toEqual({
      mountPoint: '/m"x',
      mounted: false,
      owner,
      container: null,
      changes: [
        { path: '/a "b"', kind: "added", bytes: 1, diskBytes: 4096, hiddenBytes: 0 },
        { path: "/c", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 9 },
      ],
      // Top first, as the kernel's lowerdir orders them; `number` counts from the base. The apparent
      // size only where it differs from the data bytes.
      layers: [
        { dir: "/top", number: 2, bytes: 9, files: 1, diskBytes: 4096 },
        { dir: "/base", number: 1, bytes: 0, files: 1, diskBytes: 0, apparentBytes: 20 },
      ],
      upper: { dir: "/u", bytes: 1, diskBytes: 4096 },
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
