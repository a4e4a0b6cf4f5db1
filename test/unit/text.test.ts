import { describe, expect, it } from "vitest";
import { displayWidth, wrap } from "../../src/runner/report/text.js";

describe("terminal text", () => {
  it("counts CJK characters as two columns", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("镜像层")).toBe(6);
    expect(displayWidth("\u001b[1mbold\u001b[22m")).toBe(4);
  });

  it("wraps English at spaces", () => {
    expect(wrap("the quick brown fox jumps", 10)).toEqual(["the quick", "brown fox", "jumps"]);
  });

  it("wraps Chinese between characters and keeps punctuation with its character", () => {
    const lines = wrap("镜像层其实就是一个装着文件的目录。", 10);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(10);
    expect(lines.join("")).toBe("镜像层其实就是一个装着文件的目录。");
    expect(lines.some((line) => line.startsWith("。"))).toBe(false);
  });
});
