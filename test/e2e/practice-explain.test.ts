// Practice grading explains a failed try, typed like a learner through a real terminal (tmux):
// a mount that did not take (mount's own answer, the missing directory, ↑ brings the command
// back), a new file at the copy-up step, an upper-only file removed at the whiteout step, checks
// that name the file the learner touched, and each lesson's own mistakes; in en, zh and ja, at
// 60, 80 and 100 columns, where every line of the explanation must fit the terminal.
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, inject, it } from "vitest";
import { displayWidth } from "../../src/runner/report/text.js";
import { CLI, mountsAnywhere, removeParent } from "../helpers/cli.js";
import { describeWith } from "../helpers/needs.js";
import { squash, Terminal } from "../helpers/tmux.js";

const NOBODY = 65534;
/** The menu after a failed try (its words only: "[r]etry" also appears in the advice above it). */
const MENU = { en: /\[r\]etry \(the same shell/, zh: /\[r\] 重试（/, ja: /\[r\] やり直す（/ };
const parents: string[] = [];
let terminal: Terminal | undefined;

interface Start {
  lesson?: string;
  lang: "en" | "zh" | "ja";
  columns: number;
  args?: string[];
  uid?: number;
}

function start({ lesson = "mount-demo", lang, columns, args = [], uid }: Start): Terminal {
  const parent = mkdtempSync(join(tmpdir(), "ol-practice-"));
  const state = mkdtempSync(join(tmpdir(), "ol-state-"));
  if (uid !== undefined) for (const dir of [parent, state]) chownSync(dir, uid, uid);
  parents.push(parent, state);
  const program =
    uid === undefined
      ? [process.execPath, CLI]
      : ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", process.execPath, inject("readableCli")];
  const env = { SHELL: "/bin/bash", LANG: "C.UTF-8", NO_COLOR: "1", HOME: state, XDG_STATE_HOME: state };
  terminal = new Terminal([...program, lesson, "--practice", "--yes", "--lang", lang, "--dir", parent, ...args], env, { columns });
  return terminal;
}

/** The screen as the terminal shows it, row by row (not joined): what a wrapped line looks like. */
function rows(term: Terminal): string[] {
  return execFileSync("tmux", ["capture-pane", "-p", "-S", "-2000", "-t", term.name], { encoding: "utf8" }).split("\n");
}

/** The screen joined, and its wrapped lines made one again, so that a sentence can be matched whole. */
const prose = (screen: string): string => screen.replace(/\n {2,}(?:↪ )?/g, " ").replace(/\s+/g, " ");

/**
 * The explanation of the last failed try (after its last check, up to the menu) is the lesson's
 * own prose: wrapped by the lesson within the terminal, every row indented, none cut by the
 * terminal (the rest of a row the terminal wrapped starts at column 0). A command the lesson runs
 * and its output are shown as they are, and left out.
 */
function expectExplanationFits(term: Terminal, columns: number): void {
  const all = rows(term);
  const menu = all.findLastIndex((row) => row.includes("[r]"));
  let first = all.slice(0, menu).findLastIndex((row) => /^ {2}[✗✓] /.test(row)) + 1; // after the last check
  // Its "expected:" and "observed:" rows (indented 6), and the rest of one the terminal wrapped.
  while (/^ {6}|^\S/.test(all[first] ?? "")) first++;
  let inCommand = false;
  const checked: string[] = [];
  for (const row of all.slice(first, menu)) {
    if (/^ {2}\$ /.test(row)) inCommand = true;
    else if (!(inCommand && (/^\S/.test(row) || /^ {4}/.test(row)))) inCommand = false;
    if (inCommand || row.trim() === "") continue;
    checked.push(row);
    expect(row, `a row of the explanation at ${columns} columns`).toMatch(/^ {2}\S|^ {4}\S/);
    expect(displayWidth(row), row).toBeLessThanOrEqual(columns);
  }
  expect(checked.length).toBeGreaterThan(1);
}

describeWith(["root", "tmux", "nobody"], "practice explains a failed try", () => {
  afterEach(async () => {
    terminal?.close();
    terminal = undefined;
    // A test that failed half-way hangs the lesson up (SIGHUP): give its teardown a moment.
    for (let wait = 0; wait < 50 && parents.some((parent) => mountsAnywhere(parent).length > 0); wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      for (const parent of parents) expect(mountsAnywhere(parent)).toEqual([]);
      for (const parent of parents.filter((path) => path.includes("ol-practice-"))) expect(readdirSync(parent)).toEqual([]);
    } finally {
      for (const parent of parents.splice(0)) removeParent(parent);
    }
  });

  it("mount-demo in English at 80 columns: every mistake named, with what the step wanted, then every step passes", async () => {
    const term = start({ lang: "en", columns: 80, args: ["--from", "mount"] });
    await term.waitFor(/practice:mount\$ $/m);
    // A typo in lowerdir: the grader cannot see the terminal, so it reads the command from the shell's record.
    term.type("mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged");
    term.type("exit");
    let screen = prose(await term.waitFor(MENU.en));
    expect(screen).toContain("Your mount did not take: merged is not an overlay mount now.");
    expect(screen).toContain(
      "$ unshare --mount --propagation private mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged",
    );
    expect(screen.match(/special device overlay does not exist/g)?.length).toBe(2); // the learner's, and mount's answer again
    expect(screen).toContain("mount's “does not exist” means that a path the command names was not found");
    expect(screen).toContain("• lowerdir=lowr: there is no lowr (did you mean lower?)");
    expect(screen).toContain(
      "Next: correct the command and mount again: [r]etry opens the same shell, and ↑ brings your last command back.",
    );
    expectExplanationFits(term, 80);
    // ↑ in the new shell brings the typo back.
    term.type("r");
    await term.waitFor(/practice:mount\$ /, 10_000, 3);
    term.key("Up");
    await term.waitFor(/practice:mount\$ mount -t overlay overlay -o lowerdir=lowr/, 10_000, 2);
    term.key("C-u");
    term.type("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged; exit");
    await term.waitFor(/practice:copy-up\$ /);

    // A new file at the copy-up step.
    term.type("echo mine > merged/notes.txt; exit");
    screen = prose(await term.waitFor(MENU.en, 20_000, 2));
    expect(screen).toContain("observed: copy-up: - · new: notes.txt · whiteout: -");
    expect(screen).toContain(
      "• You created upper/notes.txt, a new file: lower never had it, so it went straight into upper/ (that is the next step). A copy-up happens when you change a file that comes from lower.",
    );
    expect(screen).toContain("Next: append a line to a file that comes from lower, through merged/: echo … >> merged/app/main.py");
    expectExplanationFits(term, 80);
    term.type("r");
    await term.waitFor(/practice:copy-up\$ /, 10_000, 2);
    term.type("echo more >> merged/app/main.py; exit");
    // The check names the file the learner changed, not the lesson's own app.conf.
    screen = prose(await term.waitFor(/practice:new-file\$ /));
    expect(screen).toContain("✓ lower's app/main.py is unchanged");
    expect(screen).not.toContain("lower's app.conf is unchanged");

    // A copy-up at the new-file step: the notes.txt of the step before does not pass it.
    term.type("echo again >> merged/app/main.py; exit");
    screen = prose(await term.waitFor(MENU.en, 20_000, 3));
    expect(screen).toContain("✗ a file lower never had is in upper and shows in merged");
    expect(screen).toContain("• You changed app/main.py, which comes from lower: that is a copy-up (the step before).");
    term.type("r");
    await term.waitFor(/practice:new-file\$ /, 10_000, 2);
    term.type("echo x > merged/new.txt; exit");

    // An upper-only file removed at the whiteout step.
    await term.waitFor(/practice:whiteout\$ /);
    term.type("rm merged/new.txt; exit");
    screen = prose(await term.waitFor(MENU.en, 20_000, 4));
    expect(screen).toContain(
      "• You removed new.txt, which only upper/ held (the container made it): the kernel simply deleted it. A whiteout is needed only to hide a file that comes from lower.",
    );
    expect(screen).toContain("Next: delete a file that comes from lower, through merged/: rm merged/app/main.py");
    expectExplanationFits(term, 80);
    term.type("r");
    await term.waitFor(/practice:whiteout\$ /, 10_000, 2);
    term.type("rm merged/image-log.txt; exit");
    expect(await term.exitCode()).toBe(0);
    screen = prose(term.screen());
    expect(screen).toContain("✓ lower still has image-log.txt");
    expect(screen).toMatch(/8\/8 steps ok, (\d+)\/\1 checks held/);
  });

  it.each([
    ["zh", 60],
    ["ja", 100],
  ] as const)("mount-demo in %s at %i columns: the failed mount, the new file at copy-up, the upper-only rm", async (lang, columns) => {
    const words = {
      zh: {
        notTaken: "你的挂载没有生效：merged 现在不是 overlay 挂载点。",
        lowr: "• lowerdir=lowr：不存在 lowr（你是想写 lower 吗？）",
        next: "下一步： 改正命令后再挂载一次",
        created: "• 你新建了 upper/notes.txt：lower 里原本没有它，所以它直接写进了 upper/（那是下一步的内容）。",
        removed: "• 你删除的 notes.txt 只存在于 upper/ 里（是容器自己创建的）：内核直接把它删掉了。",
      },
      ja: {
        notTaken: "マウントは反映されていません。merged は現在 overlay のマウントポイントではありません。",
        lowr: "• lowerdir=lowr：lowr は存在しません（lower のつもりでしたか？）",
        next: "次にやること： コマンドを直してもう一度マウントしてください。",
        created:
          "• upper/notes.txt を新しく作成しました。lower になかったファイルなので、そのまま upper/ に作られます（次のステップの内容です）。",
        removed: "• 削除した notes.txt は upper/ にしかないファイル（コンテナが作ったもの）でした。カーネルはそのまま削除しただけです。",
      },
    }[lang];
    // CJK text wraps where a space may or may not be: compare without any whitespace.
    const joined = (screen: string): string => squash(screen);
    const term = start({ lang, columns, args: ["--from", "mount"] });
    await term.waitFor(/practice:mount\$ $/m);
    term.type("mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged; exit");
    let screen = joined(await term.waitFor(MENU[lang]));
    expect(screen).toContain(squash(words.notTaken));
    expect(screen).toContain(squash("$ unshare --mount --propagation private mount -t overlay"));
    expect(screen).toContain(squash(words.lowr));
    expect(screen).toContain(squash(words.next));
    expectExplanationFits(term, columns);
    term.type("r");
    await term.waitFor(/practice:mount\$ /, 10_000, 2);
    term.type("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged; exit");
    await term.waitFor(/practice:copy-up\$ /);
    term.type("echo mine > merged/notes.txt; exit");
    screen = joined(await term.waitFor(MENU[lang], 20_000, 2));
    expect(screen).toContain(squash(words.created));
    expectExplanationFits(term, columns);
    term.type("r");
    await term.waitFor(/practice:copy-up\$ /, 10_000, 2);
    term.type("echo more >> merged/etc/app.conf; exit");
    await term.waitFor(/practice:new-file\$ /);
    term.type("echo mine > merged/data.txt; exit");
    await term.waitFor(/practice:whiteout\$ /);
    term.type("rm merged/notes.txt; exit");
    screen = joined(await term.waitFor(MENU[lang], 20_000, 3));
    expect(screen).toContain(squash(words.removed));
    expectExplanationFits(term, columns);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
  });

  it("a mount typed from inside merged/ with ../ paths is graded by where mount ran (the shell's record)", async () => {
    const term = start({ lang: "en", columns: 100, args: ["--from", "mount"] });
    await term.waitFor(/practice:mount\$ $/m);
    term.type("cd merged");
    term.type("mount -t overlay overlay -o lowerdir=../lower,upperdir=../upper,workdir=../work .; exit");
    const screen = prose(await term.waitFor(/practice:copy-up\$ /));
    expect(screen).toContain("✓ its lowerdir is our lower/ ✓ its upperdir is our upper/ ✓ its workdir is our work/");
    term.type("exit");
    await term.waitFor(MENU.en);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
  });

  it("an overlay mounted outside the workspace is named: the lesson will not unmount it, the learner must", async () => {
    const term = start({ lang: "en", columns: 100, args: ["--from", "mount"] });
    await term.waitFor(/practice:mount\$ $/m);
    term.type("mkdir ../elsewhere && mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work ../elsewhere; exit");
    const screen = prose(await term.waitFor(MENU.en));
    expect(screen).toMatch(
      /• Your overlay on \/\S*\/ol-practice-\w+\/elsewhere is outside the workspace: the lesson unmounts only what is beneath it, so this one stays when the lesson ends\. Unmount it yourself: umount \/\S*\/ol-practice-\w+\/elsewhere/,
    );
    term.type("r");
    await term.waitFor(/practice:mount\$ /, 10_000, 2);
    term.type(
      "umount ../elsewhere && rmdir ../elsewhere && mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged; exit",
    );
    await term.waitFor(/practice:copy-up\$ /);
    term.type("exit");
    await term.waitFor(MENU.en, 20_000, 2);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
  });

  it("rootless, as user nobody: the failed mount is run again inside the lesson's namespace and explained", async () => {
    const term = start({ lang: "en", columns: 100, args: ["--from", "mount"], uid: NOBODY });
    await term.waitFor(/practice:mount\$ $/m);
    expect(term.screen()).toContain("Mode: rootless");
    term.type("mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work,userxattr merged; exit");
    const screen = prose(await term.waitFor(MENU.en));
    expect(screen).toContain(
      "$ unshare --mount --propagation private mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work,userxattr merged",
    );
    expect(screen.match(/special device overlay does not exist/g)?.length).toBe(2);
    expect(screen).toContain("• lowerdir=lowr: there is no lowr (did you mean lower?)");
    term.type("r");
    await term.waitFor(/practice:mount\$ /, 10_000, 2);
    term.type("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work,userxattr merged; exit");
    await term.waitFor(/practice:copy-up\$ /);
    term.type("exit");
    await term.waitFor(MENU.en, 20_000, 2);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
  });

  it("cow-demo: another file, then a > that left nothing to copy, each named; the way back is a fresh workspace", async () => {
    const term = start({ lesson: "cow-demo", lang: "en", columns: 80, args: ["--size", "8M", "--trials", "1", "--from", "big-copy-up"] });
    await term.waitFor(/practice:big-copy-up\$ /, 60_000);
    term.type("printf x >> merged/small.txt; exit");
    let screen = prose(await term.waitFor(MENU.en));
    expect(screen).toContain("observed: (no copy in upper)");
    expect(screen).toContain("• You changed small.txt, not bigfile.bin: the copy-up to time is the big file's.");
    expect(screen).toContain("Next: append one byte to merged/bigfile.bin and time it");
    term.type("r");
    await term.waitFor(/practice:big-copy-up\$ /, 10_000, 2);
    term.type("echo x > merged/bigfile.bin; exit");
    screen = prose(await term.waitFor(MENU.en, 20_000, 2));
    expect(screen).toContain(
      "• upper/bigfile.bin holds only 2 B: > replaced the file's content, so the kernel had none of its 8 MiB to copy.",
    );
    expect(screen).toMatch(
      /Next: the simplest way back is a fresh workspace: \[q\]uit, then start this step again: \S+ \S+ cow-demo --practice .*--from big-copy-up/,
    );
    expectExplanationFits(term, 80);
    term.type("q");
    expect(await term.exitCode()).toBe(1);
  });

  it("layers-demo: the cache emptied file by file, then removed and not made again, each explained; then the RUN passes", async () => {
    const term = start({ lesson: "layers-demo", lang: "en", columns: 80, args: ["--from", "run-rm"] });
    await term.waitFor(/practice:run-rm\$ /);
    term.type("rm layers/3-run/merged/lib/libbig.so && rm -rf layers/3-run/merged/var/cache/app/*; exit");
    let screen = prose(await term.waitFor(MENU.en));
    expect(screen).toContain("✗ the layer's var/cache/app carries trusted.overlay.opaque=y: an opaque directory");
    expect(screen).toContain(
      "• You emptied var/cache/app file by file: each file got a whiteout of its own in 3-run, and the directory is not opaque.",
    );
    expect(screen).toContain("Next: remove the directory and make it again: rm -rf layers/3-run/merged/var/cache/app && mkdir");
    term.type("r");
    await term.waitFor(/practice:run-rm\$ /, 10_000, 2);
    term.type("rm -rf layers/3-run/merged/var/cache/app; exit");
    screen = prose(await term.waitFor(MENU.en, 20_000, 2));
    expect(screen).toContain("• var/cache/app is gone altogether: 3-run holds a whiteout for the directory.");
    expect(screen).toContain("Next: make the directory again: mkdir layers/3-run/merged/var/cache/app");
    term.type("r");
    await term.waitFor(/practice:run-rm\$ /, 10_000, 3);
    term.type("mkdir layers/3-run/merged/var/cache/app; exit");
    expect(await term.exitCode()).toBe(0);
    expect(term.screen()).toMatch(/6\/6 steps ok, (\d+)\/\1 checks held/);
  });
});
