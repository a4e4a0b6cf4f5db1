// The CI gate's rules, as flags (like dive's --ci flags): --max-hidden SIZE and
// --max-hidden-percent P (of the image's bytes on disk). A rule is crossed when the image hides
// more than it allows; exactly at the limit passes.
//
// Sizes are written as everywhere in this program (commands/options.ts parseSize: 50M, 1GiB,
// 512k, plain bytes), with a budget's own bounds: 0 (hide nothing) is a fair rule, and so is
// 100k, where cow-demo refuses a file under 1 MiB.
import { MAX_SIZE, parseSize } from "../../commands/options.js";

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

/** Bytes from 0 to 64 GiB, or undefined for anything else. */
export function parseBudget(text: string): number | undefined {
  const parsed = parseSize(text, { min: 0, max: MAX_SIZE });
  return typeof parsed === "number" ? parsed : undefined;
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
