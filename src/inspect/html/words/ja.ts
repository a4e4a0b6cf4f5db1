// HTML レポートの日本語。型は en.ts から：キーが欠けたりシグネチャが違ったりするとビルドが失敗する。
import type { HtmlWords } from "./en.js";

/** ホストのページ（inspect --summary --html）。 */
const HOST: HtmlWords["host"] = {
  heading: (where) => `ホストの概要：${where}`,
  figures: {
    onDisk: "ディスク使用量（du と同じ数え方）",
    data: (bytes) => `ファイルのデータ ${bytes}`,
    writable: "コンテナの書き込み可能レイヤー（ディスク上）",
    imageHidden: "イメージ自身の後のレイヤーが隠している",
    imageHiddenAdded:
      "同じベースから作ったイメージがそれぞれベースの同じファイルを隠していると、そのファイルはイメージごとに 1 回ずつ数えられます",
    containerHidden: "コンテナの変更が隠している",
    unused: "使われていないレイヤー（ディスク上）",
    layers: (count) => `レイヤー ${count} 個`,
  },
  sortable: (help) => `${help}見出しをクリックすると並べ替えます。`,
  stores: {
    title: "ストア（大きい順）",
    help: "各レイヤーは、いくつのイメージやコンテナが使っていても 1 回だけ数えます。",
    columns: {
      runtime: "ランタイム",
      root: "ルート",
      owner: "所有者",
      driver: "ドライバー",
      diskBytes: "ディスク上",
      layers: "レイヤー数",
    },
    system: "root（システムのストア）",
  },
  images: {
    title: "イメージ",
    help: "ディスク上の大きさは du と同じ数え方です。共有：ほかのイメージも使っているレイヤーの分。固有：このイメージだけを削除すれば空く分。隠れている：イメージ自身の後のレイヤーが隠しているデータ（後のステップの RUN rm など）。",
    columns: {
      name: "イメージ",
      id: "ID",
      layers: "レイヤー数",
      diskBytes: "ディスク上",
      hiddenBytes: "隠れている",
      containers: "コンテナ",
    },
    split: (shared, own) => `共有 ${shared}、固有 ${own}`,
    none: "なし",
    noImages: "イメージはありません",
  },
  containers: {
    title: "コンテナ",
    help: "書き込み可能：コンテナの書き込み可能レイヤーのディスク上の大きさ。隠している：コンテナが隠しているイメージのデータ（コピーアップと削除）。",
    columns: {
      name: "コンテナ",
      pod: "Pod",
      runtime: "ランタイム",
      state: "状態",
      image: "イメージ",
      writableDiskBytes: "書き込み可能",
      hiddenBytes: "隠している",
    },
    none: "コンテナはありません",
  },
  unused: {
    title: "使われていないレイヤー",
    none: "どのレイヤーもイメージかコンテナが使っています",
    reclaim:
      "これらを片付けるランタイム自身のコマンドです（表示のみで、実行はしません）。停止中のコンテナや、どのコンテナにも使われていないイメージも削除されるので、先に上の一覧を確認してください。",
    columns: { dir: "レイヤーのディレクトリ", diskBytes: "ディスク上", files: "ファイル数" },
  },
  treemap: {
    help: "面積はディスク上のバイト数です。ストアごとに、そのイメージ、各イメージのレイヤー（ビルド順。#1 がベースレイヤー）とそのコンテナ自身のレイヤー、使われていないレイヤーを描きます。複数のイメージが共有するレイヤーは、そのうち最も大きいイメージの下に 1 回だけ描きます（ほかのイメージはツールチップに表示）。ボックスをクリックで拡大、上のパスをクリックで縮小。マウスを重ねると詳細を表示します。",
    noFiles:
      "ここにはディレクトリやファイルは描きません：概要は各レイヤーのファイルを数えるだけで、パスは保持しないためです。1 つのコンテナやイメージのファイルは inspect NAME --html か inspect --image IMAGE --html で表示できます。",
    label: "ホストのストア、イメージ、レイヤーのツリーマップ",
    empty: "ディスク上に描くものがありません",
  },
  roles: ["イメージ固有のレイヤー", "複数のイメージが共有するレイヤー", "コンテナ自身のレイヤー", "使われていないレイヤー"],
  names: {
    store: (runtime, root, owner) => `${runtime} ${root}${owner === null ? "" : `（ユーザー ${owner}）`}`,
    layer: (number, id) => `#${number} ${id}`,
    writable: (container) => `${container}：書き込み可能レイヤー`,
    beneath: (container) => `${container}：その下のレイヤー`,
    unused: "使われていないレイヤー",
  },
  tip: {
    disk: (bytes, exact) => `ディスク上 ${bytes}（${exact} バイト）`,
    data: (bytes, files) => `データ ${bytes}、ファイル ${files} 個`,
    layerOf: (number, image) => `${image} のレイヤー #${number}`,
    // 一覧は全角の括弧（#N）で終わるので、後ろに空白を入れない。
    alsoIn: (images) => `共有：${images.join("、")}にも含まれます`,
    onlyIn: "このイメージだけが使っています",
    writable: (container, state) => `コンテナ ${container} の書き込み可能レイヤー（${state}）`,
    beneath: (container) =>
      `コンテナ ${container} の書き込み可能レイヤーの下にある、どのイメージにも属さないレイヤー（docker の -init：/etc/hosts、/etc/resolv.conf）`,
    unused: "どのイメージもコンテナも使っていません",
    containerHides: (bytes) => `イメージの ${bytes} を隠している`,
    drawn: (layers, containers) => `ここに描いたもの：レイヤー ${layers}、コンテナのレイヤー ${containers}`,
    elsewhere: (bytes) => `レイヤーのうち ${bytes} は、それを共有するより大きいイメージの下に描いています`,
    imageDisk: (disk, shared, own) => `レイヤー：ディスク上 ${disk}（共有 ${shared}、固有 ${own}）`,
    hidden: (bytes) => `後のレイヤーが隠しているもの：${bytes}`,
    containers: (names) => `コンテナ：${names.length === 0 ? "なし" : names.join("、")}`,
    layers: (count) => `レイヤー ${count} 個`,
  },
};

export const ja: HtmlWords = {
  notFile: (path) =>
    `--html ${path}：通常のファイルではありません（ディレクトリかシンボリックリンク）：新しいファイルか通常のファイルのパスを指定してください`,
  noDirectory: (path) => `--html ${path}：そのディレクトリがありません`,
  needsTarget: "--html には TARGET（コンテナかマウントポイント）、--image IMAGE、--summary のいずれかが必要です",
  cannotWrite: (path, code) => `HTML レポート ${path} を書き込めませんでした（${code}）`,
  written: (path) => `HTML レポートを書き込みました：${path}`,
  pageTitleImage: (name) => `${name}：イメージのレイヤー（overlay-lesson）`,
  pageTitleMount: (name) => `${name}：コンテナのレイヤー（overlay-lesson）`,
  pageTitleHost: (where) => `${where}：コンテナのストア（overlay-lesson）`,
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
  labelled: (label, value) => `${label}：${value}`,
  aside: (text, inner) => `${text}（${inner}）`,
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
  host: HOST,
};
