import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import {
  displayWidth,
  HARD_MARK,
  loadExactWidths,
  truncate,
  truncateStart,
  wrap,
  wrapCommand,
  wrapCopyable,
  wrapRaw,
  wrapWithTail,
} from "../../src/runner/report/text.js";

/** Nothing lost, nothing added: the rows hold the text's characters in order (spaces aside). */
const sameText = (rows: string[], text: string): boolean => rows.join("").replace(/\s/g, "") === text.replace(/\s/g, "");

describe("widths from the East Asian Width table alone (as --help measures)", () => {
  it("counts CJK characters as two columns, escapes as none", () => {
    expect(displayWidth("镜像层 abc")).toBe(10);
    expect(displayWidth("コピーアップ")).toBe(12);
    expect(displayWidth("\u001b[1mbold\u001b[22m")).toBe(4);
    expect(
      wrap("命令が終わるとビルダーはアンマウントし、その upper が新しいレイヤーになります。", 20).every((row) => displayWidth(row) <= 20),
    ).toBe(true);
  });
});

describe("terminal widths", () => {
  beforeAll(loadExactWidths);

  it("counts CJK characters as two columns, escapes as none", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("镜像层")).toBe(6);
    expect(displayWidth("コピーアップ")).toBe(12);
    expect(displayWidth("\u001b[1mbold\u001b[22m")).toBe(4);
  });

  it("counts a combining mark with its letter, and an emoji as two", () => {
    // "é" written as e + U+0301: one column on a terminal (the hand-made table counted two).
    expect(displayWidth("cafe\u0301")).toBe(4);
    expect(displayWidth("📦")).toBe(2);
    expect(displayWidth("\u200b")).toBe(0);
  });

  it("cuts at the end or at the start, within the width, with a mark", () => {
    expect(truncate("ディレクトリ", 7)).toBe("ディレ…");
    expect(displayWidth(truncate("ディレクトリ", 8))).toBeLessThanOrEqual(8);
    expect(truncate("short", 10)).toBe("short");
    expect(truncateStart("var/cache/app/index.db", 12)).toBe("…pp/index.db");
  });
});

describe("wrapping prose", () => {
  beforeAll(loadExactWidths);

  it("wraps English at spaces, never inside a word", () => {
    expect(wrap("the quick brown fox jumps", 10)).toEqual(["the quick", "brown fox", "jumps"]);
    const text = "overlayfs copies the whole file up on its first write";
    const words = new Set(text.split(" "));
    for (let width = 9; width <= 30; width++) {
      const rows = wrap(text, width);
      for (const row of rows) {
        expect(displayWidth(row)).toBeLessThanOrEqual(width);
        for (const word of row.split(" ")) expect(words.has(word), `width ${width}: ${row}`).toBe(true);
      }
      expect(rows.join(" ")).toBe(text);
    }
  });

  it("wraps Chinese between characters, never before closing or after opening punctuation", () => {
    const text = "现在容器修改了它的配置。lower 不能变，所以第一次写入时，内核先把文件复制到 upper（copy-up），写入落在副本上。";
    // From 14 columns up: "（copy-up），" is one unit 13 columns wide.
    for (let width = 14; width <= 40; width++) {
      const rows = wrap(text, width);
      for (const row of rows) {
        expect(displayWidth(row), `width ${width}: ${row}`).toBeLessThanOrEqual(width);
        expect(row, `width ${width}`).not.toMatch(/^[，。、；：！？）」』”]/);
        expect(row, `width ${width}`).not.toMatch(/[（「『“]$/);
      }
      // Latin words inside Chinese stay whole.
      expect(
        rows.some((row) => row.includes("copy-up")),
        `width ${width}`,
      ).toBe(true);
      expect(sameText(rows, text)).toBe(true);
    }
  });

  it("wraps Japanese without starting a row on ー, a small kana or 、", () => {
    const text =
      "命令が終わるとビルダーはアンマウントし、その upper が新しいレイヤーになります。COPY はビルドコンテキストのファイルを追加します。";
    for (let width = 10; width <= 40; width++) {
      for (const row of wrap(text, width)) {
        expect(displayWidth(row)).toBeLessThanOrEqual(width);
        expect(row, `width ${width}`).not.toMatch(/^[ーァィゥェォッャュョぁぃぅぇぉっゃゅょ、。）]/);
      }
    }
  });

  it("gives the first row its own width (a hanging label) and moves a word that only fits the next rows", () => {
    const rows = wrap("a character device 0:0", 5, 30);
    expect(rows).toEqual(["a", "character device 0:0"]);
  });

  it("keeps a timing with the last word, in every language and width", () => {
    for (const title of [
      "Step 5/8 · Write through merged: copy-up",
      "第 5/8 步 · 通过 merged 写入：copy-up",
      "ステップ 7/8 · merged 経由で削除する：ホワイトアウト",
    ]) {
      for (let width = 12; width <= 60; width++) {
        const rows = wrapWithTail(title, "(3.1 ms)", width);
        for (const row of rows) expect(displayWidth(row), `${width}: ${row}`).toBeLessThanOrEqual(width);
        const last = rows.at(-1) ?? "";
        expect(last, `${width}`).toMatch(/\S \(3\.1 ms\)$/);
        expect(last).not.toMatch(/^\(3\.1/);
      }
    }
  });
});

describe("wrapping a command", () => {
  const mount =
    "mount -t overlay overlay -o lowerdir=/tmp/ol-test-AbC123/overlay-lesson-XyZ12a/lower,upperdir=/tmp/ol-test-AbC123/overlay-lesson-XyZ12a/upper,workdir=/tmp/ol-test-AbC123/overlay-lesson-XyZ12a/work /tmp/ol-test-AbC123/overlay-lesson-XyZ12a/merged";

  it.each([56, 76, 96])("fits %i columns with a hanging indent, breaking between words first", (width) => {
    const rows = wrapCommand(mount, width, width - 2, "(5.5 ms)");
    expect(displayWidth(rows[0] ?? "")).toBeLessThanOrEqual(width);
    for (const row of rows.slice(1)) expect(displayWidth(row)).toBeLessThanOrEqual(width - 2);
    expect(rows[0]).toMatch(/^mount -t overlay overlay -o/);
    expect(rows.at(-1)).toMatch(/merged \(5\.5 ms\)$/);
    // Nothing is lost or added: the rows are the command, cut between words or after a separator.
    expect(rows.join("").replace(/\s/g, "")).toBe(`${mount}(5.5ms)`.replace(/\s/g, ""));
  });

  it("keeps a quoted word whole and never leaves the timing alone", () => {
    const rows = wrapCommand("stat -c '%F %t:%T' upper/image-log.txt", 20, 18, "(3.2 ms)");
    expect(rows).toContain("stat -c '%F %t:%T'");
    expect(rows.at(-1)).toMatch(/\S \(3\.2 ms\)$/);
    for (let width = 12; width <= 40; width++) {
      const last =
        wrapCommand("dd if=/dev/zero of=layers/1-from/diff/lib/libbig.so bs=64K count=64", width, width, "(3.1 ms)").at(-1) ?? "";
      expect(last, `${width}`).toMatch(/\S \(3\.1 ms\)$/);
    }
  });

  it("marks a word cut where no separator fits", () => {
    const rows = wrapCommand("echo abcdefghijklmnopqrstuvwxyzabcdefghij", 20, 20);
    expect(rows).toEqual(["echo", "abcdefghijklmnopqrst", `${HARD_MARK}uvwxyzabcdefghij`]);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(20);
  });
});

describe("wrapping a command to copy", () => {
  const paths = ["/tmp/ol-suite-YzvHoh/tmp/ol-test-tFLigI/overlay-lesson-3NdFnz/merged", "/tmp/ol-suite-YzvHoh/tmp/x"];
  // printf prints each word it is given on a line: what the shell makes of the rows, as pasted.
  const command = `printf '%s\\n' ${paths[0]} 'a b' ${paths[1]} && printf '%s\\n' done`;
  const expected = `${paths[0]}\na b\n${paths[1]}\ndone\n`;

  it.each([20, 30, 40, 60, 80, 100])("at %i columns: every row fits, and the shell given the rows runs the command", (width) => {
    const rows = wrapCopyable(command, { first: width - 2, rest: width - 4, full: width });
    const shown = rows.map((row, index) => `${index === 0 ? "  " : row.continues ? "" : "    "}${row.text}`);
    for (const line of shown) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    for (const row of rows.slice(0, -1)) expect(row.text.endsWith("\\")).toBe(true);
    const run = spawnSync("sh", ["-c", shown.join("\n")], { encoding: "utf8" });
    expect(run.stdout, shown.join("\n")).toBe(expected);
  });

  it("keeps a command that fits on one row as it is", () => {
    expect(wrapCopyable("ls -la upper", { first: 40, rest: 38, full: 42 })).toEqual([{ text: "ls -la upper", continues: false }]);
  });
});

describe("text that is not prose", () => {
  it("keeps a line that fits, and cuts a longer one under a mark, never reflowing it", () => {
    expect(wrapRaw("lower/etc/app.conf", 40)).toEqual(["lower/etc/app.conf"]);
    const line = "/tmp/ol-test-AbC/merged overlay overlay rw,relatime,lowerdir=/tmp/ol-test-AbC/lower,upperdir=/tmp/ol-test-AbC/upper";
    const rows = wrapRaw(line, 40);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(40);
    for (const row of rows.slice(1)) expect(row.startsWith(`${HARD_MARK} `)).toBe(true);
    expect(
      rows
        .map((row, index) => (index === 0 ? row : row.slice(2)))
        .join("")
        .replace(/\s/g, ""),
    ).toBe(line.replace(/\s/g, ""));
  });

  it("never halves a wide character", () => {
    for (const row of wrapRaw("# app.conf：随镜像发布，在容器里改过，再改一次", 15)) expect(displayWidth(row)).toBeLessThanOrEqual(15);
  });
});

describe("no-break spaces", () => {
  it("keep two words on one row, and are plain spaces on screen", () => {
    const rows = wrap("practiced: ·\u00a0mount  ·\u00a0copy-up  ·\u00a0new-file  ·\u00a0whiteout", 20);
    for (const row of rows) {
      expect(row).not.toContain("\u00a0");
      expect(row).not.toMatch(/[·✓]$/);
    }
    expect(rows.join(" ")).toContain("· whiteout");
  });
});

describe("a figure and its unit", () => {
  it.each([16, 18, 20, 24, 30])("stay on one row at %i columns, in en and zh", (width) => {
    const texts = [
      "total 100 MiB (104,882,176 B) grew by less than 1 MiB in 3.9 ms at 1.1 GiB/s, 12 %",
      "small.txt 的 50 B 占 4 KiB，最快 3.9 ms",
    ];
    for (const text of texts) {
      const rows = wrap(text, width);
      for (const figure of ["104,882,176 B", "1 MiB", "3.9 ms", "1.1 GiB/s", "50 B", "4 KiB", "12 %"].filter((f) => text.includes(f))) {
        expect(
          rows.some((row) => row.includes(figure)),
          `${figure} at ${width}: ${JSON.stringify(rows)}`,
        ).toBe(true);
      }
    }
    // Words that only start like a unit still break: "3 steps", "2 stores".
    expect(wrap("in 3 steps", 5)).toEqual(["in 3", "steps"]);
  });
});
