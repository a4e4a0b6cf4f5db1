import { describe, expect, it } from "vitest";
import { compareTimings, median, range, rangesOverlap } from "../../src/runner/stats.js";

describe("timing statistics", () => {
  it("median of odd and even counts, unsorted input untouched", () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it("range is [min, max]", () => {
    expect(range([3, 9, 1, 4])).toEqual([1, 9]);
  });

  it("overlap includes touching ends", () => {
    expect(rangesOverlap([1, 5], [5, 9])).toBe(true);
    expect(rangesOverlap([1, 4], [5, 9])).toBe(false);
    expect(rangesOverlap([5, 9], [1, 4])).toBe(false);
    expect(rangesOverlap([1, 10], [3, 4])).toBe(true);
  });

  it("overlapping ranges are no measurable difference, whatever the medians say", () => {
    expect(compareTimings([10, 30, 12], [20, 25, 22])).toEqual({ verdict: "no-difference" });
  });

  it("separate ranges give the ratio of the medians, either way", () => {
    expect(compareTimings([10, 11, 12], [20, 22, 24])).toEqual({ verdict: "overlay-slower", ratio: 2 });
    const faster = compareTimings([30, 33, 36], [10, 11, 12]);
    expect(faster.verdict).toBe("overlay-faster");
    expect(faster.verdict !== "no-difference" && faster.ratio).toBe(3);
  });

  it("one trial each needs a clear margin before naming a winner", () => {
    expect(compareTimings([100], [105])).toEqual({ verdict: "no-difference" });
    expect(compareTimings([100], [150])).toEqual({ verdict: "overlay-slower", ratio: 1.5 });
  });
});
