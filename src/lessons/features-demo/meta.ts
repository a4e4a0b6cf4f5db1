import type { LessonMeta } from "../catalog.js";

export const featuresDemoMeta: LessonMeta = {
  id: "features-demo",
  describe: {
    en: "the options engines mount with: metacopy, redirect_dir, index, volatile, xino, data-only layers",
    zh: "容器引擎挂载时用的选项：metacopy、redirect_dir、index、volatile、xino、仅数据下层",
    ja: "コンテナエンジンがマウントに使うオプション：metacopy、redirect_dir、index、volatile、xino、データ専用の下位レイヤー",
  },
  summary: {
    en: "why RUN chown -R doubles a layer, why mv of a directory copies it, hard links after a write, volatile, xino, composefs",
    zh: "为什么 RUN chown -R 会让层翻倍、为什么 mv 目录会复制、写入后的硬链接、volatile、xino、composefs",
    ja: "RUN chown -R でレイヤーが倍になる理由、ディレクトリの mv がコピーになる理由、書き込み後のハードリンク、volatile、xino、composefs",
  },
  minutes: 20,
  load: () => import("./index.js"),
};
