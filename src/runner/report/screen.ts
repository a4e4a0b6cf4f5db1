// Lines on the terminal, each fitted to its width before it is written: prose wraps at word
// boundaries (CJK between characters), commands between their words with their timing kept on
// the last row, output lines are cut hard under a mark. Continuation rows go under the text
// they continue. An ora spinner, when one runs, is cleared around each write.
import type { Ora } from "ora";
import { displayWidth, HARD_MARK, loadExactWidths, wrap, wrapCommand, wrapCopyable, wrapRaw, wrapWithTail } from "./text.js";

export type Style = (text: string) => string;

const plain: Style = (text) => text;

// Prose reads best within 100 columns; command output and the layer map may use the whole terminal.
const PROSE_MAX = 100;

export { terminalColumns } from "../../sys/columns.js";

/** A value narrower than this under its label goes under the label's start instead. */
const MIN_VALUE = 20;

export class Screen {
  readonly columns: number;
  /** Where prose ends: the terminal's width, at most PROSE_MAX. */
  readonly width: number;
  spinner: Ora | undefined;
  readonly #write: (text: string) => void;

  /** A screen whose widths are exact: string-width and wrap-ansi loaded (text.ts). */
  static async open(columns: number, write: (text: string) => void): Promise<Screen> {
    await loadExactWidths();
    return new Screen(columns, write);
  }

  constructor(columns: number, write: (text: string) => void) {
    this.columns = columns;
    // No width at all (a pipe): nothing wraps, prose neither.
    this.width = Number.isFinite(columns) ? Math.min(columns, PROSE_MAX) : columns;
    this.#write = write;
  }

  line(text = ""): void {
    this.spinner?.clear();
    this.#write(`${text}\n`);
    this.spinner?.render();
  }

  /** Text with no newline (a prompt the cursor waits after). */
  write(text: string): void {
    this.spinner?.clear();
    this.#write(text);
  }

  /** Rows already fitted: the first after `first`, the others after `rest`; blank rows stay blank. */
  rows(rows: readonly string[], first: string, rest: string): void {
    rows.forEach((row, index) => {
      this.line(row === "" ? "" : (index === 0 ? first : rest) + row);
    });
  }

  /**
   * Prose after `indent`. A leading mark (●, •, ·, →, ✎, ✓, ✗, ✔, ✖, ↷, !) hangs: the rows after
   * the first start under the text, not under the mark.
   */
  prose(text: string, indent = "  ", style: Style = plain, markStyle: Style = style): void {
    const mark = /^[●•·→✎✓✗✔✖↷!] /.exec(text)?.[0] ?? "";
    const rest = indent + " ".repeat(displayWidth(mark));
    const rows = wrap(text.slice(mark.length), this.width - displayWidth(rest));
    this.rows(
      rows.map((row) => style(row)),
      indent + (mark === "" ? "" : `${markStyle(mark.trimEnd())} `),
      rest,
    );
  }

  /**
   * `lead` (already styled, `leadWidth` columns) then prose: the prose's first row follows the
   * lead, the others start at `restIndent`.
   */
  lead(lead: string, leadWidth: number, text: string, restIndent: string, style: Style = plain): void {
    const rows = wrap(text, this.width - leadWidth, this.width - displayWidth(restIndent));
    // Nothing fitted after the lead (an empty text, or a first word too wide): the lead stands alone.
    if (rows[0] === "") {
      this.line(lead.trimEnd());
      this.rows(
        rows.slice(1).map((row) => style(row)),
        restIndent,
        restIndent,
      );
    } else {
      this.rows(
        rows.map((row) => style(row)),
        lead,
        restIndent,
      );
    }
  }

  /** Prose whose last word carries `tail` (a timing), styled apart: "✔ Step 1/8 · Title (4.1 ms)". */
  withTail(text: string, tail: string, indent: string, style: Style, tailStyle: Style): void {
    const rest = " ".repeat(displayWidth(indent));
    const rows = wrapWithTail(text, tail, this.width - rest.length);
    this.rows(
      rows.map((row, index) => (index === rows.length - 1 ? styleTail(row, tail, style, tailStyle) : style(row))),
      indent,
      rest,
    );
  }

  /** `$ command (3.1 ms)`: a long command wraps between its words, its continuation hanging. */
  command(prompt: string, command: string, tail: string, style: Style, tailStyle: Style = style): void {
    const first = displayWidth(prompt);
    const rest = " ".repeat(first + 2);
    const rows = wrapCommand(command, this.width - first, this.width - rest.length, tail);
    this.rows(
      rows.map((row, index) => (index === rows.length - 1 && tail !== "" ? styleTail(row, tail, style, tailStyle) : style(row))),
      prompt,
      rest,
    );
  }

  /**
   * A command for the reader to copy and run (the kept workspace's clean-up): broken only between
   * shell words, each row but the last ending in ` \\`, so that the rows pasted are the command.
   */
  copyable(prompt: string, command: string, style: Style): void {
    const rest = " ".repeat(displayWidth(prompt) + 2);
    const rows = wrapCopyable(command, { first: this.width - displayWidth(prompt), rest: this.width - rest.length, full: this.width });
    rows.forEach((row, index) => {
      this.line(`${index === 0 ? prompt : row.continues ? "" : rest}${style(row.text)}`);
    });
  }

  /** Lines that are not prose (command output, paths): kept whole when they fit, else cut under a mark. */
  raw(text: string, indent: string, style: Style = plain, markStyle: Style = plain, room = this.columns - displayWidth(indent)): void {
    for (const line of text.split("\n")) {
      for (const row of wrapRaw(line, room)) {
        this.line(indent + (row.startsWith(HARD_MARK) ? markStyle(HARD_MARK) + style(row.slice(HARD_MARK.length)) : style(row)));
      }
    }
  }

  /**
   * `label value`: the value wraps under itself, or under the label's start when that would
   * leave it fewer than MIN_VALUE columns. A raw value (a path) is cut, never reflowed.
   */
  labelled(indent: string, label: string, value: string, labelStyle: Style, valueStyle: Style, kind: "prose" | "raw" = "prose"): void {
    const head = `${indent}${labelStyle(label)}`;
    const under = displayWidth(indent + label);
    const roomy = this.width - under >= MIN_VALUE;
    const rest = roomy ? " ".repeat(under) : `${indent}  `;
    if (kind === "prose") {
      this.lead(head, under, value, rest, valueStyle);
      return;
    }
    const rows = wrapRaw(value, this.width - rest.length);
    if (displayWidth(value) <= this.width - under) {
      this.line(head + valueStyle(value));
    } else if (roomy) {
      this.rows(
        rows.map((row) => valueStyle(row)),
        head,
        rest,
      );
    } else {
      this.line(head.trimEnd());
      this.rows(
        rows.map((row) => valueStyle(row)),
        rest,
        rest,
      );
    }
  }
}

/** The last row of a wrapped text ends with its tail: style the two apart. */
function styleTail(row: string, tail: string, style: Style, tailStyle: Style): string {
  if (!row.endsWith(tail)) return style(row);
  const head = row.slice(0, row.length - tail.length);
  if (head === "") return tailStyle(tail);
  // Keep the gap between them (a space, or none after full-width punctuation) unstyled.
  const trimmed = head.trimEnd();
  return `${style(trimmed)}${head.slice(trimmed.length)}${tailStyle(tail)}`;
}
