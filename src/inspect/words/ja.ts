// inspect の日本語。型は en.ts から：キーが欠けたりシグネチャが違えばビルドが失敗する。
import type { InspectWords } from "./en.js";

export const ja: InspectWords = {
  notFound: (target, runtimes) => `'${target}' は overlay のマウントポイントでも、${runtimes} が知っているコンテナでもありません`,
  notFoundNoRuntime: (target) =>
    `'${target}' は overlay のマウントポイントではなく、コンテナ名を問い合わせできる docker も podman もこのホストにはありません`,
  noOverlays: "このホストに overlay マウントはありません",
  title: (mountPoint) => `overlay ${mountPoint}`,
  notMounted: "現在マウントされていません（停止したコンテナ）：ランタイムが示すレイヤーのディレクトリから読みました",
  container: (name, runtime, id) => `コンテナ ${name}（${runtime}、${id}）`,
  noContainer: "対応するコンテナはありません（素の overlay か、ランタイムに問い合わせできません）",
  store: (kind) => `ストア：${kind}`,
  otherNamespace: (pid) => `別のマウント名前空間にマウントされています。/proc/${pid}/root 経由で読みました`,
  layersTitle: "イメージのレイヤー（上から順に）：",
  layer: (number, dir, bytes, files) => `#${number}  ${dir}  ${bytes}、ファイル ${files} 個`,
  upper: (dir, bytes, files) => `upper  ${dir}  ${bytes}、ファイル ${files} 個（コンテナの書き込み可能レイヤー）`,
  noUpper: "upper レイヤーはありません：読み取り専用の overlay です",
  changesTitle: (count) => `変更（docker diff の一覧と同じ）：${count} 件`,
  noChanges: "変更はありません：コンテナは何も書いていません",
  changeKinds: { added: "追加", changed: "変更", deleted: "削除", opaque: "不透明ディレクトリ" },
  changeCount: (kind, count, bytes, hidden) => `${kind} ${count} 件：書き込み ${bytes}、隠したもの ${hidden}`,
  largestChanges: "大きい変更：",
  change: (kind, path, bytes, hidden) => `${kind} ${path}  ${bytes}、イメージの ${hidden} を隠す`,
  hiddenTitle: (image, container) => `隠れたバイト：イメージ自身のレイヤーが ${image}、コンテナが ${container}`,
  largestHidden: "大きく隠れているもの：",
  causes: {
    whiteout: "whiteout で削除",
    opaque: "不透明ディレクトリの下",
    "newer-copy": "新しいコピーで置き換え",
  },
  hidden: (bytes, files, path, layer, cause, by) => `${bytes}（ファイル ${files} 個）${path}（#${layer}）、${cause}、原因は ${by}`,
  byLayer: (layer) => `#${layer}`,
  byContainer: "コンテナ",
  verdictImage: (bytes, layer, path, cause) =>
    `イメージの ${bytes} が隠れています：レイヤー #${layer} を作ったステップが ${path} を${cause === "whiteout" ? "削除" : cause === "opaque" ? "空に" : "置き換え"}しています`,
  verdict: (image, container) => `${image}。${container}`,
  verdictCleanImage: "イメージ自身のレイヤーが隠しているものはありません",
  verdictContainer: (bytes, copyUps, deletes) =>
    `さらにコンテナがそのうち ${bytes} を隠しています（copy-up ${copyUps} 件、削除 ${deletes} 件）`,
  verdictNoContainerHidden: "コンテナはイメージを何も隠していません",
  notes: "注記：",
  unreadable: (dir, code) => `${dir} を読めません（${code}）：その下は数えていません`,
  unresolved: (dir) => `レイヤー ${dir} を解決できません：数えていません`,
  partial: (mounts) => `読めないレイヤーがありました（すべて読むには root で実行してください）：${mounts}`,
  hiddenNamespaces: (count) => `${count} 個のプロセスのマウント名前空間を読めません：そこだけにある overlay は一覧にありません`,
  hiddenNamespacesNotRoot: (count) =>
    `${count} 個のプロセスのマウント名前空間を読めません（root ではありません）：そこだけにある overlay は一覧にありません。sudo で実行すると見えます`,
};
