// Names as a layer holds them: bytes, which images from strangers need not make UTF-8. A name
// that is UTF-8 is its text; one that is not carries each byte that does not decode as the lone
// surrogate U+DC80 + (byte - 0x80) (Python's "surrogateescape"), so it is still a string, sorts,
// joins into paths, round-trips to its bytes for every file system call, and JSON writes it
// losslessly (JSON.stringify escapes a lone surrogate as \udcXX). On screen, every control
// character, every escaped byte and every bidirectional override is shown escaped, as `ls -b`
// does: a name must never clear the screen or retitle the terminal of the person inspecting.

const fatal = new TextDecoder("utf-8", { fatal: true });
const ESCAPED = /[\udc80-\udcff]/;

/** The name of `bytes` as the program carries it (see above). */
export function decodeName(bytes: Buffer): string {
  try {
    return fatal.decode(bytes);
  } catch {
    let text = "";
    let at = 0;
    while (at < bytes.length) {
      // The longest valid UTF-8 sequence starting here, else one escaped byte.
      const run = validRun(bytes, at);
      if (run > 0) {
        text += bytes.toString("utf8", at, at + run);
        at += run;
      } else {
        text += String.fromCharCode(0xdc00 + (bytes[at] ?? 0));
        at++;
      }
    }
    return text;
  }
}

/** How many bytes from `at` form whole, valid UTF-8 characters (0 when the first does not). */
function validRun(bytes: Buffer, at: number): number {
  let end = at;
  while (end < bytes.length) {
    const first = bytes[end] ?? 0;
    const length =
      first < 0x80 ? 1 : first >= 0xc2 && first < 0xe0 ? 2 : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
    if (length === 0 || end + length > bytes.length) break;
    try {
      fatal.decode(bytes.subarray(end, end + length));
    } catch {
      break;
    }
    end += length;
  }
  return end - at;
}

/** Does this path carry a byte that is not UTF-8? */
export function hasEscapes(path: string): boolean {
  return ESCAPED.test(path);
}

/** The bytes of a path that carries escaped bytes, for a file system call; else the string itself. */
export function fsPath(path: string): string | Buffer {
  if (!hasEscapes(path)) return path;
  const parts: Buffer[] = [];
  let text = "";
  for (const char of path) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xdc80 && code <= 0xdcff) {
      if (text !== "") parts.push(Buffer.from(text, "utf8"));
      text = "";
      parts.push(Buffer.of(code - 0xdc00));
    } else text += char;
  }
  if (text !== "") parts.push(Buffer.from(text, "utf8"));
  return Buffer.concat(parts);
}

// C0 and C1 controls, DEL, the escaped bytes, and the bidirectional overrides and isolates
// (U+202A-U+202E, U+2066-U+2069: "Trojan source" reorders what a reader sees).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\udc80-\udcff\\]/g;

/** A name or path as a person may safely read it: "caf\xe9.bin", "evil\x1b[2J", a backslash as "\\". */
export function printableName(name: string): string {
  return name.replace(UNSAFE, (char) => {
    if (char === "\\") return "\\\\";
    const code = char.charCodeAt(0);
    if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, "0")}`;
    if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
    return `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
