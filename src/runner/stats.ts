// Small statistics for honest timing: the median resists one slow outlier, the range shows the
// spread, and two ranges that overlap mean the runs cannot tell the two apart.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function range(values: readonly number[]): [number, number] {
  if (values.length === 0) throw new Error("range of nothing");
  return [Math.min(...values), Math.max(...values)];
}

export function rangesOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

export type Comparison =
  | { verdict: "no-difference" }
  | { verdict: "overlay-slower"; ratio: number }
  | { verdict: "overlay-faster"; ratio: number };

/**
 * Compare two sets of timings. Overlapping ranges: no measurable difference (with one trial the
 * ranges are points, and only a clear ratio counts). Otherwise the ratio of the medians.
 */
export function compareTimings(direct: readonly number[], overlay: readonly number[]): Comparison {
  const directMedian = median(direct);
  const overlayMedian = median(overlay);
  if (rangesOverlap(range(direct), range(overlay))) return { verdict: "no-difference" };
  // A single trial each never overlaps; demand a clear margin before calling a winner.
  if (direct.length === 1 && Math.abs(overlayMedian - directMedian) / Math.min(overlayMedian, directMedian) < 0.1) {
    return { verdict: "no-difference" };
  }
  return overlayMedian > directMedian
    ? { verdict: "overlay-slower", ratio: overlayMedian / directMedian }
    : { verdict: "overlay-faster", ratio: directMedian / overlayMedian };
}
