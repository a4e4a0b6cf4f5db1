// inspect's words agree with its numbers, on real overlay mounts made by the kernel (the stack of
// test/helpers/inspect.ts): one numbering of layers (build order, #1 the base) on screen and in
// JSON, a verdict taken from the totals whatever --top is, what the container hides said apart
// from what the image hides, cut lists that say how many more they hold, the host's mounts the
// largest first under one total, the processes whose namespace could not be read named (never a
// kernel thread), and every line fitted to a real terminal (tmux) of 60, 80 and 100 columns, in
// en, zh and ja. Every mount and directory a test makes is removed after it.

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import { inspected, kernelStackDirs, makeKernelStack, wrappedByTerminal, writeBytes } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { Terminal } from "../helpers/tmux.js";

const LANGS = ["en", "zh", "ja"] as const;

/** What the kernel-made stack's verdict says in each language, and the words around it. */
const SAID = {
  en: {
    image: "12.7 KiB of the image is hidden by its own layers: see the step that made layer #2, which removes /big",
    container: "apart from that, the container's changes hide 8.5 KiB that the image shows (1 copy-up, 1 delete, 1 opaque dir)",
    clean: "nothing of the image is hidden by its own layers",
    more: (count: number, all: number) => `… ${count} more (--top ${all} lists them all)`,
  },
  zh: {
    image: "镜像自身的层遮住了 12.7 KiB：请看生成 #2 层的那一步，它删除了 /big",
    container: "此外，容器的改动遮住了镜像中本来可见的 8.5 KiB（1 次 copy-up，1 次删除，1 个不透明目录）",
    clean: "镜像自身的层没有遮住任何内容",
    more: (count: number, all: number) => `……还有 ${count} 项（--top ${all} 可全部列出）`,
  },
  ja: {
    image: "イメージ自身のレイヤーが 12.7 KiB を隠しています：レイヤー #2 を作ったステップが /big を削除しています",
    container:
      "それとは別に、コンテナの変更が、イメージでは見える 8.5 KiB を隠しています（コピーアップ 1 件、削除 1 件、オペークディレクトリ 1 個）",
    clean: "イメージ自身のレイヤーが隠しているものはありません",
    more: (count: number, all: number) => `…ほか ${count} 件（--top ${all} ですべて表示）`,
  },
} as const;

const PF_KTHREAD = 0x00200000;

/** Is `pid` a kernel thread (PF_KTHREAD in its stat flags)? undefined when it is gone. */
function isKernelThread(pid: number): boolean | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[6]) & PF_KTHREAD) !== 0;
  } catch {
    return undefined;
  }
}

function processCounts(): { kernel: number; user: number } {
  const counts = { kernel: 0, user: 0 };
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    const kernel = isKernelThread(Number(name));
    if (kernel !== undefined) counts[kernel ? "kernel" : "user"]++;
  }
  return counts;
}

describeWith(["root"], "inspect's words agree with its numbers", () => {
  const { parent, mounts } = kernelStackDirs("ol inspect words ");

  it("numbers layers in build order on screen and in JSON; the verdict points at the layer that hides the bytes", async () => {
    const { top, bottom, merged } = makeKernelStack(parent(), mounts);
    const [report] = inspected(await runCli(["inspect", merged, "--json"]));
    expect(report?.layers.map(({ dir, number }) => [dir, number])).toEqual([
      [top, 2],
      [bottom, 1],
    ]);
    expect(report?.hidden[0]).toMatchObject({ path: "/big", layer: 1, layerNumber: 1, hiddenByLayer: 0, hiddenByLayerNumber: 2 });
    const human = await runCli(["inspect", merged]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`\\n {4}#2 {2}${top}  1\\.7 KiB in 2 files\\n {4}#1 {2}${bottom}  19\\.5 KiB in 5 files\\n`));
    expect(human.stdout).toContain("9.8 KiB (1 file) /big in #1, deleted by a whiteout in #2");
    expect(human.stdout).toContain(SAID.en.image);
  });

  it.each(LANGS)("--top 0 lists nothing, says how many it holds, and the verdict still names the layer and the path (%s)", async (lang) => {
    const { merged } = makeKernelStack(parent(), mounts);
    const result = await runCli(["inspect", merged, "--top", "0", "--lang", lang]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(SAID[lang].image);
    expect(result.stdout).not.toContain(SAID[lang].clean);
    // Six hidden groups (three of the image, three of the container), six changes that write or hide bytes.
    expect(result.stdout.split(SAID[lang].more(6, 6))).toHaveLength(3);
  });

  it.each(LANGS)("says what the container hides on its own, apart from the image's waste, as its changes count it (%s)", async (lang) => {
    const { merged } = makeKernelStack(parent(), mounts);
    const [report] = inspected(await runCli(["inspect", merged, "--json"]));
    const changes = report?.changes ?? [];
    expect(changes.reduce((sum, change) => sum + change.hiddenBytes, 0)).toBe(report?.containerHiddenBytes);
    expect(changes.filter((change) => change.kind === "deleted")).toHaveLength(1);
    expect(changes.filter((change) => change.kind === "opaque")).toHaveLength(1);
    const result = await runCli(["inspect", merged, "--lang", lang]);
    expect(result.stdout).toContain(`${SAID[lang].image}${lang === "en" ? "; " : lang === "zh" ? "；" : "。"}${SAID[lang].container}`);
  });

  it("lists no 0-byte directory among the largest changes, and says how many more a cut list holds", async () => {
    const { merged } = makeKernelStack(parent(), mounts);
    const [report] = inspected(await runCli(["inspect", merged, "--json", "--top", "1000"]));
    const listable = (report?.changes ?? []).filter((change) => change.bytes + change.hiddenBytes > 0);
    const groups = report?.hidden.length ?? 0;
    expect([listable.length, groups]).toEqual([6, 6]);
    const whole = (await runCli(["inspect", merged, "--top", "1000"])).stdout;
    for (const directory of ["/etc", "/var", "/srv"]) expect(whole).not.toMatch(new RegExp(`\\n {4}[ACDO] ${directory} `));
    expect(whole).toContain("\n    D /var/cache  hides 6.8 KiB of the image\n");
    expect(whole).toContain("\n    O /data  hides 500 B of the image\n");
    expect(whole).not.toContain("more (--top");
    const cut = (await runCli(["inspect", merged, "--top", "2"])).stdout;
    const [changes, hidden] = cut.split("hidden by the image's own layers");
    expect(changes).toContain(SAID.en.more(listable.length - 2, listable.length));
    expect(hidden).toContain(SAID.en.more(groups - 2, groups));
  });

  it("with no TARGET: the largest mount first, under a total that counts a layer shared by two mounts once", async () => {
    const small = makeKernelStack(parent(), mounts);
    // A second container of the same image layers (the bottom one shared) that wrote 50,000 B.
    const [upper, work, merged] = ["big-upper", "big-work", "big-merged"].map((name) => join(parent(), name)) as [string, string, string];
    for (const dir of [upper, work, merged]) mkdirSync(dir);
    execFileSync("mount", [
      "-t",
      "overlay",
      "overlay",
      "-o",
      `lowerdir=${small.top}:${small.bottom},upperdir=${upper},workdir=${work}`,
      merged,
    ]);
    mounts.push(merged);
    writeBytes(join(merged, "log"), 50_000);
    for (const lang of LANGS) {
      const result = await runCli(["inspect", "--lang", lang]);
      const text = result.stdout;
      const titles = text.split("\n").filter((line) => line.startsWith("overlay /"));
      const bigAt = titles.findIndex((title) => title.startsWith(`overlay ${merged}`));
      expect(bigAt, text).toBeGreaterThanOrEqual(0);
      expect(bigAt, text).toBeLessThan(titles.findIndex((title) => title.startsWith(`overlay ${small.merged}`)));
      const mountCount = {
        en: /^([\d,]+) overlays, the largest first: /,
        zh: /^共 ([\d,]+) 个 overlay，从大到小排列：/,
        ja: /^overlay ([\d,]+) 個（大きい順）：/,
      }[lang];
      // The mounts' total heads their list (the host summary, from the stores' files, comes first).
      const total = text.split("\n").find((line) => mountCount.test(line)) ?? "";
      expect(Number(mountCount.exec(total)?.[1]?.replace(/,/g, "")), total).toBe(titles.length);
      // Both mounts share both image layers: at least those two are counted once, and it says so.
      const shared = { en: /; (\d+) layers are shared\)$/, zh: /；共用的层有 (\d+) 个）$/, ja: /。共有されているレイヤーは (\d+) 個）$/ }[
        lang
      ];
      expect(Number(shared.exec(total)?.[1]), total).toBeGreaterThanOrEqual(2);
    }
  });

  it("as a user who may not read every namespace: names a few processes, and counts no kernel thread", async () => {
    const before = processCounts();
    const result = await runCli(["inspect"], { uid: 65534 });
    const after = processCounts();
    expect([0, 1]).toContain(result.code);
    const note = result.stdout.split("\n").find((line) => line.includes("could not be read (not root)")) ?? "";
    const match =
      /^the mount namespaces of ([\d,]+) processes could not be read \(not root\): (.+?)(?: and ([\d,]+) more)?; overlays mounted only there are not listed; run with sudo to see them$/.exec(
        note,
      );
    expect(match, result.stdout).not.toBeNull();
    const named = [...(match?.[2] ?? "").matchAll(/pid (\d+) \(([^)]*)\)/g)].map(([, pid]) => Number(pid));
    expect(named.length).toBeGreaterThanOrEqual(1);
    expect(named.length).toBeLessThanOrEqual(3);
    for (const pid of named) expect(isKernelThread(pid), `pid ${pid} named in: ${note}`).not.toBe(true);
    const count = Number(match?.[1]?.replace(/,/g, ""));
    expect(count).toBe(named.length + Number(match?.[3]?.replace(/,/g, "") ?? 0));
    // Kernel threads outnumber the slack: had they been counted, the figure would pass this bound.
    expect(Math.min(before.kernel, after.kernel)).toBeGreaterThan(10);
    expect(count).toBeLessThanOrEqual(Math.max(before.user, after.user) + 5);
  });

  describeWith(["tmux"], "in a real terminal", () => {
    // A podman-like store: 64-hex layer ids, which the screen shortens to 12 and "…".
    function makeStore(): string {
      const [top, bottom, upper, other] = Array.from({ length: 4 }, () => `storage/overlay/${randomBytes(32).toString("hex")}`);
      const names = [`${top}/diff`, `${bottom}/diff`, `${upper}/diff`, `${upper}/work`, `${upper}/merged`, `${other}/image`];
      return makeKernelStack(parent(), mounts, names).merged;
    }

    it.each([60, 80, 100].flatMap((columns) => LANGS.map((lang) => [columns, lang] as const)))(
      "fits %i columns in %s: no line the terminal must wrap, ids shortened",
      async (columns, lang) => {
        const merged = makeStore();
        const terminal = new Terminal(
          [process.execPath, CLI, "inspect", merged, "--lang", lang],
          { NO_COLOR: "1", LANG: "C.UTF-8" },
          { columns, rows: 60 },
        );
        try {
          expect(await terminal.exitCode()).toBe(0);
          expect(wrappedByTerminal(terminal)).toEqual([]);
          const screen = terminal.screen();
          expect(screen).not.toMatch(/[0-9a-f]{13}/);
          expect(screen).toMatch(/[0-9a-f]{12}…/);
          // The verdict, wrapped over several lines, is all there.
          expect(screen.replace(/\s+/g, "")).toContain(SAID[lang].image.replace(/\s+/g, ""));
        } finally {
          terminal.close();
        }
      },
    );
  });
});
