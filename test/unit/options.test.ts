import { describe, expect, it } from "vitest";
import { integerOption, langOption, parseSize, sizeOption } from "../../src/commands/options.js";
import { en } from "../../src/i18n/en.js";
import { ExitError } from "../../src/sys/errors.js";

const MiB = 1024 ** 2;

describe("sizes", () => {
  it.each([
    ["50M", 50 * MiB],
    ["1G", 1024 * MiB],
    ["512MiB", 512 * MiB],
    ["64m", 64 * MiB],
    ["1.5G", 1536 * MiB],
    ["2097152", 2 * MiB],
    ["10MB", 10_000_000],
    [" 8M ", 8 * MiB],
  ])("%s is %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["0", "zero"],
    ["0M", "zero"],
    ["-5M", "malformed"],
    ["abc", "malformed"],
    ["5X", "malformed"],
    ["5MM", "malformed"],
    ["1e9", "malformed"],
    ["100K", "too-small"],
    ["65G", "too-large"],
  ])("%j is refused as %s", (text, problem) => {
    expect(parseSize(text)).toBe(problem);
  });

  it("refuses with exit 2 and a message naming the option", () => {
    expect(() => sizeOption(en, "-1")).toThrow(ExitError);
    try {
      sizeOption(en, "lots");
    } catch (error) {
      expect(error).toBeInstanceOf(ExitError);
      expect((error as ExitError).exitCode).toBe(2);
      expect((error as ExitError).message).toContain("--size");
    }
  });
});

describe("counts and languages", () => {
  it("accepts whole numbers in range", () => {
    expect(integerOption(en, "--trials", "5", 1, 50)).toBe(5);
    expect(integerOption(en, "--trials", "50", 1, 50)).toBe(50);
  });

  it.each(["0", "51", "-1", "2.5", "", "five", "1e1"])("refuses --trials %j", (text) => {
    expect(() => integerOption(en, "--trials", text, 1, 50)).toThrow(/--trials/);
  });

  it("knows zh and en only", () => {
    expect(langOption(en, "zh")).toBe("zh");
    expect(langOption(en, undefined)).toBeUndefined();
    expect(() => langOption(en, "fr")).toThrow(ExitError);
  });
});
