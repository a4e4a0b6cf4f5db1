// inspect for a person, in en, zh and ja, on a stack described as data (no disk): the verdict
// comes from the totals whatever --top is, layers are numbered in build order everywhere on the
// screen, what the container hides is said apart from what the image hides, cut lists say how
// many more there are, and the words are the lessons' words.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { bySize, hostTotals } from "../../src/inspect/host.js";
import { renderMount, verdict } from "../../src/inspect/human.js";
import { mountReport } from "../../src/inspect/report.js";
import type { InspectTarget } from "../../src/inspect/targets.js";
import { en } from "../../src/inspect/words/en.js";
import { type InspectWords, inspectWords } from "../../src/inspect/words/index.js";
import { analyzeSpec, type Spec } from "../helpers/stack-spec.js";

//                              upper     top (#2)  base (#1)
const STACK: Record<string, Spec[]> = {
  big: [undefined, "w", "f:3000"], // RUN rm /big in the top layer: 3,000 B of the image's own waste
  etc: ["d", "d", "d"], // copied up to hold etc/conf: says nothing of the disk
  "etc/conf": ["f:9", undefined, "f:400"], // a copy-up: hides the base's 400 B
  log: ["f:700", undefined, undefined], // added
};

const target = {
  mountPoint: "/m",
  mounted: true,
  namespace: { inode: 1, pid: 1, own: true },
  lower: ["/top", "/base"],
  upper: "/upper",
  userXattr: false,
  store: "plain",
  container: null,
  problems: [],
} satisfies InspectTarget;

function reportAt(top: number) {
  return mountReport(target, analyzeSpec(STACK, true, top), [], false);
}

const render = (top: number, words: InspectWords) =>
  renderMount(target, reportAt(top), { words, lang: "en", chalk: new Chalk({ level: 0 }), width: undefined });

const LANGS = ["en", "zh", "ja"] as const;

/** What each language must say, for the stack above. */
const EXPECTED = {
  en: {
    image: "2.9 KiB of the image is hidden by its own layers: see the step that made layer #2, which removes /big",
    container: "apart from that, the container's changes hide 400 B that the image shows (1 copy-up)",
    layers: ["    #2  /top  0 B in 0 files", "    #1  /base  3.3 KiB in 2 files"],
    hidden: "2.9 KiB (1 file) /big in #1, deleted by a whiteout in #2",
    changed: "changed 2 (1 copy-up): 9 B written, hides 400 B of the image",
    moreChanges: "… 1 more (--top 2 lists them all)",
    moreHidden: "… 1 more (--top 2 lists them all)",
  },
  zh: {
    image: "镜像自身的层遮住了 2.9 KiB：请看生成 #2 层的那一步，它删除了 /big",
    container: "此外，容器的改动遮住了镜像中本来可见的 400 B（1 次 copy-up）",
    layers: ["    #2  /top  0 B，0 个文件", "    #1  /base  3.3 KiB，2 个文件"],
    hidden: "2.9 KiB（1 个文件）/big 在 #1 层，被 #2 层的 whiteout 删除",
    changed: "修改 2 项（其中 1 次 copy-up）：写入 9 B，遮住镜像的 400 B",
    moreChanges: "……还有 1 项（--top 2 可全部列出）",
    moreHidden: "……还有 1 项（--top 2 可全部列出）",
  },
  ja: {
    image: "イメージ自身のレイヤーが 2.9 KiB を隠しています：レイヤー #2 を作ったステップが /big を削除しています",
    container: "それとは別に、コンテナの変更が、イメージでは見える 400 B を隠しています（コピーアップ 1 件）",
    layers: ["    #2  /top  0 B、ファイル 0 個", "    #1  /base  3.3 KiB、ファイル 2 個"],
    hidden: "2.9 KiB（ファイル 1 個）/big（レイヤー #1）：レイヤー #2 のホワイトアウトで削除",
    changed: "変更 2 件（うちコピーアップ 1 件）：書き込み 9 B、イメージの 400 B を隠す",
    moreChanges: "…ほか 1 件（--top 2 ですべて表示）",
    moreHidden: "…ほか 1 件（--top 2 ですべて表示）",
  },
} as const;

describe("inspect's verdict", () => {
  it.each(LANGS)("names the step's layer and the path from the totals, even with --top 0 (%s)", (lang) => {
    const words = inspectWords(lang);
    for (const top of [0, 1, 10]) {
      const said = verdict(reportAt(top), words);
      expect(said).toContain(EXPECTED[lang].image);
      expect(said).not.toContain(words.verdictCleanImage);
    }
    expect(render(0, words)).toContain(EXPECTED[lang].image);
  });

  it.each(LANGS)("says what the container hides on its own, apart from the image's waste (%s)", (lang) => {
    const words = inspectWords(lang);
    expect(verdict(reportAt(10), words)).toContain(EXPECTED[lang].container);
    const text = render(10, words);
    expect(text).toContain(words.hiddenByImage("2.9 KiB"));
    expect(text).toContain(words.hiddenByContainer("400 B"));
    // The copy-ups the verdict counts are the ones the changes list says.
    expect(text).toContain(EXPECTED[lang].changed);
  });

  it("says no 'apart from that' when the image hides nothing of its own", () => {
    const report = mountReport(target, analyzeSpec({ etc: ["d", "d", "d"], "etc/conf": ["f:9", undefined, "f:400"] }), [], false);
    expect(verdict(report, inspectWords("en"))).toBe(
      "nothing of the image is hidden by its own layers; the container's changes hide 400 B that the image shows (1 copy-up)",
    );
    expect(verdict(report, inspectWords("zh"))).toBe(
      "镜像自身的层没有遮住任何内容；容器的改动遮住了镜像中本来可见的 400 B（1 次 copy-up）",
    );
    expect(verdict(report, inspectWords("ja"))).toBe(
      "イメージ自身のレイヤーが隠しているものはありません。コンテナの変更が、イメージでは見える 400 B を隠しています（コピーアップ 1 件）",
    );
  });
});

describe("inspect for a person", () => {
  it.each(LANGS)("numbers layers in build order, #1 the base, in the list and in the hidden items (%s)", (lang) => {
    const text = render(10, inspectWords(lang));
    const [top, base] = EXPECTED[lang].layers;
    expect(text).toContain(`${top}\n${base}\n`);
    expect(text).toContain(EXPECTED[lang].hidden);
  });

  it.each(LANGS)("says how many more a cut list holds, and lists no 0-byte directory (%s)", (lang) => {
    const words = inspectWords(lang);
    const cut = render(1, words);
    const [changes, hidden] = cut.split(words.hiddenByImage("2.9 KiB"));
    expect(changes).toContain(EXPECTED[lang].moreChanges);
    expect(hidden).toContain(EXPECTED[lang].moreHidden);
    const whole = render(10, words);
    expect(whole).not.toContain("more (--top");
    expect(whole).not.toMatch(/ C \/etc /);
    expect(whole).toMatch(/ C \/etc\/conf /);
  });

  it.each(["zh", "ja"] as const)("puts no ASCII space after full-width punctuation (%s)", (lang) => {
    const words = inspectWords(lang);
    const lines = [
      render(10, words),
      render(0, words),
      words.hostTotal("3", "9 MiB", "2"),
      words.hiddenNamespacesNotRoot("5", words.processes([words.process(1, "init"), words.process(2, "sh")], "3")),
      words.container("web", "podman", "0123456789ab", "localhost/app:latest"),
    ];
    for (const line of lines.join("\n").split("\n")) expect(line).not.toMatch(/[：（，。；）、」…] /u);
  });

  it("uses the lessons' words: コピーアップ in ja, #N without 第 in zh", () => {
    expect(render(10, inspectWords("ja"))).not.toContain("copy-up");
    for (const lang of LANGS) expect(render(10, inspectWords(lang))).not.toContain("第 #");
    expect(en.image.hiddenItem("1 B", "/x", "a", 1, "b", 2, "c")).toContain("(layer #1)");
    expect(inspectWords("zh").image.hiddenItem("1 B", "/x", "a", 1, "b", 2, "c")).toBe("1 B /x：由 a（#1 层）加入，被 b（#2 层，c）遮住");
  });
});

describe("the host's totals", () => {
  it("counts a layer directory shared by several mounts once, and says how many are shared; the largest mount first", () => {
    const root = mkdtempSync(join(tmpdir(), "ol-test-host-"));
    try {
      const [base, app, upperA, upperB] = ["base", "app", "a", "b"].map((name) => join(root, name)) as [string, string, string, string];
      for (const dir of [base, app, upperA, upperB]) mkdirSync(dir);
      const mount = (lower: string[], upper: string, upperBytes: number) => {
        const mountTarget = { ...target, lower, upper };
        const report = {
          ...reportAt(10),
          layers: lower.map((dir, index) => {
            const bytes = dir === base ? 1000 : 300;
            return { dir, number: lower.length - index, bytes, files: 1, apparentBytes: bytes, diskBytes: 4096 };
          }),
        };
        const upperTotals = { dir: upper, bytes: upperBytes, files: 1, apparentBytes: upperBytes, diskBytes: 4096 };
        return { target: mountTarget, report: { ...report, upper: upperTotals } };
      };
      const small = mount([app, base], upperA, 5);
      const large = mount([app, base], upperB, 2000);
      // Seen through another path (a bind mount, a second mount of one overlay): the same directory once more.
      const again = mount([app, base], upperB, 2000);
      expect(hostTotals([small, large])).toEqual({ mounts: 2, bytes: 1000 + 300 + 5 + 2000, shared: 2 });
      expect(hostTotals([small, large, again])).toEqual({ mounts: 3, bytes: 1000 + 300 + 5 + 2000, shared: 3 });
      expect(bySize([small, large]).map((read) => read.target.upper)).toEqual([upperB, upperA]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
