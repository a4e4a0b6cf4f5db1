// How every figure is written for a person: sizes, counts, rates and shares, one formatter each,
// so that the same bytes read the same in inspect, the lessons, doctor and the layer map.
//
// Sizes are binary (KiB, MiB: what du -h, docker and the kernel's own figures mean), rounded to
// the nearest (1,982,274 B is 1.9 MiB, never 1.8 by truncation), with one decimal below 100 and
// none from there (1.9 MiB, 12.3 MiB, 123 MiB, 1,023 MiB): never more than four digits, and a
// reader comparing two figures compares the same precision. Under 1 KiB a size is exact.
//
// Written by hand rather than with Intl: the three languages (en, zh-CN, ja-JP) all write "1,234.5"
// with the same grouping and decimal marks, and Number.toLocaleString loads ICU data (about 10 ms),
// which the `--json` path and `--help` must not pay for.

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"] as const;

/** 1234567 → "1,234,567"; fractions keep their digits ("1,234.5"). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? "-" : "";
  const [whole = "0", fraction] = Math.abs(value).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Round half away from zero to `digits` decimals, without binary-float surprises (1.25 → 1.3). */
function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}

/** A number of bytes as a person reads it: "512 B", "1.9 MiB", "123 MiB", "1 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  if (value < 1024) return `${sign}${formatCount(Math.round(value))} B`;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  let rounded = roundTo(value, value < 100 ? 1 : 0);
  // 1,048,575 B is 1023.999 KiB: rounded, that is 1 MiB, not "1,024 KiB".
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    unit++;
    rounded = roundTo(rounded / 1024, 1);
  }
  return `${sign}${formatCount(rounded)} ${UNITS[unit]}`;
}

/** Bytes per second: "1.1 GiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/**
 * A share in percent, one decimal at most: "12.5%", "0%", "100%". A share that is not nothing
 * never reads as nothing: 0.04% is "<0.1%" (a CI gate at 0% must not say it was crossed by "0%").
 */
export function formatPercent(percent: number): string {
  const rounded = roundTo(percent, 1);
  if (rounded === 0 && percent > 0) return "<0.1%";
  if (rounded === 100 && percent < 100) return ">99.9%";
  return `${formatCount(rounded)}%`;
}

/** A duration as a person reads it: 0.42 ms, 3.1 ms, 42 ms, 1.25 s. */
export function formatMs(raw: number): string {
  // To the microsecond first, as the lessons' metrics keep a time: a figure said from a metric and
  // the same time said as measured then round alike (4.2499 ms and its metric 4.25 were "4.2 ms"
  // and "4.3 ms" in one run's step and its summary).
  const ms = Math.round(raw * 1000) / 1000;
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
