// Every line the lessons print fits the terminal, in every language and at 60, 80 and 100
// columns, as a learner's terminal shows it: tmux runs the lesson, and tmux itself (its own
// character widths, not ours) says whether a line was too wide, by having wrapped it.
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { CLI, runCli, useParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { Terminal } from "../helpers/tmux.js";

const LOCALES = { en: "C.UTF-8", zh: "zh_CN.UTF-8", ja: "ja_JP.UTF-8" } as const;
type Lang = keyof typeof LOCALES;

/** The run as tmux shows it: rows as on the screen, and lines (rows tmux wrapped, joined again). */
async function runAt(args: readonly string[], lang: Lang, columns: number): Promise<{ rows: string[]; lines: string[] }> {
  // CI="" lets the lesson draw its spinners, as on a learner's terminal.
  const terminal = new Terminal([process.execPath, CLI, ...args], { LANG: LOCALES[lang], CI: "" }, { columns, rows: 50 });
  try {
    expect(await terminal.exitCode(60_000)).toBe(0);
    // -J keeps trailing spaces; rows without it lose them: compare both trimmed.
    const capture = (...flags: string[]): string[] =>
      execFileSync("tmux", ["capture-pane", "-p", ...flags, "-S", "-5000", "-t", terminal.name], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.trimEnd());
    return { rows: capture(), lines: capture("-J") };
  } finally {
    terminal.close();
  }
}

/** What the program printed, up to the shell's EXIT= line. */
const printed = (lines: string[]): string[] =>
  lines.slice(
    0,
    lines.findIndex((line) => line.startsWith("EXIT=")),
  );

const CASES = (["mount-demo", "layers-demo"] as const).flatMap((lesson) =>
  (["en", "zh", "ja"] as const).flatMap((lang) => [60, 80, 100].map((columns) => [lesson, lang, columns] as const)),
);

describeWith(["root", "tmux"], "every line fits the terminal", () => {
  const parent = useParent();

  it.each(CASES)("%s --lang %s at %i columns", async (lesson, lang, columns) => {
    const { rows, lines } = await runAt([lesson, "--yes", "--dir", parent()], lang, columns);
    expect(printed(lines).length).toBeGreaterThan(50);
    expectFits(rows, lines, columns, lang);
  });

  it.each(["en", "zh", "ja"] as const)("%s at 60 columns: the kept-workspace block, cleanup, doctor and list", async (lang) => {
    const kept = await runAt(["mount-demo", "--yes", "--keep", "--dir", parent()], lang, 60);
    try {
      expect(kept.lines.join("\n")).toContain("--keep");
      expectFits(kept.rows, kept.lines, 60, lang);
    } catch (error) {
      // Never leave the kept mount behind, whatever failed.
      await runCli(["cleanup", "--dir", parent()]);
      throw error;
    }
    const cleanup = await runAt(["cleanup", "--dir", parent()], lang, 60);
    expect(printed(cleanup.lines).length).toBeGreaterThan(2);
    expectFits(cleanup.rows, cleanup.lines, 60, lang);
    const doctor = await runAt(["doctor", "--dir", parent()], lang, 60);
    expect(printed(doctor.lines).length).toBeGreaterThan(6);
    expectFits(doctor.rows, doctor.lines, 60, lang);
    const list = await runAt(["list"], lang, 60);
    expect(printed(list.lines).length).toBeGreaterThan(6);
    expectFits(list.rows, list.lines, 60, lang);
  });
});

describeWith(["tmux"], "--help fits the terminal", () => {
  it.each((["en", "zh", "ja"] as const).flatMap((lang) => [60, 80, 100].map((columns) => [lang, columns] as const)))(
    "--help --lang %s at %i columns",
    async (lang, columns) => {
      const { rows, lines } = await runAt(["--help", "--lang", lang], lang, columns);
      expect(printed(lines).length).toBeGreaterThan(20);
      expectFits(rows, lines, columns, lang);
    },
  );
});

/** No line wider than the terminal, none starting with a lone timing or punctuation, no space after full-width punctuation. */
function expectFits(rows: string[], lines: string[], columns: number, lang: Lang): void {
  const output = printed(lines);
  // A line wider than the terminal is wrapped by tmux: joined, it is one line for two rows.
  const tooWide = output.filter((line) => !rows.includes(line));
  expect(tooWide, `lines wider than ${columns} columns`).toEqual([]);
  expect(printed(rows).length).toBe(output.length);
  for (const line of output) {
    // A spinner's frame never stays behind ("- Step 3/8 · …": ora printing instead of animating).
    expect(line, "a spinner frame left on the screen").not.toMatch(/^[-⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (Step|第|ステップ) /);
    // A timing or a closing mark never starts a row of its own.
    expect(line, "a lone timing").not.toMatch(/^\s*(\(\d[\d.]* m?s\)|m?s\))/);
    expect(line, "a row starting with punctuation").not.toMatch(/^\s*[，。、；：！？）」』”,.;:!?)]/);
  }
  if (lang !== "en") {
    // Full-width punctuation carries its own spacing: no ASCII space after it, nor before "（".
    const spaced = output.filter((line) => /[：（，。；）] |\S +（/.test(line));
    expect(spaced, "a space next to full-width punctuation").toEqual([]);
  }
}
