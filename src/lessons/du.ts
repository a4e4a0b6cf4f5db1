// Why `du -sb` prints more than a lesson's own count, said beside du's output: du adds up every
// inode's apparent size, directories and links included, while the lessons count regular files'
// bytes (what a container can read, what hidden bytes are made of). Each figure du printed is
// split into those parts, exactly, so the two agree on screen (a learner saw `du -sb` print 32998
// for merged next to "the container can see 230 B").
import { formatCount } from "../i18n/format.js";
import type { Lang } from "../i18n/index.js";
import type { ApparentUsage } from "../overlay/usage.js";
import type { LessonContext } from "../runner/types.js";
import { exactBytes } from "./observe.js";

interface DuWords {
  why: string;
  parts: (total: string, files: string, fileCount: number, dirs: string, dirCount: number) => string;
  other: (bytes: string, count: number) => string;
}

const en: DuWords = {
  why: "du -sb adds up the size of every inode, directories and links included; the lesson counts regular files' bytes, which are what a container reads. du's figures, split:",
  parts: (total, files, fileCount, dirs, dirCount) =>
    `${total} = ${files} in ${formatCount(fileCount)} file${fileCount === 1 ? "" : "s"} + ${dirs} in ${formatCount(dirCount)} director${dirCount === 1 ? "y" : "ies"}`,
  other: (bytes, count) => ` + ${bytes} in ${formatCount(count)} link${count === 1 ? "" : "s"} or device${count === 1 ? "" : "s"}`,
};

const zh: DuWords = {
  why: "du -sb 把每个 inode 的大小都加在一起，目录和链接也算在内；本课只统计普通文件的字节数，也就是容器读到的内容。把 du 的数字拆开来看：",
  parts: (total, files, fileCount, dirs, dirCount) =>
    `${total} = ${formatCount(fileCount)} 个文件 ${files} + ${formatCount(dirCount)} 个目录 ${dirs}`,
  other: (bytes, count) => ` + ${formatCount(count)} 个链接或设备文件 ${bytes}`,
};

const ja: DuWords = {
  why: "du -sb はディレクトリやリンクも含め、すべての inode のサイズを合計します。このレッスンが数えるのは通常ファイルのバイト数、つまりコンテナが読む中身だけです。du の数字の内訳：",
  parts: (total, files, fileCount, dirs, dirCount) =>
    `${total} = ファイル ${formatCount(fileCount)} 個 ${files} + ディレクトリ ${formatCount(dirCount)} 個 ${dirs}`,
  other: (bytes, count) => ` + リンク・デバイス ${formatCount(count)} 個 ${bytes}`,
};

const WORDS: Record<Lang, DuWords> = { en, zh, ja };

/** The sentence that says why du's figures are larger, then one row per path du was given. */
export function duExplained(
  lang: Lang,
  paths: ReadonlyArray<readonly [string, ApparentUsage]>,
): { why: string; rows: Array<[string, string]> } {
  const w = WORDS[lang];
  return {
    why: w.why,
    rows: paths.map(([label, usage]) => {
      const parts = w.parts(
        exactBytes(usage.total),
        exactBytes(usage.files.bytes),
        usage.files.count,
        exactBytes(usage.dirs.bytes),
        usage.dirs.count,
      );
      return [label, usage.other.bytes > 0 ? parts + w.other(exactBytes(usage.other.bytes), usage.other.count) : parts];
    }),
  };
}

/** duExplained, said and shown in a step. */
export function showDu(ctx: LessonContext<unknown, unknown>, paths: ReadonlyArray<readonly [string, ApparentUsage]>): void {
  const { why, rows } = duExplained(ctx.lang, paths);
  ctx.say(why);
  ctx.facts(rows);
}
