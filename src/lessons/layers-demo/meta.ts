import type { LessonMeta } from "../catalog.js";

export const layersDemoMeta: LessonMeta = {
  id: "layers-demo",
  describe: {
    en: "an image built layer by layer: stacking, whiteouts and opaque dirs, why RUN rm does not shrink it",
    zh: "一层一层构建镜像：层的叠加、whiteout 与不透明目录，以及为什么后面的 RUN rm 不会让镜像变小",
    ja: "イメージをレイヤーごとに構築：重ね合わせ、ホワイトアウトとオペークディレクトリ、後の RUN rm でイメージが小さくならない理由",
  },
  summary: {
    en: "FROM / COPY / RUN as real overlay mounts, lowerdir order, whiteouts and opaque dirs in layers, hidden bytes measured",
    zh: "把 FROM / COPY / RUN 做成真实的 overlay 挂载：lowerdir 顺序、层里的 whiteout 和不透明目录、实测被隐藏的字节",
    ja: "FROM / COPY / RUN を本物の overlay マウントで：lowerdir の順序、レイヤー内のホワイトアウトとオペークディレクトリ、隠れたバイト数の実測",
  },
  minutes: 15,
  load: () => import("./index.js"),
};
