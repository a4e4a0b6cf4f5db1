// How lines are laid out on a screen: the width chosen for each kind of output, and hanging
// marks. What a real terminal shows is tested through tmux (e2e/terminal-fit.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { Screen, terminalColumns } from "../../src/runner/report/screen.js";
import { displayWidth, loadExactWidths } from "../../src/runner/report/text.js";

const stream = (isTTY: boolean, columns: number): NodeJS.WriteStream => ({ isTTY, columns }) as unknown as NodeJS.WriteStream;

describe("the columns lines are laid out in", () => {
  it("a terminal's own width, or 80 when it does not know it", () => {
    expect(terminalColumns(stream(true, 60), {})).toBe(60);
    expect(terminalColumns(stream(true, 0), {})).toBe(80);
  });

  it("not a terminal: COLUMNS when it names a width, else no wrapping at all", () => {
    expect(terminalColumns(stream(false, 0), { COLUMNS: "72" })).toBe(72);
    expect(terminalColumns(stream(false, 0), { COLUMNS: "wide" })).toBe(Number.POSITIVE_INFINITY);
    expect(terminalColumns(stream(false, 0), {})).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("a screen", () => {
  beforeAll(loadExactWidths);

  const lines = (columns: number, draw: (screen: Screen) => void): string[] => {
    let out = "";
    draw(new Screen(columns, (text) => (out += text)));
    return out.trimEnd().split("\n");
  };

  it("in a pipe, keeps every line whole: a grep finds it", () => {
    const text = "left /tmp/ol-rootless-x/overlay-lesson-y alone: it belongs to another user, and many more words after that";
    expect(lines(Number.POSITIVE_INFINITY, (screen) => screen.prose(`· ${text}`, ""))).toEqual([`· ${text}`]);
  });

  it("hangs a mark: the rows after the first start under the text", () => {
    const rows = lines(30, (screen) => screen.prose("✓ upper 里出现了 app.conf，内容是新的，merged 显示新内容", "  "));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]).toMatch(/^ {2}✓ /);
    for (const row of rows.slice(1)) expect(row).toMatch(/^ {4}\S/);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(30);
  });

  it("keeps a command's timing on its last row, the command's continuation hanging", () => {
    const rows = lines(40, (screen) =>
      screen.command("  $ ", "umount /tmp/ol-test-AbC123/overlay-lesson-XyZ12a/merged", "(7.7 ms)", (s) => s),
    );
    expect(rows.at(-1)).toMatch(/merged \(7\.7 ms\)$/);
    for (const row of rows.slice(1)) expect(row).toMatch(/^ {6}\S/);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(40);
  });
});
