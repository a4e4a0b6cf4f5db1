// Is metacopy in effect on a mount? mountinfo says `metacopy=on` or `metacopy=off` only where the
// mount differs from the module's default (the kernel's ovl_show_options), so a mount that says
// nothing has the default, read from /sys/module/overlay/parameters/metacopy (here: a directory
// of the test's own, as the kernel lays it out). Data-only layers mean metacopy files whatever.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { metacopyInEffect } from "../../src/overlay/features.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A parameters directory whose metacopy default is `value`. */
function moduleWith(value: "Y" | "N"): string {
  const dir = mkdtempSync(join(tmpdir(), "ol-overlay-parameters-"));
  made.push(dir);
  writeFileSync(join(dir, "metacopy"), `${value}\n`);
  return dir;
}

describe("metacopy in effect", () => {
  it("follows the mount's own word, and the module's default where it says nothing", () => {
    const on = moduleWith("Y");
    const off = moduleWith("N");
    expect(metacopyInEffect({ options: {}, dataLower: [] }, on)).toBe(true);
    expect(metacopyInEffect({ options: {}, dataLower: [] }, off)).toBe(false);
    expect(metacopyInEffect({ options: { metacopy: "off" }, dataLower: [] }, on)).toBe(false);
    expect(metacopyInEffect({ options: { metacopy: "on" }, dataLower: [] }, off)).toBe(true);
    expect(metacopyInEffect({ options: { metacopy: "off" }, dataLower: ["/store"] }, off)).toBe(true);
    // No module to ask (not loaded, no /sys): off, as the kernel's own default is.
    expect(metacopyInEffect({ options: {}, dataLower: [] }, join(off, "missing"))).toBe(false);
  });
});
