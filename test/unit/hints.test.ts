import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { zh } from "../../src/i18n/zh.js";
import { classifyMountError } from "../../src/overlay/hints.js";

// Real messages from util-linux mount(8) and umount(8), one per pattern in the table.
const CASES: Array<[string, ReturnType<typeof classifyMountError>]> = [
  ["mount: /tmp/x/merged: unknown filesystem type 'overlay'.", "no-overlay"],
  [
    "mount: /tmp/x/merged: wrong fs type, bad option, bad superblock on overlay, missing codepage or helper program, or other error.",
    "bad-option",
  ],
  ["mount: /tmp/x/merged: overlay: Invalid argument.", "bad-option"],
  ["umount: /tmp/x/merged: target is busy.", "busy"],
  ["mount: /tmp/x/merged: overlay already mounted or mount point busy. Device or resource busy", "busy"],
  ["mount: /tmp/x/merged: must be superuser to use mount.", "not-permitted"],
  ["mount: /tmp/x/merged: permission denied.", "not-permitted"],
  ["mount: /tmp/x/merged: mount point does not exist.", "no-such-path"],
  ["mount: /tmp/x/merged: special device overlay does not exist.", "no-such-path"],
  ["mount: something nobody has seen", undefined],
];

describe("mount error hints", () => {
  it.each(CASES)("%s → %s", (stderr, hint) => {
    expect(classifyMountError(stderr)).toBe(hint);
  });

  it("every hint names the fix in both languages", () => {
    expect(en.hints["no-overlay"]).toContain("modprobe overlay");
    expect(zh.hints["no-overlay"]).toContain("modprobe overlay");
    expect(en.hints["bad-option"]).toMatch(/same filesystem|one filesystem/);
    expect(en.hints["bad-option"]).toContain("ftype=1");
    expect(zh.hints["bad-option"]).toContain("ftype=1");
    expect(en.hints.busy).toContain("fuser -vm");
    expect(en.hints.busy).toContain("lsof +D");
    expect(en.hints.busy).toContain("umount -l");
    expect(zh.hints.busy).toContain("fuser -vm");
  });
});
