// inspect's lines for a person, fitted to the terminal. A report is a list of rows (an indent, a
// mark such as `#4` or `→` that the text hangs from, the text, a colour); on a terminal each row
// is wrapped to its width, East Asian wide characters counted as two, with continuation lines
// under the text, not under the mark. Prose breaks at spaces, and between two wide characters
// (never before closing punctuation, never after opening punctuation, never between a figure
// and its unit); a path too long for a line breaks after a `/`. In a pipe, rows stay whole, one
// line each, for grep. Either way 64-hex ids are shortened to their first 12 digits and "…", as
// docker and the lessons' reporter write them (runner/report/human.ts shortenHashes, whose rule
// this is: that module drags the lesson reporter in with it); --json keeps them whole.

import { printableName } from "../layers/names.js";
import { displayWidth } from "../runner/report/text.js";

export interface Row {
  /** Spaces before the row. */
  indent: number;
  /** What the text hangs from ("#4", "A", "→"), followed by `gap` spaces. */
  mark?: string;
  /** Spaces between the mark and the text (default 1). */
  gap?: number;
  text: string;
  /** Applied to each line of the text once it is fitted, so colour codes never count as width. */
  style?: (text: string) => string;
  markStyle?: (text: string) => string;
}

/** How much further in than its row a continuation line starts when the row has no mark. */
const CONTINUATION = 2;

/** Fewer columns than this for the text and the row ignores its hang: a narrow text column reads worse. */
const MIN_TEXT_COLUMNS = 24;

export function shortenIds(text: string): string {
  return text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…");
}

const WIDE = "\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
/** Katakana words (ホワイトアウト) stay whole, like Latin ones; other wide characters stand alone. */
const KATAKANA = "\\u30a0-\\u30ff";
const TOKENS = new RegExp(`\\s+|[${KATAKANA}]+|[${WIDE}]|[^\\s${WIDE}]+`, "gu");
/** No line starts with these: closing punctuation, and the marks a Japanese line never starts with (ー, small kana). */
const CLOSING = /^[、。，．：；！？）」』】〕〉》”’・…,.;:!?)\]ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ]/u;
/** No line ends with these. */
const OPENING = /[（「『【〔〈《“‘([]$/u;
const FIGURE = /\d$/;
/** What follows a figure and stays with it: a unit, or a wide word (1 个文件, ファイル 1 個). */
const UNIT = new RegExp(`^(?:B|KiB|MiB|GiB|TiB|PiB|EiB|%|[${WIDE}])`, "u");

/** A run of text no line may break inside, and the whitespace before it. */
interface Piece {
  space: string;
  text: string;
}

function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  let space = "";
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s/.test(token)) {
      space += token;
      continue;
    }
    const last = pieces[pieces.length - 1];
    // Two tokens with nothing between them are two wide characters, or one beside a Latin run.
    const glued =
      last !== undefined && (space === "" ? CLOSING.test(token) || OPENING.test(last.text) : FIGURE.test(last.text) && UNIT.test(token));
    if (glued && last !== undefined) last.text += space + token;
    else pieces.push({ space, text: token });
    space = "";
  }
  return pieces;
}

/** Where `text` may break: after each `/`, as offsets into the string. */
function slashes(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf("/"); at !== -1; at = text.indexOf("/", at + 1)) offsets.push(at + 1);
  return offsets;
}

/**
 * Cuts `text` (a path, most often) into parts of at most `first`, then `rest`, columns, after a
 * `/`: the last one that fits but keeps the last two names together when they fit on the next
 * line (a layer's id stays with its `/diff`), else the last that fits; where the line is full
 * when no `/` will do. A cut never leaves a line less than a third full.
 */
function cut(text: string, first: number, rest: number): string[] {
  if (displayWidth(text) <= first) return [text];
  const fits = slashes(text).filter((at) => {
    const width = displayWidth(text.slice(0, at));
    return width <= first && width >= first / 3;
  });
  const lastName = text.lastIndexOf("/") + 1;
  const together = fits.filter((at) => at < lastName && displayWidth(text.slice(at)) <= rest).at(-1);
  let at = together ?? fits.at(-1);
  if (at === undefined) {
    // No `/` will do: as many characters as fit.
    at = 0;
    for (const char of text) {
      if (displayWidth(text.slice(0, at + char.length)) > first) break;
      at += char.length;
    }
    at = Math.max(at, 1);
  }
  return [text.slice(0, at), ...cut(text.slice(at), rest, rest)];
}

/** One row as the lines it takes in `width` columns (undefined: one line, as long as it is). */
export function fitRow(row: Row, width: number | undefined): string[] {
  const style = row.style ?? ((text: string) => text);
  // Names come from strangers' layers: no control character of theirs reaches the terminal.
  const mark = row.mark === undefined ? "" : shortenIds(printableName(row.mark));
  const gap = row.mark === undefined ? "" : " ".repeat(row.gap ?? 1);
  const lead = `${" ".repeat(row.indent)}${mark === "" ? "" : (row.markStyle ?? style)(mark)}${gap}`;
  const text = shortenIds(printableName(row.text));
  if (width === undefined) return [`${lead}${style(text)}`];
  // Continuation lines start under the text after a mark, and a little in without one: either
  // way a reader sees where the next row begins.
  const hangWidth = row.indent + (mark === "" ? CONTINUATION : displayWidth(mark) + gap.length);
  const hang = width - hangWidth >= MIN_TEXT_COLUMNS ? hangWidth : row.indent;
  const rest = Math.max(width - hang, 1);
  const lines: string[] = [];
  let line = "";
  let room = Math.max(width - row.indent - displayWidth(mark) - gap.length, 1);
  const flush = () => {
    lines.push(line);
    line = "";
    room = rest;
  };
  for (const piece of piecesOf(text)) {
    const joined = line === "" ? piece.text : `${line}${piece.space}${piece.text}`;
    if (displayWidth(joined) <= room) {
      line = joined;
      continue;
    }
    // Too long for any line (a path): start it here when a useful part of it fits, else below.
    if (displayWidth(piece.text) > rest) {
      if (line !== "" && room - displayWidth(line + piece.space) < MIN_TEXT_COLUMNS / 2) flush();
      const before = line === "" ? "" : `${line}${piece.space}`;
      const parts = cut(piece.text, room - displayWidth(before), rest);
      line = `${before}${parts[0] ?? ""}`;
      for (const part of parts.slice(1)) {
        flush();
        line = part;
      }
      continue;
    }
    flush();
    line = piece.text;
  }
  lines.push(line);
  return lines.map((text, index) => (index === 0 ? `${lead}${style(text)}` : `${" ".repeat(hang)}${style(text)}`));
}

/** Every row, fitted, as the text to print. */
export function layout(rows: readonly Row[], width: number | undefined): string {
  return rows.flatMap((row) => fitRow(row, width)).join("\n");
}
