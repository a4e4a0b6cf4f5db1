// The one place that knows how wide text is on a terminal and how it breaks into rows.
//
// Widths: the East Asian Width table (get-east-asian-width: a CJK character takes two columns)
// for text whose every code point stands alone, string-width for the rest (combining marks,
// joiners, emoji sequences: it segments graphemes). Hard cuts inside a word come from wrap-ansi,
// which cuts between graphemes, never inside one. string-width and wrap-ansi cost about 25 ms
// to load and string-width some 40 µs a sentence, so they are loaded by the reporters before
// their first line (loadExactWidths) and never by --help or --json; help, which measures only
// the catalogue's own words, reads the table alone.
//
// Where a line breaks is decided here: wrap-ansi breaks only at spaces, which Chinese and
// Japanese do not have, so prose is cut into units the way CJK typesetting does (between any
// two characters, but never before 。）ー or a small kana, never after （「) and Latin words stay
// whole.
import { eastAsianWidth } from "get-east-asian-width";
import { gap } from "../../i18n/index.js";

interface ExactWidths {
  stringWidth(text: string): number;
  wrapAnsi(text: string, columns: number, options: { hard: boolean; wordWrap: boolean; trim: boolean }): string;
}

let exact: ExactWidths | undefined;

/** Load string-width and wrap-ansi: a reporter does before it lays out its first line. */
export async function loadExactWidths(): Promise<void> {
  if (exact !== undefined) return;
  const [{ default: stringWidth }, { default: wrapAnsi }] = await Promise.all([import("string-width"), import("wrap-ansi")]);
  exact = { stringWidth, wrapAnsi };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// What only a grapheme segmenter measures right: combining marks (and emoji variation
// selectors), joiners, controls, skin tones, flags, Hangul jamo. A lone emoji is Wide in the
// table already, and ▶ ✔ ↪ are one column as text: the table is right for them.
const NEEDS_GRAPHEMES = /[\p{M}\p{Cf}\p{Cc}\p{Emoji_Modifier}\u1160-\u11ff\u{1f1e6}-\u{1f1ff}]/u;

export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (exact !== undefined && NEEDS_GRAPHEMES.test(text)) return exact.stringWidth(text);
  let width = 0;
  for (const char of text.replace(ANSI_STYLE, "")) width += eastAsianWidth(char.codePointAt(0) ?? 0);
  return width;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: a style escape starts with ESC.
const ANSI_STYLE = /\u001b\[[0-9;]*m/g;

/** One code point's columns. */
const charWidth = (char: string): number => displayWidth(char);

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Cut `text` to `width` columns, ending in "…" when anything was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  const head = hardSplit(text, width - 1)[0] ?? "";
  // A wide character cannot go into one last column: leave the column empty rather than overflow.
  return displayWidth(head) <= width - 1 ? `${head}…` : "…";
}

/** Cut from the start, keeping the end (a path's file name): "…/app/index.db". */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  const chars = [...text];
  let tail = "";
  let used = 0;
  while (chars.length > 0 && used + charWidth(chars.at(-1) ?? "") <= width - 1) {
    used += charWidth(chars.at(-1) ?? "");
    tail = `${chars.pop()}${tail}`;
  }
  return `…${tail}`;
}

/** Replace tabs with spaces up to the next stop every 8 columns, counted from each line's start. */
export function expandTabs(text: string, stop = 8): string {
  if (!text.includes("\t")) return text;
  return text
    .split("\n")
    .map((line) => {
      let out = "";
      let column = 0;
      for (const char of line) {
        const add = char === "\t" ? " ".repeat(stop - (column % stop)) : char;
        out += add;
        column += char === "\t" ? add.length : charWidth(char);
      }
      return out;
    })
    .join("\n");
}

/** Pieces of at most `width` columns, cut between graphemes (a wide character is never halved). */
function hardSplit(text: string, width: number): string[] {
  if (exact !== undefined) return exact.wrapAnsi(text, width, { hard: true, wordWrap: false, trim: false }).split("\n");
  // Without wrap-ansi (help's words): between code points.
  const pieces = [""];
  let used = 0;
  for (const char of text) {
    const add = charWidth(char);
    if (used + add > width && pieces.at(-1) !== "") {
      pieces.push("");
      used = 0;
    }
    pieces[pieces.length - 1] += char;
    used += add;
  }
  return pieces;
}

/** A piece that is never broken inside, and whether a space stood before it. */
interface Unit {
  text: string;
  space: boolean;
}

// Kinsoku: characters a row may not start with (closing marks, the long-vowel mark, small kana)
// and characters a row may not end with (opening marks).
const NO_BREAK_BEFORE = new Set("，。、；：！？）」』”’》】〉〕｝…‥・ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ),.:;!?%");
const NO_BREAK_AFTER = new Set("（「『“‘《【〈〔｛(");

const isWide = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x1100 && eastAsianWidth(code) === 2;
};

function breakAllowed(before: string, after: string): boolean {
  if (NO_BREAK_BEFORE.has(after) || NO_BREAK_AFTER.has(before)) return false;
  // Between two CJK characters, or where CJK meets a Latin word; never inside a Latin word.
  return isWide(before) || isWide(after);
}

/** Prose cut into units: Latin words, and CJK characters with the punctuation that clings to them. */
function proseUnits(paragraph: string): Unit[] {
  const units: Unit[] = [];
  let space = false;
  let previous = "";
  for (const char of paragraph) {
    // A break at a space, never at a no-break space (U+00A0), which keeps "✓ step" together.
    if (/[ \t\n\r\f\v\u3000]/.test(char)) {
      space = units.length > 0;
      continue;
    }
    const last = units.at(-1);
    if (last !== undefined && !space && !breakAllowed(previous, char)) last.text += char;
    else units.push({ text: char, space });
    space = false;
    previous = char;
  }
  return units;
}

/**
 * Units laid into rows greedily: the first row holds `first` columns, the others `rest`. A unit
 * wider than a row is split at the last separator that fits (`/`, `,`, `:`, `=` in a path or an
 * option list), else hard; each piece after a hard cut starts with `mark`.
 */
function fill(units: readonly Unit[], first: number, rest: number, mark = ""): string[] {
  const rows: string[] = [];
  let row = "";
  let used = 0;
  const limit = (): number => (rows.length === 0 ? first : rest);
  const push = (): void => {
    rows.push(row);
    row = "";
    used = 0;
  };
  for (const unit of units) {
    let text = unit.text;
    let width = displayWidth(text);
    const space = row !== "" && unit.space ? 1 : 0;
    if (row !== "" && used + space + width > limit()) push();
    // A first row narrowed by a label: a word that fits the next rows goes there whole.
    else if (row === "" && rows.length === 0 && width > first && width <= rest) push();
    else if (space === 1) {
      row += " ";
      used += 1;
    }
    while (used + width > limit()) {
      const room = limit() - used;
      if (room < 4 && row !== "") {
        push();
        continue;
      }
      const [head, tail, hard] = splitAt(text, room);
      row += head;
      push();
      text = hard ? `${mark}${tail}` : tail;
      width = displayWidth(text);
    }
    row += text;
    used += width;
  }
  if (row !== "" || rows.length === 0) rows.push(row);
  return rows;
}

/** The longest head of `text` within `room` columns, preferring to end after a space or a separator. */
function splitAt(text: string, room: number): [head: string, tail: string, hard: boolean] {
  const chars = [...text];
  let width = 0;
  let fits = 0;
  let separator = 0;
  for (const [index, char] of chars.entries()) {
    width += charWidth(char);
    if (width > room) break;
    fits = index + 1;
    if (" /,:=".includes(char)) separator = index + 1;
  }
  // A separator in the second half of the room reads better than a cut; earlier, it wastes the row.
  if (separator > 0 && separator >= fits / 2) return [chars.slice(0, separator).join(""), chars.slice(separator).join(""), false];
  // At least one grapheme, or the row would never move on; never into a glued tail, whose word
  // keeps at least its last character.
  let head = hardSplit(text, Math.max(room, 1))[0] || (chars[0] ?? "");
  const glued = text.indexOf(NO_BREAK);
  // (Unless nothing but a mark would be left before the cut: a row that narrow has no choice.)
  if (glued > 1 && head.length >= glued && text.slice(0, glued - 1).replace(HARD_MARK, "") !== "") head = text.slice(0, glued - 1);
  // Kinsoku holds in a hard cut too: the next row does not start with "）" or "ー".
  while (head.length > 1 && NO_BREAK_BEFORE.has(text[head.length] ?? "")) head = head.slice(0, -1);
  return [head, text.slice(head.length), true];
}

/**
 * Wrap prose: the first row holds `width` columns, the rest `restWidth` (a hanging indent's
 * rows are narrower). Blank lines stay as paragraph breaks.
 */
export function wrap(text: string, width: number, restWidth = width): string[] {
  return text.split("\n").flatMap((paragraph) => fill(proseUnits(glueUnits(paragraph)), width, restWidth).map(unglue));
}

// A figure and its unit are one word to a reader: "104,882,176 B", "3.9 ms", "1.1 GiB/s" never
// break between them (the formatters in i18n/format.ts write them with a plain space).
const FIGURE_UNIT = /(\d) (?=(?:[KMGTPE]i?)?B(?:\/s)?(?![\w/])|[mµn]?s(?![\w/])|%)/g;
const glueUnits = (paragraph: string): string => paragraph.replace(FIGURE_UNIT, `$1${NO_BREAK}`);

/**
 * Wrap prose whose last word carries `tail` (a timing: "(3.1 ms)"): the tail never starts a row
 * of its own, it goes down with the last word.
 */
export function wrapWithTail(text: string, tail: string, width: number, restWidth = width): string[] {
  const units = proseUnits(text);
  const last = units.at(-1);
  if (last === undefined) return [tail];
  last.text += glue(last.text, tail);
  return fill(units, width, restWidth).map(unglue);
}

/**
 * A shell command as rows: breaks between its words; a word wider than a row breaks after a
 * separator, else hard, marked. `tail` (the timing) stays with the last word.
 */
export function wrapCommand(command: string, width: number, restWidth: number, tail = ""): string[] {
  const units: Unit[] = shellWords(command).map((word, index) => ({ text: word, space: index > 0 }));
  const last = units.at(-1);
  if (last !== undefined && tail !== "") last.text += glue(last.text, tail);
  return fill(units, width, restWidth, HARD_MARK).map(unglue);
}

/** A row of a command to copy, and whether it starts a word (indented) or goes on with one (column 0). */
export interface CopyRow {
  text: string;
  continues: boolean;
}

/**
 * A command to copy: rows broken between shell words where they can be, every row but the last
 * ending in " \\" (the shell's line continuation). A row that starts a word may be indented (the
 * spaces only part words); a word wider than a row (a long path) is cut, and its rest starts at
 * column 0, so that the shell, given the rows as pasted, joins it back whole.
 */
export function wrapCopyable(command: string, widths: { first: number; rest: number; full: number }): CopyRow[] {
  if (displayWidth(command) <= widths.first) return [{ text: command, continues: false }];
  const rows: CopyRow[] = [];
  let row: CopyRow = { text: "", continues: false };
  // Room for the text of the row being filled, the " \\" that ends it kept aside.
  const room = (): number => (row.continues ? widths.full : rows.length === 0 ? widths.first : widths.rest) - 2;
  for (const word of shellWords(command)) {
    if (row.text !== "" && displayWidth(`${row.text} ${word}`) > room()) {
      rows.push({ text: `${row.text} \\`, continues: row.continues });
      row = { text: "", continues: false };
    }
    let text = row.text === "" ? word : `${row.text} ${word}`;
    // Too wide even alone: cut it, the rest at column 0 (no space before a mark inside a word).
    while (displayWidth(text) > room()) {
      const cut = sliceWidth(text, room());
      rows.push({ text: `${cut}\\`, continues: row.continues });
      text = text.slice(cut.length);
      row = { text: "", continues: true };
    }
    row = { text, continues: row.continues };
  }
  rows.push(row);
  return rows;
}

/** The longest start of `text` at most `width` columns wide (at least one character). */
function sliceWidth(text: string, width: number): string {
  let end = 1;
  while (end < text.length && displayWidth(text.slice(0, end + 1)) <= width) end++;
  return text.slice(0, end);
}

// A tail is glued to its word by no-break spaces, which splitAt never breaks at: "merged (6.3 ms)"
// may go down a row whole, never leave "(6.3 ms)" alone. They are plain spaces again on screen.
const NO_BREAK = "\u00a0";
const glue = (word: string, tail: string): string => `${gap(word, tail) === "" ? "" : NO_BREAK}${tail.replaceAll(" ", NO_BREAK)}`;
const unglue = (row: string): string => row.replaceAll(NO_BREAK, " ");

/** Words split at spaces outside single quotes: `stat -c '%F %t:%T'` has three. */
function shellWords(command: string): string[] {
  return command.match(/(?:'[^']*'|[^\s'])+|'[^']*$/g) ?? [];
}

/** Starts each part of a line that did not fit and was cut hard (not prose: never reflowed). */
export const HARD_MARK = "↪";

/**
 * Text that is not prose (a line of command output, a path): kept as it is when it fits, else
 * cut into rows, each after the first starting with the mark, so it is never read as a new line.
 */
export function wrapRaw(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  return fill([{ text: line, space: false }], width, width - 2).map((row, index) => (index === 0 ? row : `${HARD_MARK} ${row}`).trimEnd());
}
