// Text helpers for what the learner reads: durations, and widths that know CJK characters take
// two columns.

export function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6)
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, "")) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** Replace tabs with spaces up to the next stop every 8 columns, counted from each line's start. */
export function expandTabs(text: string, stop = 8): string {
  if (!text.includes("\t")) return text;
  return text
    .split("\n")
    .map((line) => {
      let out = "";
      for (const char of line) {
        out += char === "\t" ? " ".repeat(stop - (displayWidth(out) % stop)) : char;
      }
      return out;
    })
    .join("\n");
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Wrap prose to `width` columns. Latin text breaks at spaces; CJK text may break between any two
 * wide characters (but not before closing punctuation), as Chinese typesetting does.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    const tokens =
      paragraph.match(
        /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60][，。、；：！？）」』”’》]*|[^\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]+|\s+/g,
      ) ?? [];
    for (const token of tokens) {
      const tokenWidth = displayWidth(token);
      if (/^\s+$/.test(token)) {
        if (lineWidth > 0 && lineWidth + 1 <= width) {
          line += " ";
          lineWidth += 1;
        }
        continue;
      }
      if (lineWidth > 0 && lineWidth + tokenWidth > width) {
        lines.push(line.trimEnd());
        line = "";
        lineWidth = 0;
      }
      line += token;
      lineWidth += tokenWidth;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A duration as a person reads it: 0.42 ms, 3.1 ms, 42 ms, 1.25 s. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
