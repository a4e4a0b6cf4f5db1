// What a learner sees: transcripts, the layer map in --json, list, help in both languages.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { joinWords, type Lang, loadMessages } from "../../src/i18n/index.js";
import { expectNothingLeft, makeParent, removeParent, runCli, summaryOf } from "../helpers/cli.js";
import { makeStackDirs } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";

function shellQuote(argv: string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(" ");
}

describeWith(["root"], "transcripts and the layer map", () => {
  let parent: string;
  let out: string;
  beforeEach(() => {
    parent = makeParent();
    out = makeParent();
  });
  afterEach(() => {
    expectNothingLeft(parent);
    removeParent(parent);
    removeParent(out);
  });

  it.each(["mount-demo", "cow-demo"])("%s: the transcript holds every step, command and check", async (lesson) => {
    const file = join(out, "run.md");
    const extra = lesson === "cow-demo" ? ["--size", "32M", "--trials", "1"] : [];
    const result = await runCli([lesson, "--json", "--dir", parent, "--transcript", file, ...extra]);
    expect(result.code, result.stderr).toBe(0);
    const markdown = readFileSync(file, "utf8");
    const summary = summaryOf(result) as unknown as { steps: Array<{ title: string; checks: unknown[] }> };
    for (const [index, step] of summary.steps.entries()) expect(markdown).toContain(`## Step ${index + 1}/8 · ${step.title}`);
    for (const event of result.events.filter((item) => item.type === "command")) {
      expect(markdown).toContain(`$ ${shellQuote(event.argv as string[])}`);
    }
    const checks = summary.steps.reduce((count, step) => count + step.checks.length, 0);
    // Teardown lines are "- ✓ `umount …`"; checks are the others.
    expect(markdown.match(/^- ✓ [^`]/gm)?.length).toBe(checks);
    expect(markdown).toContain("| lower | upper | merged |");
    expect(markdown).toMatch(/✔ 8\/8 steps ok/);
  });

  it("writes the transcript in Chinese with --lang zh, and refuses a symlink as the file", async () => {
    const file = join(out, "运行.md");
    const result = await runCli(["mount-demo", "--yes", "--lang", "zh", "--dir", parent, "--transcript", file]);
    expect(result.code).toBe(0);
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toContain("## 第 7/8 步");
    expect(markdown).toContain("whiteout c 0:0");
    const refused = await runCli(["mount-demo", "--yes", "--dir", parent, "--transcript", "/proc/self/cwd"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--transcript/);
  });

  it("every step-end event carries the layer map", async () => {
    const result = await runCli(["mount-demo", "--json", "--dir", parent]);
    const ends = result.events.filter((event) => event.type === "step-end");
    expect(ends).toHaveLength(8);
    for (const end of ends) expect(Array.isArray(end.layers)).toBe(true);
    const copyUp = ends.find((end) => end.step === "copy-up") as unknown as {
      layers: Array<{ path: string; upper: { origin?: string }; changed: boolean }>;
    };
    expect(copyUp.layers.find((row) => row.path === "etc/app.conf")).toMatchObject({ upper: { origin: "copy-up" }, changed: true });
  });
});

describe("list and help", () => {
  it("list names each lesson with what it teaches and how long it takes", async () => {
    const result = await runCli(["list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^mount-demo\s+~10 min\s+.*copy-up/m);
    expect(result.stdout).toMatch(/^cow-demo\s+~15 min\s+/m);
    const zh = await runCli(["list", "--lang", "zh"]);
    expect(zh.stdout).toMatch(/约 10 分钟/);
  });

  it("list offers each lesson's practice steps, none marked done before any was practiced", async () => {
    const state = mkdtempSync(join(tmpdir(), "ol-test-state-"));
    try {
      for (const lang of ["en", "zh", "ja"] as const) {
        const result = await runCli(["list", "--lang", lang], { env: { XDG_STATE_HOME: state, COLUMNS: "200" } });
        const label = (await loadMessages(lang)).practice.practiced;
        // The label says what the marks mean: it never reads as "practiced: mount" before any was.
        expect(result.stdout).toContain(joinWords(label, "· mount · copy-up · new-file · whiteout"));
        expect(result.stdout).not.toMatch(/✓ (?!done)[a-z]/);
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  it("--help has examples, in the chosen language", async () => {
    const en = await runCli(["--help"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("Examples:");
    expect(en.stdout).toContain("npx overlay-lesson mount-demo --practice");
    const zh = await runCli(["--help"], { env: { LANG: "zh_CN.UTF-8" } });
    expect(zh.stdout).toContain("示例：");
    expect(zh.stdout).toContain("动手学习容器镜像分层");
    // The list of commands says its placeholders as the usage line does: no commander English left.
    expect(zh.stdout).toMatch(/^ {2}mount-demo \[选项\] /m);
    expect(zh.stdout).toMatch(/^ {2}help \[命令\] /m);
    expect(zh.stdout).not.toMatch(/\[options\]|\[command\]/);
    const ja = await runCli(["--help", "--lang", "ja"]);
    expect(ja.stdout).toMatch(/^ {2}inspect \[オプション\] \[target\] /m);
    expect(en.stdout).toMatch(/^ {2}mount-demo \[options\] /m);
    const sub = await runCli(["help", "cow-demo"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain("--size <size>");
    expect((await runCli(["cow-demo", "--help"])).code).toBe(0);
    expect((await runCli(["--version"])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("help names a command or says in one line that there is none, exit 2", async () => {
    const help = await runCli(["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: overlay-lesson/);
    for (const [args, lang] of [
      [["help", "nosuch"], "en"],
      [["nosuch"], "en"],
      [["help", "nosuch", "--lang", "zh"], "zh"],
      [["help", "nosuch", "--lang", "ja"], "ja"],
    ] as const) {
      const result = await runCli([...args]);
      expect(result.code, `${args.join(" ")}`).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines, `${args.join(" ")} (${lang})`).toHaveLength(1);
      for (const name of ["mount-demo", "layers-demo", "cleanup", "doctor", "list", "inspect", "help"]) expect(lines[0]).toContain(name);
    }
  });

  it("Japanese: help, every lesson's line, and errors, from --lang ja or LANG=ja_JP.UTF-8", async () => {
    const help = await runCli(["--help"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(help.stdout).toContain("使い方:");
    expect(help.stdout).toContain("例:");
    const flag = await runCli(["--help", "--lang", "ja"]);
    expect(flag.stdout).toBe(help.stdout);
    const list = await runCli(["list", "--lang", "ja"]);
    for (const lesson of ["mount-demo", "cow-demo", "layers-demo", "container-demo", "features-demo"])
      expect(list.stdout).toMatch(new RegExp(`^${lesson}\\s+約 \\d+ 分`, "m"));
    const error = await runCli(["bogus"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/^overlay-lesson: 不明なコマンド 'bogus'/);
    const size = await runCli(["cow-demo", "--size", "1.5.5G", "--lang", "ja"]);
    expect(size.stderr).toMatch(/サイズとして解釈できません/);
  });
});

describeWith(["root"], "every lesson in Japanese", () => {
  it.each([
    ["mount-demo", []],
    ["cow-demo", ["--size", "32M", "--trials", "1"]],
  ] as const)("%s --lang ja: every check held, Japanese on screen, the same step ids as in English", async (lesson, extra) => {
    const parent = makeParent();
    try {
      const human = await runCli([lesson, "--yes", "--lang", "ja", "--dir", parent, ...extra]);
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toMatch(/ステップ|手順/);
      expect(human.stdout).toMatch(/[\u3040-\u30ff]/);
      const ja = await runCli([lesson, "--json", "--lang", "ja", "--dir", parent, ...extra]);
      const en = await runCli([lesson, "--json", "--lang", "en", "--dir", parent, ...extra]);
      const ids = (result: typeof ja): unknown[] => result.events.filter((event) => event.type === "step-start").map((event) => event.step);
      expect(ids(ja)).toEqual(ids(en));
      expect(ids(ja).length).toBeGreaterThan(5);
      expectNothingLeft(parent);
    } finally {
      removeParent(parent);
    }
  });
});

describeWith(["root"], "doctor", () => {
  it("says lessons can run here, one line per check, and exits 0", async () => {
    const result = await runCli(["doctor", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = result.events[0] as unknown as { ok: boolean; checks: Array<{ id: string; ok: boolean }> };
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual(["kernel", "overlay", "root", "parent", "space", "commands"]);
    const human = await runCli(["doctor", "--lang", "zh"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/✓ 内核 \d+\.\d+/);
    expect(human.stdout).toContain("本机可以运行课程。");
  });

  it("shows the kernel's overlay defaults and the options the overlays here were mounted with", async () => {
    const parent = makeParent();
    const { lower, upper, work, merged } = makeStackDirs(parent);
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${upper},workdir=${work},index=on`, merged]);
    try {
      const result = await runCli(["doctor", "--json"]);
      const { overlay } = result.events[0] as unknown as {
        overlay: { kernel: string; parameters: Record<string, string>; mounts: Array<{ store: string; options: string; count: number }> };
      };
      // The defaults are the module's own, read back independently.
      for (const name of readdirSync("/sys/module/overlay/parameters")) {
        expect(overlay.parameters[name], name).toBe(readFileSync(`/sys/module/overlay/parameters/${name}`, "utf8").trim());
      }
      expect(
        overlay.mounts.find((mount) => mount.store === "plain" && mount.options.split(",").includes("index=on"))?.count,
      ).toBeGreaterThanOrEqual(1);
      const on = overlay.parameters.redirect_dir === "Y";
      const words = {
        en: on ? "redirect_dir on" : "redirect_dir off",
        zh: on ? "redirect_dir 开启" : "redirect_dir 关闭",
        ja: on ? "redirect_dir 有効" : "redirect_dir 無効",
      };
      for (const [lang, word] of Object.entries(words)) {
        const human = await runCli(["doctor", "--lang", lang]);
        expect(human.stdout).toContain(word);
        expect(human.stdout).toMatch(/index=on/);
        // The JSON's "plain" is said in words on screen.
        expect(human.stdout).toContain((await loadMessages(lang as Lang)).doctor.plainStore);
        expect(human.stdout).not.toMatch(/\bplain\b/);
      }
    } finally {
      execFileSync("umount", [merged]);
      removeParent(parent);
    }
  });

  it("not root: lessons run rootless here, and doctor says so", async () => {
    const result = await runCli(["doctor"], { uid: 65534 });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/✓ not root: lessons run rootless, in a user and mount namespace of their own/);
  });
});

describeWith(["root", "nobody"], "rootless mode says why the mount's options differ", () => {
  it.each([
    ["en", /user\.overlay\.\*/, /redirect_dir=nofollow.{0,80}forge/],
    ["zh", /user\.overlay\.\*/, /redirect_dir=nofollow.{0,80}伪造/],
    ["ja", /user\.overlay\.\*/, /redirect_dir=nofollow.{0,80}偽造/],
  ] as const)(
    "%s: at the mode line (userxattr) and under findmnt's options (userxattr, redirect_dir=nofollow)",
    async (lang, userxattr, nofollow) => {
      const parent = makeParent();
      try {
        const rootless = await runCli(["mount-demo", "--yes", "--rootless", "--lang", lang, "--dir", parent], { env: { COLUMNS: "100" } });
        expect(rootless.code, rootless.stderr).toBe(0);
        const [head = "", afterFindmnt = ""] = rootless.stdout.split("$ findmnt merged");
        // The mode line, before the first step: why -o userxattr.
        expect(head.split("●")[0]).toMatch(/userxattr/);
        expect(head.split("●")[0]).toMatch(userxattr);
        // findmnt's own answer shows both options; the words under it say what each means.
        const mountStep = afterFindmnt.split("✔")[0] ?? "";
        expect(mountStep).toMatch(/redirect_dir=nofollow/);
        expect(mountStep.replace(/\n\s*/g, " ")).toMatch(/userxattr.*user\.overlay\.\*/);
        // The words under findmnt, their rows joined again (a CJK row may end mid-word: no space).
        expect(mountStep.replace(/\n\s*/g, "").split("userxattr").at(-1)).toMatch(nofollow);
        // As root the kernel adds neither option, and the lesson says nothing of them.
        const root = await runCli(["mount-demo", "--yes", "--lang", lang, "--dir", parent]);
        expect(root.code, root.stderr).toBe(0);
        expect(root.stdout).not.toMatch(/redirect_dir|userxattr/);
        expectNothingLeft(parent);
      } finally {
        removeParent(parent);
      }
    },
  );
});
