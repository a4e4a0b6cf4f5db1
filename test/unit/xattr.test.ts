// Reading overlay xattrs from real layers: a real overlay mount (root only), and a plain
// directory for the `user.` namespace. No mocks: the kernel writes what is read here.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as NapiXattr from "@napi-rs/xattr";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isOpaqueMark } from "../../src/layers/entry.js";
import { listXattrs, readOverlayXattr, readOverlayXattrs, readXattr } from "../../src/overlay/xattr.js";
import { makeStackDirs } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";

// The test sets xattrs by hand with the library's own setter, not with src/overlay/xattr.ts (whose writeXattr features-demo uses).
const { setAttributeSync } = createRequire(import.meta.url)("@napi-rs/xattr") as typeof NapiXattr;

let base = "";
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "ol-xattr-"));
});
afterEach(() => {
  const merged = join(base, "merged");
  if (readFileSync("/proc/self/mountinfo", "utf8").includes(` ${merged} `)) execFileSync("umount", [merged]);
  rmSync(base, { recursive: true, force: true });
});

describe("readOverlayXattrs on a plain directory", () => {
  it("reads user.overlay.opaque set by hand (the userxattr namespace)", () => {
    const dir = join(base, "dir");
    mkdirSync(dir);
    setAttributeSync(dir, "user.overlay.opaque", "y");
    const xattrs = readOverlayXattrs(dir, "user");
    expect(xattrs).toEqual({ opaque: "y" });
    expect(isOpaqueMark(xattrs.opaque)).toBe(true);
    // Asked for the trusted namespace, the user one answers where the trusted one has nothing: a
    // rootless engine's layers, read by root from its store, are read as that engine wrote them.
    expect(readOverlayXattrs(dir, "trusted")).toEqual({ opaque: "y" });
    expect(readOverlayXattr(dir, "opaque", "trusted")).toBe("y");
    expect(readXattr(dir, "user.overlay.opaque")).toBe("y");
    expect(listXattrs(dir)).toContain("user.overlay.opaque");
  });

  it("takes the namespace asked for first, where both have marks", () => {
    const dir = join(base, "dir");
    mkdirSync(dir);
    setAttributeSync(dir, "user.overlay.opaque", "x");
    setAttributeSync(dir, "trusted.overlay.opaque", "y");
    expect(readOverlayXattrs(dir, "trusted")).toEqual({ opaque: "y" });
    expect(readOverlayXattrs(dir, "user")).toEqual({ opaque: "x" });
    expect(readOverlayXattr(dir, "opaque", "user")).toBe("x");
  });

  it('does not take opaque="x" (a directory with xwhiteouts) for opaque', () => {
    const dir = join(base, "dir");
    mkdirSync(dir);
    setAttributeSync(dir, "user.overlay.opaque", "x");
    const xattrs = readOverlayXattrs(dir, "user");
    expect(xattrs.opaque).toBe("x");
    expect(isOpaqueMark(xattrs.opaque)).toBe(false);
  });

  it("gives {}, [] and undefined for a path that does not exist", () => {
    const missing = join(base, "missing");
    expect(readOverlayXattrs(missing, "user")).toEqual({});
    expect(readOverlayXattrs(join(base, "missing/below"), "trusted")).toEqual({});
    expect(listXattrs(missing)).toEqual([]);
    expect(readXattr(missing, "user.overlay.opaque")).toBeUndefined();
  });

  it("gives {} for a file without xattrs, and for a file below a file (ENOTDIR)", () => {
    const file = join(base, "file");
    writeFileSync(file, "x");
    expect(readOverlayXattrs(file, "user")).toEqual({});
    expect(readOverlayXattrs(join(file, "below"), "user")).toEqual({});
    expect(listXattrs(join(file, "below"))).toEqual([]);
  });

  it("never follows a symlink to a directory that has overlay xattrs", () => {
    const dir = join(base, "dir");
    mkdirSync(dir);
    setAttributeSync(dir, "user.overlay.opaque", "y");
    const link = join(base, "link");
    symlinkSync("dir", link);
    expect(readOverlayXattrs(link, "user")).toEqual({});
    expect(listXattrs(link)).toEqual([]);
    expect(readXattr(link, "user.overlay.opaque")).toBeUndefined();
  });

  it("returns a binary value as 0x and hex, text as it is", () => {
    const file = join(base, "file");
    writeFileSync(file, "x");
    setAttributeSync(file, "user.binary", Buffer.from([0x00, 0xfb, 0x21, 0x80]));
    setAttributeSync(file, "user.text", "/a/b");
    expect(readXattr(file, "user.binary")).toBe("0x00fb2180");
    expect(readXattr(file, "user.text")).toBe("/a/b");
    expect(readXattr(file, "user.absent")).toBeUndefined();
  });
});

describeWith(["root"], "readOverlayXattrs on the upper layer of a real overlay mount", () => {
  function mountOverlay(): { lower: string; upper: string; merged: string } {
    const { lower, upper, work, merged } = makeStackDirs(base);
    mkdirSync(join(lower, "cache"));
    writeFileSync(join(lower, "cache/entry"), "cached\n");
    writeFileSync(join(lower, "a.txt"), "from lower\n");
    symlinkSync("a.txt", join(lower, "link"));
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged]);
    return { lower, upper, merged };
  }

  it("an emptied and re-made directory is opaque in upper: trusted.overlay.opaque=y", () => {
    const { upper, merged } = mountOverlay();
    rmSync(join(merged, "cache"), { recursive: true });
    mkdirSync(join(merged, "cache"));
    const xattrs = readOverlayXattrs(join(upper, "cache"), "trusted");
    expect(xattrs.opaque).toBe("y");
    expect(isOpaqueMark(xattrs.opaque)).toBe(true);
    expect(readXattr(join(upper, "cache"), "trusted.overlay.opaque")).toBe("y");
    expect(listXattrs(join(upper, "cache"))).toContain("trusted.overlay.opaque");
    // The namespace the mount did not use holds nothing (asked for it, the trusted one answers);
    // merged hides the overlay's own xattrs.
    expect(readXattr(join(upper, "cache"), "user.overlay.opaque")).toBeUndefined();
    expect(readOverlayXattrs(join(upper, "cache"), "user")).toEqual({ opaque: "y" });
    expect(readOverlayXattrs(join(merged, "cache"), "trusted")).toEqual({});
  });

  it("a copied-up file records its lower inode in trusted.overlay.origin (a file handle)", () => {
    const { upper, merged } = mountOverlay();
    writeFileSync(join(merged, "a.txt"), "changed\n", { flag: "a" });
    const xattrs = readOverlayXattrs(join(upper, "a.txt"), "trusted");
    // Linux writes origin on copy-up when the lower filesystem can encode file handles (ext4,
    // xfs, btrfs, tmpfs can). The handle is struct ovl_fb: version 0, magic 0xfb, then its length.
    expect(xattrs.origin).toMatch(/^00fb[0-9a-f]{2}/);
    expect(Buffer.from(xattrs.origin ?? "", "hex")[2]).toBe((xattrs.origin?.length ?? 0) / 2);
    expect(isOpaqueMark(xattrs.opaque)).toBe(false);
    expect(readXattr(join(upper, "a.txt"), "trusted.overlay.origin")).toBe(`0x${xattrs.origin}`);
    // Upper's root is marked impure once it holds a copy-up.
    expect(readOverlayXattrs(upper, "trusted").impure).toBe("y");
  });

  it("a copied-up symlink's own origin is not reported: a symlink gives {}", () => {
    const { upper, merged } = mountOverlay();
    execFileSync("chown", ["-h", "1:1", join(merged, "link")]);
    const link = join(upper, "link");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    // The symlink itself carries an origin (the kernel copies symlinks up like files)…
    expect(listXattrs(link)).toContain("trusted.overlay.origin");
    // …but readOverlayXattrs never reads a symlink.
    expect(readOverlayXattrs(link, "trusted")).toEqual({});
  });
});
