// A line the learner typed, split into simple commands and words the way the shell would for the
// cases a lesson meets: quotes, backslashes, $NAME and ${NAME} from the practice shell's own
// environment, ~, redirections, and the operators between commands. Anything this cannot
// reproduce exactly (command substitution, globs, arithmetic, $1 or $?, an unset variable) marks
// the command as not exact: the grader may still read its words, but never runs them again.

export interface SimpleCommand {
  words: string[];
  /** Every word is exactly what the shell made of it. */
  exact: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const OPERATORS = new Set([";", "&", "|", "\n", "(", ")"]);

export function splitCommandLine(line: string, env: Env): SimpleCommand[] {
  return new LineSplitter(line, env).split();
}

/** One pass over the line; `index` is where it is, the rest is the command being built. */
class LineSplitter {
  private readonly commands: SimpleCommand[] = [];
  private words: string[] = [];
  private word = "";
  private inWord = false;
  private exact = true;
  /** A redirection's target (`2>/dev/null`) is not a word of the command. */
  private dropNext = false;
  private index = 0;

  constructor(
    private readonly line: string,
    private readonly env: Env,
  ) {}

  split(): SimpleCommand[] {
    for (; this.index < this.line.length; this.index++) if (!this.step(this.line.charAt(this.index))) break;
    this.endCommand();
    return this.commands;
  }

  /** Take the character at `index` (and whatever belongs to it); false at a comment, which ends the line. */
  private step(char: string): boolean {
    const next = this.line.charAt(this.index + 1);
    if (char === "\\") {
      if (next !== "\n") this.append(next);
      this.index++;
    } else if (char === "'") {
      const end = this.line.indexOf("'", this.index + 1);
      if (end < 0) this.exact = false;
      this.append(this.line.slice(this.index + 1, end < 0 ? this.line.length : end));
      this.index = end < 0 ? this.line.length : end;
    } else if (char === '"') {
      this.index = this.doubleQuoted(this.index + 1);
      this.inWord = true;
    } else if (char === "$") {
      this.append(this.expand());
    } else if (char === "`") {
      this.exact = false;
      const end = this.line.indexOf("`", this.index + 1);
      this.append(this.line.slice(this.index, end < 0 ? this.line.length : end + 1));
      this.index = end < 0 ? this.line.length : end;
    } else if (char === "#" && !this.inWord) {
      return false;
    } else if (char === " " || char === "\t") {
      this.endWord();
    } else if (OPERATORS.has(char)) {
      this.endCommand();
    } else if (char === "<" || char === ">") {
      this.redirection();
    } else if (char === "~" && !this.inWord && /^(?:\/|\s|$)/.test(next)) {
      if (this.env.HOME === undefined) this.exact = false;
      this.append(this.env.HOME ?? "~");
    } else {
      if (char === "*" || char === "?" || char === "[") this.exact = false; // a glob
      this.append(char);
    }
    return true;
  }

  private append(text: string): void {
    this.word += text;
    this.inWord = true;
  }

  private endWord(): void {
    if (this.inWord && !this.dropNext) this.words.push(this.word);
    if (this.inWord) this.dropNext = false;
    this.word = "";
    this.inWord = false;
  }

  private endCommand(): void {
    this.endWord();
    if (this.words.length > 0) this.commands.push({ words: this.words, exact: this.exact });
    this.words = [];
    this.exact = true;
    this.dropNext = false;
  }

  /** `2>file`, `>>file`, `&>file`: the digits before belong to the operator, the next word is its target. */
  private redirection(): void {
    if (!/^\d*$/.test(this.word)) this.endWord();
    this.word = "";
    this.inWord = false;
    while (this.line.charAt(this.index + 1) === ">" || this.line.charAt(this.index + 1) === "&") this.index++;
    this.dropNext = true;
  }

  /** $NAME or ${NAME} at `index` (which holds the $): its value; `index` ends on its last character. */
  private expand(): string {
    const rest = this.line.slice(this.index + 1);
    if (rest.startsWith("(")) {
      this.exact = false; // $(…) and $((…)): not ours to run; skipped whole, so its ) ends nothing
      const start = this.index;
      this.index = this.closing(this.index + 1);
      return this.line.slice(start, this.index + 1);
    }
    const braced = BRACED.exec(rest);
    const name = braced?.[1] ?? NAME.exec(rest)?.[0];
    if (name === undefined) {
      this.exact = false; // $1, $?, ${x:-y}: not ours to evaluate
      return "$";
    }
    const value = this.env[name];
    if (value === undefined) this.exact = false;
    this.index += braced ? braced[0].length : name.length;
    return value ?? "";
  }

  /** The index of the ) that closes the ( at `open` (the end of the line when none does). */
  private closing(open: number): number {
    let depth = 0;
    for (let index = open; index < this.line.length; index++) {
      if (this.line.charAt(index) === "(") depth++;
      else if (this.line.charAt(index) === ")" && --depth === 0) return index;
    }
    return this.line.length;
  }

  /** A "…" string from `start`; returns the index of its closing quote. */
  private doubleQuoted(start: number): number {
    for (this.index = start; this.index < this.line.length && this.line.charAt(this.index) !== '"'; this.index++) {
      const char = this.line.charAt(this.index);
      const next = this.line.charAt(this.index + 1);
      if (char === "\\" && '"\\$`\n'.includes(next)) {
        if (next !== "\n") this.word += next;
        this.index++;
      } else if (char === "$") {
        this.word += this.expand();
      } else {
        if (char === "`") this.exact = false;
        this.word += char;
      }
    }
    if (this.index >= this.line.length) this.exact = false;
    return this.index;
  }
}
