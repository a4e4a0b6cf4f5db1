import type { LessonMeta } from "../catalog.js";

export const cowDemoMeta: LessonMeta = {
  id: "cow-demo",
  describe: {
    en: "the real cost of copy-on-write on a big file, measured honestly",
    zh: "在大文件上如实测量写时复制（copy-on-write）的真实代价",
    ja: "大きなファイルで書き込み時コピー（copy-on-write）の本当のコストを正直に測る",
  },
  summary: {
    en: "what copy-on-write costs on a big file: time, disk, and direct vs overlay writes",
    zh: "写时复制在大文件上的代价：时间、磁盘空间，以及直接写与 overlay 写的对比",
    ja: "大きなファイルでの書き込み時コピーのコスト：時間、ディスク容量、直接書き込みと overlay 経由の比較",
  },
  minutes: 15,
  // Defaults live in the descriptions (commander would print "default:" in English) and in
  // prepare(), which applies them.
  options: [
    {
      flags: "--size <size>",
      describe: {
        en: "size of the big file: 50M, 1G, 512MiB or bytes (default 50M)",
        zh: "大文件的大小：50M、1G、512MiB 或字节数（默认 50M）",
        ja: "大きなファイルのサイズ：50M、1G、512MiB またはバイト数（既定値 50M）",
      },
    },
    {
      flags: "--trials <n>",
      describe: {
        en: "direct vs overlay write trials, 1–50 (default 5)",
        zh: "直接写与 overlay 写的对比次数，1–50（默认 5）",
        ja: "直接書き込みと overlay 書き込みの比較回数、1〜50（既定値 5）",
      },
    },
    {
      flags: "--containers <n>",
      describe: {
        en: "containers that each modify the big file, 1–1000 (default 10)",
        zh: "各自修改该大文件的容器数量，1–1000（默认 10）",
        ja: "それぞれが大きなファイルを変更するコンテナの数、1〜1000（既定値 10）",
      },
    },
  ],
  load: () => import("./index.js"),
};
