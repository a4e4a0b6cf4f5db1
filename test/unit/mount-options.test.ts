// What features-demo mounts with: overlay options beyond the layers, data-only lower layers after
// `::`, a tmpfs; the kernel's log records it quotes; xattrs it writes as mkcomposefs would.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as NapiXattr from "@napi-rs/xattr";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { overlayMountArgv, tmpfsMountArgv } from "../../src/overlay/mount.js";
import { parseLowerdir } from "../../src/overlay/mountinfo.js";
import { writeXattr } from "../../src/overlay/xattr.js";
import { parseRecord } from "../../src/sys/kernel-log.js";

// Read back with the binding itself, not with the module under test.
const { getAttributeSync } = createRequire(import.meta.url)("@napi-rs/xattr") as typeof NapiXattr;

describe("overlayMountArgv", () => {
  it("puts the options after the layers and userxattr last, as mount -o takes them", () => {
    const argv = overlayMountArgv({
      lower: ["image"],
      upper: "on/upper",
      work: "on/work",
      merged: "on/merged",
      options: ["metacopy=on", "index=off"],
      userxattr: true,
    });
    expect(argv).toEqual([
      "mount",
      "-t",
      "overlay",
      "overlay",
      "-o",
      "lowerdir=image,upperdir=on/upper,workdir=on/work,metacopy=on,index=off,userxattr",
      "on/merged",
    ]);
  });

  it("gives data-only layers after `::`, which the mountinfo reader splits back into the same layers", () => {
    const argv = overlayMountArgv({ lower: ["meta", "base"], dataLower: ["store", "store2"], upper: "u", work: "w", merged: "m" });
    const lowerdir = /lowerdir=([^,]*)/.exec(argv[5] ?? "")?.[1] ?? "";
    expect(lowerdir).toBe("meta:base::store::store2");
    expect(parseLowerdir(lowerdir)).toEqual({ merged: ["meta", "base"], data: ["store", "store2"] });
  });

  it("without options is the plain mount it always was", () => {
    expect(overlayMountArgv({ lower: ["/l"], upper: "/u", work: "/w", merged: "/m" })[5]).toBe("lowerdir=/l,upperdir=/u,workdir=/w");
  });
});

it("tmpfsMountArgv sizes the tmpfs in bytes", () => {
  expect(tmpfsMountArgv("xino/image", 4 * 1024 * 1024)).toEqual(["mount", "-t", "tmpfs", "-o", "size=4194304", "tmpfs", "xino/image"]);
});

describe("the kernel's log records (/dev/kmsg)", () => {
  it("reads the sequence number and the message's first line", () => {
    expect(parseRecord("3,1441,1444800982,-;overlayfs: overlay with incompat feature 'volatile' cannot be mounted\n")).toEqual({
      sequence: 1441,
      text: "overlayfs: overlay with incompat feature 'volatile' cannot be mounted",
    });
    expect(parseRecord("6,12,100,c;usb 1-1: new device\n SUBSYSTEM=usb\n DEVICE=c189:1\n")).toEqual({
      sequence: 12,
      text: "usb 1-1: new device",
    });
  });

  it("refuses what is not a record", () => {
    expect(parseRecord("no semicolon")).toBeUndefined();
    expect(parseRecord("x,y;text")).toBeUndefined();
  });
});

describe("writeXattr", () => {
  let base = "";
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), "ol-xattr-write-"));
  });
  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it("sets an empty value and a text value, as setfattr -n NAME [-v VALUE] does", () => {
    const file = join(base, "libshared.so");
    writeFileSync(file, "");
    writeXattr(file, "user.overlay.metacopy", "");
    writeXattr(file, "user.overlay.redirect", "/objects/fe/f828");
    expect(getAttributeSync(file, "user.overlay.metacopy")?.length).toBe(0);
    expect(getAttributeSync(file, "user.overlay.redirect")?.toString()).toBe("/objects/fe/f828");
  });

  it("never follows a symlink, and says which file and xattr it could not set", () => {
    const target = join(base, "target");
    writeFileSync(target, "");
    symlinkSync(target, join(base, "link"));
    // Linux refuses user.* xattrs on a symlink itself (EPERM): lsetxattr tries the link, never its target.
    expect(() => writeXattr(join(base, "link"), "user.test", "x")).toThrow(/cannot set user\.test on .*link/);
    expect(getAttributeSync(target, "user.test")).toBeNull();
  });
});
