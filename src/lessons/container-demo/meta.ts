import type { LessonMeta } from "../catalog.js";

export const containerDemoMeta: LessonMeta = {
  id: "container-demo",
  describe: {
    en: "the same on a real container (docker or podman): GraphDriver, UpperDir, copy-up and whiteouts",
    zh: "在真实容器上再做一遍（docker 或 podman）：GraphDriver、UpperDir、copy-up 与 whiteout",
    ja: "本物のコンテナで同じことを（docker または podman）：GraphDriver、UpperDir、コピーアップとホワイトアウト",
  },
  summary: {
    en: "a real container's overlay: its GraphDriver and the kernel's mount, image layers, exec writes, copy-up, whiteouts, du",
    zh: "真实容器的 overlay：GraphDriver 与内核里的挂载、镜像层、exec 写入、copy-up、whiteout、du",
    ja: "本物のコンテナの overlay：GraphDriver とカーネルのマウント、イメージレイヤー、exec での書き込み、コピーアップ、ホワイトアウト、du",
  },
  minutes: 15,
  // Defaults live in the descriptions (commander would print "default:" in English) and in prepare().
  options: [
    {
      flags: "--runtime <runtime>",
      describe: {
        en: "docker or podman (default: whichever answers, docker first)",
        zh: "docker 或 podman（默认：哪个能用就用哪个，优先 docker）",
        ja: "docker または podman（既定値：応答するほう、docker を優先）",
      },
    },
    {
      flags: "--image <image>",
      describe: {
        en: "the image to run; it needs a POSIX sh (default: an alpine or busybox image already here, else alpine, pulled)",
        zh: "要运行的镜像，需要带 POSIX sh（默认：本机已有的 alpine 或 busybox 镜像，否则拉取 alpine）",
        ja: "実行するイメージ。POSIX sh が必要（既定値：手元にある alpine か busybox のイメージ、なければ alpine を pull）",
      },
    },
  ],
  load: () => import("./index.js"),
};
