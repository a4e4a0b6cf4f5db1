// features-demo in a real terminal (tmux): at 60, 80 and 100 columns, in ja, zh and en, the
// lines this lesson and its skipped steps add fit the terminal (step headings and ends, the
// reasons of skipped steps, the summary's list of them, the layer maps); and --practice, typed
// like a learner: the chown of metacopy and the rename of redirect-dir, graded on the kernel.
import { chownSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, inject, it } from "vitest";
import { displayWidth } from "../../src/runner/report/text.js";
import { CLI, mountsAnywhere, removeParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { Terminal } from "../helpers/tmux.js";

const NOBODY = 65534;
const LAYER_MAP = /^ {2}(Layer map|分层图|レイヤーマップ)/;

let terminal: Terminal | undefined;
const parents: string[] = [];

function parentFor(uid: number): string {
  const parent = mkdtempSync(join(tmpdir(), "ol-features-"));
  if (uid !== 0) chownSync(parent, uid, uid);
  parents.push(parent);
  return parent;
}

function start(args: string[], options: { nobody: boolean; columns?: number }): Terminal {
  const argv = options.nobody
    ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", process.execPath, inject("readableCli")]
    : [process.execPath, CLI];
  const parent = parentFor(options.nobody ? NOBODY : 0);
  terminal = new Terminal(
    [...argv, "features-demo", "--dir", parent, ...args],
    { SHELL: "/bin/bash", LANG: "C.UTF-8", NO_COLOR: "1", HOME: parent, XDG_STATE_HOME: parent },
    options.columns === undefined ? {} : { columns: options.columns },
  );
  return terminal;
}

/**
 * The lines features-demo is answerable for: step headings and ends, each skipped step's reason
 * (a "↷" line and its hanging continuation), and the layer maps (from their title to the key point).
 */
function ownLines(screen: string): string[] {
  const lines = screen.split("\n");
  const own: string[] = [];
  let inBlock: "skip" | "map" | undefined;
  for (const line of lines) {
    if (inBlock === "skip" && !line.startsWith("    ")) inBlock = undefined;
    if (inBlock === "map" && (/^ {2}→ /.test(line) || /^[✔↷✖]/.test(line))) inBlock = undefined;
    if (/^ {2}↷ /.test(line)) inBlock = "skip";
    if (LAYER_MAP.test(line)) inBlock = "map";
    if (inBlock !== undefined || /^(● |[✔↷✖] )/.test(line)) own.push(line);
  }
  return own;
}

describeWith(["root", "tmux", "nobody"], "features-demo in a terminal", () => {
  afterEach(() => {
    terminal?.close();
    terminal = undefined;
    try {
      for (const parent of parents) expect(mountsAnywhere(parent)).toEqual([]);
      for (const parent of parents) expect(readdirSync(parent).filter((name) => name.startsWith("overlay-lesson-"))).toEqual([]);
    } finally {
      for (const parent of parents.splice(0)) removeParent(parent);
    }
  });

  it.each([
    [60, "ja", true, "3 ステップをスキップ"],
    [80, "zh", true, "3 步已跳过"],
    [100, "en", true, "3 steps skipped"],
    [60, "zh", false, "6/6 步成功"],
    [60, "ja", false, "6/6 ステップ成功"],
    [80, "en", false, "6/6 steps ok"],
  ] as const)("%i columns, %s, rootless %s: the lesson's own lines fit, and say what was skipped", async (columns, lang, nobody, said) => {
    const term = start(["--yes", "--lang", lang], { nobody, columns });
    expect(await term.exitCode(60_000)).toBe(0);
    const screen = term.screen();
    expect(screen).toContain(said);
    const own = ownLines(screen);
    expect(own.filter((line) => LAYER_MAP.test(line)).length).toBe(nobody ? 3 : 6);
    expect(own.filter((line) => /^ {2}↷ /.test(line)).length).toBe(nobody ? 6 : 0);
    const tooWide = own.filter((line) => displayWidth(line) > columns);
    expect(tooWide, `lines wider than ${columns} columns`).toEqual([]);
  });

  it("--practice as root: the learner's chown copies metadata only, the learner's rename leaves a redirect; both graded on the kernel", async () => {
    const term = start(["--practice", "--yes"], { nobody: false });
    await term.waitFor(/practice:metacopy\$ $/m, 30_000);
    term.type("chown -R 1000:1000 metacopy/on/merged/opt/app; exit");
    await term.waitFor(/✓ Your change copied up the metadata only/);
    await term.waitFor(/practice:redirect-dir\$ $/m, 30_000);
    // A copy is not a rename: graded as such, with what was copied, then tried again.
    term.type("cp -r redirect-dir/on/merged/srv/www redirect-dir/on/merged/srv/web; exit");
    await term.waitFor(/✗ redirect_dir=on: not one file was copied up\n\s+expected: \(none\)\n\s+observed: srv\/web\/app\.js/);
    await term.waitFor(/\[r\]etry/);
    term.type("r");
    await term.waitFor(/practice:redirect-dir\$ $/m, 10_000);
    term.type("rm -r redirect-dir/on/merged/srv/web && mv redirect-dir/on/merged/srv/www redirect-dir/on/merged/srv/web; exit");
    await term.waitFor(/✓ Your rename left a redirect in upper, not a copy/);
    expect(await term.exitCode(60_000)).toBe(0);
    const screen = term.screen();
    // The failed try is shown, then dropped from the record: every check of the run held.
    expect(screen).toMatch(/✔ 6\/6 steps ok, (\d+)\/\1 checks held/);
  });

  it("--practice as user nobody: the refused steps are skipped before any shell opens, and the lesson ends with 0", async () => {
    const term = start(["--practice", "--yes"], { nobody: true });
    expect(await term.exitCode(60_000)).toBe(0);
    const screen = term.screen();
    expect(screen).not.toContain("practice:");
    expect(screen).toMatch(/✔ 3\/6 steps ok, (\d+)\/\1 checks held, 3 steps skipped/);
  });
});
