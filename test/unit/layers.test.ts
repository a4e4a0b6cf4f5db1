// The layer map of a known state: a copy-up, a new file, a whiteout and an untouched file.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import { type MapStack, readLayerMap } from "../../src/layers/map.js";
import { renderLayerTable } from "../../src/runner/report/layer-table.js";
import { displayWidth } from "../../src/runner/report/text.js";
import { describeWith } from "../helpers/needs.js";

function stack(lower: string, upper: string, merged?: string): MapStack {
  return { lower: [lower], upper, namespace: "trusted", ...(merged !== undefined ? { merged } : {}) };
}

describeWith(["root"], "layer map", () => {
  let root: string;
  let lower: string;
  let upper: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "ol-layers-"));
    lower = join(root, "lower");
    upper = join(root, "upper");
    mkdirSync(join(lower, "etc"), { recursive: true });
    mkdirSync(join(upper, "etc"), { recursive: true });
    writeFileSync(join(lower, "etc/app.conf"), "port = 8080\n");
    writeFileSync(join(upper, "etc/app.conf"), "port = 3000\ndebug = true\n");
    writeFileSync(join(lower, "image-log.txt"), "built\n");
    expect(spawnSync("mknod", [join(upper, "image-log.txt"), "c", "0", "0"]).status).toBe(0);
    writeFileSync(join(upper, "new.txt"), "");
    writeFileSync(join(lower, "same.txt"), "unchanged\n");
    symlinkSync("/etc/passwd", join(lower, "link"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("tells copy-up, new, whiteout and symlink apart, never following the link", () => {
    const rows = readLayerMap(stack(lower, upper));
    const byPath = Object.fromEntries(rows.map((row) => [row.path, row]));
    expect(byPath["etc/app.conf"]?.upper).toEqual({ kind: "file", size: 25, preview: "port = 3000", origin: "copy-up" });
    expect(byPath["image-log.txt"]?.upper).toEqual({ kind: "whiteout" });
    expect(byPath["image-log.txt"]?.lower).toMatchObject({ kind: "file", preview: "built" });
    expect(byPath["new.txt"]?.upper).toEqual({ kind: "file", size: 0, preview: "", origin: "new" });
    expect(byPath["new.txt"]?.lower).toEqual({ kind: "absent" });
    expect(byPath.link?.lower).toEqual({ kind: "symlink" });
    expect(rows.map((row) => row.path)).toEqual(["etc", "etc/app.conf", "image-log.txt", "link", "new.txt", "same.txt"]);
  });

  it("marks what changed since the previous map", () => {
    const before = readLayerMap(stack(lower, upper));
    writeFileSync(join(upper, "same.txt"), "changed\n");
    const after = readLayerMap(stack(lower, upper), before);
    expect(after.filter((row) => row.changed).map((row) => row.path)).toEqual(["same.txt"]);
    rmSync(join(upper, "same.txt"));
  });

  it("fits narrow terminals: previews go first, nothing wider than the terminal", () => {
    const rows = readLayerMap(stack(lower, upper));
    for (const [catalogue, lang] of [
      [en, "en"],
      [zh, "zh"],
      [ja, "ja"],
    ] as const) {
      for (const width of [40, 50, 60, 64, 80]) {
        const lines = renderLayerTable(rows, catalogue, lang, width);
        for (const line of lines) expect(displayWidth(line), `${lang} at ${width}: ${line}`).toBeLessThanOrEqual(width);
      }
      // At 60 columns the sizes and kinds still fit: only the previews are gone.
      const sixty = renderLayerTable(rows, catalogue, lang, 60).join("\n");
      expect(sixty).not.toContain('"port');
      expect(sixty).toMatch(/image-log\.txt\s+6 B/);
    }
  });

  it("with many lower layers, keeps the topmost ones and says how many are left out", () => {
    const rows = readLayerMap({ lower: [lower, lower, lower, lower], upper, namespace: "trusted" });
    const wide = renderLayerTable(rows, en, "en", 200, undefined, ["L4", "L3", "L2", "L1"]);
    expect(wide[0]).toMatch(/path\s+L1\s+L2\s+L3\s+L4\s+upper\s+merged/);
    const narrow = renderLayerTable(rows, en, "en", 60, undefined, ["L4", "L3", "L2", "L1"]);
    expect(narrow[0]).toMatch(/\+\d L\d/);
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });

  it("draws the map as a table, in both languages", () => {
    const rows = readLayerMap(stack(lower, upper));
    const table = renderLayerTable(rows, en, "en", 160).join("\n");
    expect(table).toMatch(/image-log\.txt\s+6 B "built" · hidden\s+whiteout c 0:0\s+—/);
    expect(table).toMatch(/etc\/app\.conf\s+12 B "port = 8080" · hidden\s+copy-up · 25 B "port = 3000"/);
    expect(table).toMatch(/new\.txt\s+—\s+new · 0 B/);
    const chinese = renderLayerTable(rows, zh, "zh", 160).join("\n");
    expect(chinese).toContain("路径");
    expect(chinese).toMatch(/new\.txt\s+—\s+新建 · 0 B/);
  });
});

describeWith(["root"], "layer map on a mounted overlay", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "ol-opaque-"));
    for (const dir of ["lower/data", "upper", "work", "merged"]) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, "lower/data/a.txt"), "a\n");
    writeFileSync(join(root, "lower/data/b.txt"), "b\n");
    mkdirSync(join(root, "lower/etc"));
    writeFileSync(join(root, "lower/etc/x.conf"), "x = 1\n");
    writeFileSync(join(root, "lower/etc/y.conf"), "y = 1\n");
    const options = `lowerdir=${root}/lower,upperdir=${root}/upper,workdir=${root}/work`;
    expect(spawnSync("mount", ["-t", "overlay", "overlay", "-o", options, join(root, "merged")]).status).toBe(0);
    // Replace a lower directory through merged: the kernel makes the new upper one opaque.
    rmSync(join(root, "merged/data"), { recursive: true });
    mkdirSync(join(root, "merged/data"));
    writeFileSync(join(root, "merged/data/c.txt"), "c\n");
    // Change one file in another lower directory: that directory is only copied up.
    writeFileSync(join(root, "merged/etc/x.conf"), "x = 2\n");
  });
  afterAll(() => {
    spawnSync("umount", [join(root, "merged")]);
    rmSync(root, { recursive: true, force: true });
  });

  it("shows a replaced directory as opaque, hiding what lower has beneath it", () => {
    const rows = readLayerMap(stack(join(root, "lower"), join(root, "upper"), join(root, "merged")));
    const byPath = Object.fromEntries(rows.map((row) => [row.path, row]));
    expect(byPath.data?.upper).toMatchObject({ kind: "dir", opaque: true });
    expect(byPath["data/a.txt"]).toMatchObject({ lower: { kind: "file" }, upper: { kind: "absent" }, merged: { kind: "absent" } });
    expect(byPath["data/c.txt"]).toMatchObject({ upper: { kind: "file", origin: "new" }, merged: { kind: "file" } });
    expect(renderLayerTable(rows, en, "en", 160).join("\n")).toMatch(/data\s+dir · hidden\s+opaque dir\s+dir/);
  });

  it("a directory merely copied up is not opaque", () => {
    const rows = readLayerMap(stack(join(root, "lower"), join(root, "upper"), join(root, "merged")));
    const etc = rows.find((row) => row.path === "etc");
    expect(etc?.upper).toMatchObject({ kind: "dir", origin: "copy-up" });
    expect(etc?.upper.opaque).toBeUndefined();
    expect(rows.find((row) => row.path === "etc/y.conf")?.merged.kind).toBe("file");
  });
});
