import type { LessonMeta } from "../catalog.js";

export const mountDemoMeta: LessonMeta = {
  id: "mount-demo",
  describe: {
    en: "lower/upper/work/merged, copy-up on the first write, whiteouts on delete",
    zh: "lower/upper/work/merged、首次写入时的 copy-up、删除时的 whiteout",
    ja: "lower/upper/work/merged、最初の書き込みでのコピーアップ、削除時のホワイトアウト",
  },
  summary: {
    en: "lower/upper/work/merged, reads, copy-up on the first write, whiteouts on delete",
    zh: "lower/upper/work/merged、读取、首次写入时的 copy-up、删除时的 whiteout",
    ja: "lower/upper/work/merged、読み取り、最初の書き込みでのコピーアップ、削除時のホワイトアウト",
  },
  minutes: 10,
  load: () => import("./index.js"),
};
