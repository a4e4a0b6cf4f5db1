// Fault injection, bad input: every command refuses with exit 2 and one line on stderr, and
// creates and removes nothing.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { makeParent, overlayMountsBeneath, removeParent, runCli } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";

let parent: string;

describeWith(["root"], "bad input to every command: exit 2, one line on stderr, nothing created or removed", () => {
  beforeEach(() => {
    parent = makeParent();
    writeFileSync(join(parent, "a-file"), "x");
    mkdirSync(join(parent, "real"));
    symlinkSync(join(parent, "real"), join(parent, "link"));
  });
  afterEach(() => {
    removeParent(parent);
  });

  const cases = (): Array<[string[], RegExp]> => [
    [["cleanup", "--dir", join(parent, "nope")], /does not exist/],
    [["cleanup", "--dir", join(parent, "a-file")], /not a directory/],
    [["cleanup", "--dir", join(parent, "link")], /symbolic link/],
    [["cleanup", "--dir"], /needs a value/],
    [["cleanup", "--frob"], /unknown option/],
    [["cleanup", "--lang", "de"], /not a language/],
    [["doctor", "--frob"], /unknown option/],
    [["doctor", "--dir"], /needs a value/],
    [["list", "extra"], /takes options only/],
    [["mount-demo", "--dir", join(parent, "a-file")], /not a directory/],
    [["mount-demo", "--dir", join(parent, "link")], /symbolic link/],
    [["mount-demo", "--yes", "--json", "--keep", "--bogus"], /unknown option/],
    [["cow-demo", "--size"], /needs a value/],
    [["cow-demo", "--trials"], /needs a value/],
    [["cow-demo", "--containers"], /needs a value/],
    [["cow-demo", "--size", "1.5.5G", "--dir", parent], /--size/],
    [["cow-demo", "--trials", "3.5", "--dir", parent], /--trials/],
    [["cow-demo", "--dir", join(parent, "nope")], /does not exist/],
    [["cow-mode"], /unknown command/],
    [["layers-demo", "--shell", "--json", "--dir", parent], /--shell and --json/],
    [[], /name a lesson/],
  ];

  it("each case", async () => {
    for (const [args, pattern] of cases()) {
      const before = readdirSync(parent).sort();
      const result = await runCli(args);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      const lines = result.stderr.trim().split("\n");
      expect(lines.at(-1), args.join(" ")).toMatch(pattern);
      if (args.length > 0) expect(lines, args.join(" ")).toHaveLength(1);
      expect(readdirSync(parent).sort(), args.join(" ")).toEqual(before);
      expect(readdirSync(join(parent, "real"))).toEqual([]);
      expect(overlayMountsBeneath(parent)).toEqual([]);
    }
  });

  it("doctor with an unusable --dir explains the refusal with its fix and exits 2", async () => {
    const result = await runCli(["doctor", "--dir", join(parent, "link")]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/✗ .*symbolic link/);
    expect(result.stdout).toMatch(/→ choose a directory on a local filesystem/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
