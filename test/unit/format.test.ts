import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatMs, formatPercent, formatRate } from "../../src/i18n/format.js";

describe("one formatter for every figure", () => {
  it("rounds sizes to the nearest, one decimal below 100, none above", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1,023 B");
    expect(formatBytes(1024)).toBe("1 KiB");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    // The figure the issue found printed as 1.8 MiB (truncated) in inspect and 1.89 MiB in container-demo.
    expect(formatBytes(1_982_274)).toBe("1.9 MiB");
    expect(formatBytes(4 * 1024 * 1024)).toBe("4 MiB");
    expect(formatBytes(123.4 * 1024 * 1024)).toBe("123 MiB");
    expect(formatBytes(1023.9 * 1024 * 1024)).toBe("1 GiB");
    expect(formatBytes(1023.4 * 1024 * 1024)).toBe("1,023 MiB");
    expect(formatBytes(1_048_575)).toBe("1 MiB");
    expect(formatBytes(10 * 1024 ** 3)).toBe("10 GiB");
    expect(formatBytes(-2048)).toBe("-2 KiB");
  });

  it("writes the same bytes the same way whatever else is shown", () => {
    expect(formatBytes(262_144)).toBe("256 KiB");
    expect(formatBytes(262_162)).toBe("256 KiB");
    expect(formatRate(1.1 * 1024 ** 3)).toBe("1.1 GiB/s");
  });

  it("groups counts and keeps percentages honest at the edges", () => {
    expect(formatCount(20_000)).toBe("20,000");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234.5)).toBe("1,234.5");
    expect(formatPercent(12.345)).toBe("12.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.04)).toBe("<0.1%");
    expect(formatPercent(99.97)).toBe(">99.9%");
    expect(formatPercent(100)).toBe("100%");
  });
});

describe("formatMs", () => {
  it("says a time as measured and as its metric keeps it (to the microsecond) alike, halves included", () => {
    const metric = (ms: number): number => Math.round(ms * 1000) / 1000;
    for (const ms of [4.2499, 0.12499, 42.4999, 999.4996, 1234.9999, 4.25, 7]) {
      expect(formatMs(ms), String(ms)).toBe(formatMs(metric(ms)));
    }
    expect(formatMs(4.2499)).toBe("4.3 ms");
    expect(formatMs(4.24)).toBe("4.2 ms");
  });
});
