// HTML レポートの日本語。型は en.ts から：キーが欠けたりシグネチャが違ったりするとビルドが失敗する。
import type { HtmlWords } from "./en.js";

export const ja: HtmlWords = {
  notFile: (path) =>
    `--html ${path}：通常のファイルではありません（ディレクトリかシンボリックリンク）：新しいファイルか通常のファイルのパスを指定してください`,
  noDirectory: (path) => `--html ${path}：そのディレクトリがありません`,
  needsTarget: "--html には TARGET（コンテナかマウントポイント）か --image IMAGE が必要です",
  cannotWrite: (path, code) => `HTML レポート ${path} を書き込めませんでした（${code}）`,
  written: (path) => `HTML レポートを ${path} に書き込みました`,
  pageTitleImage: (name) => `${name}：イメージのレイヤー（overlay-lesson）`,
  pageTitleMount: (name) => `${name}：コンテナのレイヤー（overlay-lesson）`,
  noScript: "このレポートは JavaScript で描画します：JavaScript を有効にしたブラウザーで開いてください。",
  made: (program, when) => `${program} が作成、${when}`,
  imageHeading: (name, runtime, id) => `イメージ ${name}（${runtime}、${id}）`,
  containerHeading: (name, runtime, id) => `コンテナ ${name}（${runtime}、${id}）`,
  mountHeading: (mountPoint) => `overlay ${mountPoint}`,
  storeName: (store) => `ストア ${store}`,
  figures: {
    onDisk: "ディスク上",
    files: (count) => `ファイル ${count} 個`,
    seen: "コンテナから見える",
    hiddenByImage: "イメージ自身のレイヤーが隠している",
    hiddenByContainer: "コンテナの変更が隠している",
    written: "コンテナが書き込んだ",
    ofImage: (percent) => `イメージの ${percent}`,
  },
  largestHidden: "最も大きく隠れているもの：",
  nothingHidden: "隠れているものはありません：これらのレイヤーのバイトはすべてコンテナから見えます",
  fates: ["コンテナから見える", "後のイメージレイヤーが隠している", "コンテナが隠している", "コンテナが書き込んだ"],
  folded: "小さいファイル（まとめて表示）",
  treemap: {
    title: "バイトはどこにあるか",
    help: "面積がバイト数です。ボックスをクリックで拡大、上のパスをクリックで縮小。マウスを重ねると詳細を表示します。",
    label: "レイヤーのファイルのツリーマップ",
    breadcrumb: "拡大中のパス",
    legend: "色の意味",
  },
  upperLayer: "コンテナの書き込み可能レイヤー",
  layerName: (number, step) => `#${number} ${step}`,
  foldName: (files, bytes) => `ほか ${files} 個のファイル、${bytes}`,
  tip: {
    layer: "レイヤー",
    bytes: (bytes, exact) => `${bytes}（${exact} バイト）`,
    files: "ファイル数",
    hiddenBy: "隠しているもの",
    hiddenAt: (path) => `${path} のエントリー`,
    container: "コンテナ",
  },
  zoomed: (name, bytes) => `${name}：${bytes}`,
  layers: {
    title: "レイヤー（ビルド順。#1 がベースレイヤー）",
    help: "各バーはそのレイヤーが追加したもの、色はそのバイトがどうなったかを表します。バーをクリックすると、ツリーマップがそのレイヤーに拡大します。",
    hiddenLater: (bytes) => `${bytes} は後のレイヤーが隠している`,
    hiddenByContainer: (bytes) => `${bytes} はコンテナが隠している`,
    seen: (bytes) => `${bytes} は見える`,
    figures: (added, parts) => `${added}：${parts}`,
    added: (bytes, files) => `${bytes}、ファイル ${files} 個`,
  },
  hidden: {
    title: "隠れているもの",
    help: (shown, all) =>
      shown === all
        ? `隠れているもの全 ${all} 件、大きい順。見出しをクリックすると並べ替えます。`
        : `隠れているもの ${all} 件のうち大きい ${shown} 件（--top ${all} ですべて表示）。見出しをクリックすると並べ替えます。`,
    columns: { path: "パス", bytes: "バイト数", addedBy: "追加したステップ", hiddenBy: "隠したステップ", how: "方法", fix: "対処" },
    layer: (number) => `レイヤー #${number}`,
    step: (number, step) => `#${number} ${step}`,
    container: "コンテナ",
    containerFix: "コンテナ自身の変更です：このイメージから新しく作ったコンテナでは隠れません",
    manyFiles: (path, files) => `${path}（ファイル ${files} 個）`,
  },
  notes: {
    title: "補足",
    folded: (drawn, folded, under) =>
      `${drawn} 個のファイルを 1 つずつ描画し、それより小さい ${folded} 個のファイル（${under} 以下）はディレクトリごとにまとめました`,
    foldedEmpty: (drawn, folded) =>
      `${drawn} 個のファイルを 1 つずつ描画し、空のファイル ${folded} 個（0 B）はディレクトリごとにまとめました`,
    changesLeftOut: (kept, all) => `このページには変更 ${all} 件のうち最初の ${kept} 件だけを入れています。--json ならすべて出力します`,
  },
};
