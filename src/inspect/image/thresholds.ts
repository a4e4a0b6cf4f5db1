// The CI gate's rules, as flags (like dive's --ci flags): --max-hidden SIZE and
// --max-hidden-percent P (of the image's bytes on disk). A rule is crossed when the image hides
// more than it allows; exactly at the limit passes.
//
// Sizes are written as everywhere in this program (commands/options.ts parseSize: 50M, 1GiB,
// 512k, plain bytes), but a budget has other bounds than cow-demo's file: 0 (hide nothing) is a
// fair rule and so is 100k, where cow-demo refuses anything under 1 MiB. parseSize answers
// "zero" and "too-small" without the number for those, so they are read here with its units.
import { parseSize } from "../../commands/options.js";

export type RuleName = "max-hidden" | "max-hidden-percent";

export interface Thresholds {
  maxHidden?: number;
  maxHiddenPercent?: number;
}

export interface RuleResult {
  rule: RuleName;
  /** Bytes for max-hidden, percent for max-hidden-percent. */
  limit: number;
  value: number;
  crossed: boolean;
}

// options.ts's units: single letters and IEC suffixes are powers of 1024, kB/MB/GB of 1000.
const SMALL_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2 };

/** Bytes from 0 to 64 GiB, or undefined for anything else. */
export function parseBudget(text: string): number | undefined {
  const parsed = parseSize(text);
  if (typeof parsed === "number") return parsed;
  if (parsed === "zero") return 0;
  if (parsed !== "too-small") return undefined;
  // Under 1 MiB: only units up to MiB can get here.
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = SMALL_UNITS[(match?.[2] ?? "").toLowerCase()];
  return match === null || unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

/** A percentage from 0 to 100 ("5", "2.5", "5%"), or undefined. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) && value <= 100 ? value : undefined;
}

/** The share of an image's bytes that no container sees, in percent (0 for an empty image). */
export function hiddenPercent(hiddenBytes: number, bytes: number): number {
  return bytes === 0 ? 0 : (hiddenBytes / bytes) * 100;
}

export function checkThresholds(thresholds: Thresholds, figures: { hiddenBytes: number; bytes: number }): RuleResult[] {
  const results: RuleResult[] = [];
  if (thresholds.maxHidden !== undefined) {
    const value = figures.hiddenBytes;
    results.push({ rule: "max-hidden", limit: thresholds.maxHidden, value, crossed: value > thresholds.maxHidden });
  }
  if (thresholds.maxHiddenPercent !== undefined) {
    const value = hiddenPercent(figures.hiddenBytes, figures.bytes);
    results.push({ rule: "max-hidden-percent", limit: thresholds.maxHiddenPercent, value, crossed: value > thresholds.maxHiddenPercent });
  }
  return results;
}
