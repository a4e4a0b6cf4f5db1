// apparentUsage adds up what `du -sb` adds up (every inode's st_size, directories and links too,
// a hard link once), split by kind: the lessons show du's figure next to their own count of
// regular files' bytes and say where the difference comes from, so the split must be du's own.
import { spawnSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatCount } from "../../src/i18n/format.js";
import { duExplained } from "../../src/lessons/du.js";
import { apparentUsage, diskUsage } from "../../src/overlay/usage.js";

const du = (flags: string[], ...paths: string[]): number[] =>
  spawnSync("du", [...flags, ...paths], { encoding: "utf8" })
    .stdout.trim()
    .split("\n")
    .map((line) => Number(line.split("\t")[0]));

const duSb = (...paths: string[]): number[] => du(["-sb"], ...paths);

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("apparentUsage: du -sb's figure, split into files, directories and the rest", () => {
  it("agrees with du -sb, one path or several sharing a hard link", () => {
    root = mkdtempSync(join(tmpdir(), "ol-test-usage-"));
    mkdirSync(join(root, "a/deep/er"), { recursive: true });
    mkdirSync(join(root, "b"));
    writeFileSync(join(root, "a/one.txt"), "x".repeat(1000));
    writeFileSync(join(root, "a/deep/er/two.bin"), Buffer.alloc(70_000));
    writeFileSync(join(root, "a/empty"), "");
    symlinkSync("one.txt", join(root, "a/link"));
    linkSync(join(root, "a/one.txt"), join(root, "b/hard.txt"));

    const a = apparentUsage(join(root, "a"));
    expect(a.total).toBe(duSb(join(root, "a"))[0]);
    expect(a.files).toEqual({ count: 3, bytes: 71_000 });
    expect(a.dirs.count).toBe(3);
    expect(a.other).toEqual({ count: 1, bytes: "one.txt".length });
    expect(a.total).toBe(a.files.bytes + a.dirs.bytes + a.other.bytes);

    // Like one du given both paths: b's hard link to a/one.txt is counted once, under a.
    const seen = new Set<string>();
    const both = [apparentUsage(join(root, "a"), seen).total, apparentUsage(join(root, "b"), seen).total];
    expect(both).toEqual(duSb(join(root, "a"), join(root, "b")));
    expect(apparentUsage(join(root, "b")).files.bytes).toBe(1000);
  });

  it("is said the same in every language, with du's exact figure first", () => {
    root = mkdtempSync(join(tmpdir(), "ol-test-usage-"));
    writeFileSync(join(root, "f"), "12345");
    const usage = apparentUsage(root);
    for (const lang of ["en", "zh", "ja"] as const) {
      const { rows } = duExplained(lang, [["merged", usage]]);
      expect(rows[0]?.[1]).toMatch(new RegExp(`^${formatCount(usage.total)} B = .*5 B.*${formatCount(usage.dirs.bytes)} B`));
    }
  });
});

describe("diskUsage: du -s -B1's allocated bytes, and the files' own sizes", () => {
  it("agrees with du on a tree of files, an empty file, a symlink and a sparse file", () => {
    root = mkdtempSync(join(tmpdir(), "ol-test-usage-"));
    mkdirSync(join(root, "d/deep"), { recursive: true });
    writeFileSync(join(root, "d/one.txt"), "x".repeat(5000));
    writeFileSync(join(root, "d/deep/two.bin"), Buffer.alloc(70_000, 1));
    writeFileSync(join(root, "d/empty"), "");
    symlinkSync("one.txt", join(root, "d/link"));
    // A hole allocates nothing: the size counts, the blocks do not.
    spawnSync("truncate", ["-s", "1M", join(root, "d/sparse")]);
    const usage = diskUsage(join(root, "d"));
    expect(usage.diskBytes).toBe(du(["-s", "-B1"], join(root, "d"))[0]);
    expect(usage.apparentBytes).toBe(5000 + 70_000 + "one.txt".length + 1024 * 1024);
    expect(diskUsage(join(root, "gone"))).toEqual({ apparentBytes: 0, diskBytes: 0 });
  });
});
