// Validation of option values, kept apart from commander so that every refusal is one line in
// the learner's language, exit 2, before anything is created.
import type { Lang, Messages } from "../i18n/index.js";
import { isLang } from "../i18n/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1000 ** 4,
  tib: 1024 ** 4,
};

export const MIN_SIZE = 1024 * 1024;
export const MAX_SIZE = 64 * 1024 ** 3;

export type SizeProblem = "empty" | "malformed" | "zero" | "too-small" | "too-large";

/**
 * Parse a size as people write it: 50M, 1G, 512MiB, 64m, 1.5G or plain bytes. Single letters
 * and IEC suffixes are powers of 1024 (as dd and docker mean them); kB/MB/GB are powers of 1000.
 * The bounds default to cow-demo's big file; a budget (inspect --image --max-hidden) may be 0.
 */
export function parseSize(text: string, bounds: { min: number; max: number } = { min: MIN_SIZE, max: MAX_SIZE }): number | SizeProblem {
  const trimmed = text.trim();
  if (trimmed === "") return "empty";
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(trimmed);
  if (!match) return "malformed";
  const unit = UNITS[(match[2] ?? "").toLowerCase()];
  if (unit === undefined) return "malformed";
  const bytes = Math.round(Number(match[1]) * unit);
  if (!Number.isFinite(bytes)) return "malformed";
  if (bytes === 0 && bounds.min > 0) return "zero";
  if (bytes < bounds.min) return "too-small";
  if (bytes > bounds.max) return "too-large";
  return bytes;
}

export function sizeOption(t: Messages, text: string): number {
  const parsed = parseSize(text);
  if (typeof parsed === "number") return parsed;
  const detail = {
    empty: t.usage.sizeEmpty,
    malformed: t.usage.sizeMalformed(text),
    zero: t.usage.sizeZero,
    "too-small": t.usage.sizeTooSmall(text),
    "too-large": t.usage.sizeTooLarge(text),
  }[parsed];
  throw new ExitError(EXIT_USAGE, t.usage.invalidValue("--size", detail));
}

export function integerOption(t: Messages, name: string, text: string, min: number, max: number): number {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ExitError(EXIT_USAGE, t.usage.invalidValue(name, t.usage.integer(text, min, max)));
  }
  return value;
}

export function langOption(t: Messages, text: string | undefined): Lang | undefined {
  if (text === undefined) return undefined;
  if (!isLang(text)) throw new ExitError(EXIT_USAGE, t.usage.lang(text));
  return text;
}
