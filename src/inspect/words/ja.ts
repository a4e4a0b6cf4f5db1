// inspect の日本語。型は en.ts から：キーが欠けたりシグネチャが違えばビルドが失敗する。
import type { InspectWords } from "./en.js";

const VFS_REASON =
  "vfs ストレージドライバーでは、コンテナはどれもイメージの完全なコピーで（イメージの各レイヤーも、その下のレイヤーすべての完全なコピー）、overlay ではありません";

export const ja: InspectWords = {
  notFound: (target, runtimes) => `'${target}' は overlay のマウントポイントでも、${runtimes} が知っているコンテナでもありません`,
  noSuchPath: (target) => `'${target}' は存在せず、どのマウント名前空間でもそこに overlay はマウントされていません`,
  notMountPoint: (target) => `'${target}' は overlay のマウントポイントではありません：そこに overlay はマウントされていません`,
  notFoundNoRuntime: (target) =>
    `'${target}' は overlay のマウントポイントではなく、コンテナ名を問い合わせできる docker も podman も containerd も、そのストアも、このホストにはありません`,
  ambiguous: (target, count, matches) =>
    `'${target}' に当たるコンテナが ${count} 個あります：${matches.join("、")}。このうち 1 つを TARGET に指定してください`,
  storeOwner: (user, uid) => `rootless ストア：ユーザー ${user} のもの（uid ${uid}）`,
  underRoot: (dir) => `--root ${dir} の下のストアから読みました：このホストでは何もマウントされていません`,
  vfsReason: VFS_REASON,
  vfsContainer: (name, runtime, user, store) =>
    `'${name}' は ${user} の ${runtime} ストア ${store} のコンテナです：${VFS_REASON}。そのため比べるレイヤーがありません`,
  rootNotDirectory: (dir) => `--root ${dir}：ディレクトリではありません`,
  rootNoStore: (dir) =>
    `--root ${dir}：その下にコンテナのストアがありません（var/lib/docker、var/lib/containers/storage、各ユーザーのホーム、etc/docker/daemon.json と etc/containers/storage.conf が示す場所を探しました）`,
  notFoundUnderRoot: (target, dir) => `'${target}' は --root ${dir} の下のストアにあるコンテナではありません`,
  noContainersUnderRoot: (dir) => `--root ${dir} の下のストアにコンテナはありません`,
  noContainersUnderRootReadable: (dir) => `--root ${dir} の下の、中を見られたストアにコンテナはありません`,
  rootWithImage: "--root はストア自身のファイルを読み、--image はランタイムに問い合わせます：どちらか一方だけを指定してください",
  storeProblems: (count, shown, more) =>
    `ストアのファイル ${count} 個を読めませんでした。そこに書かれたものは上に出ていないかもしれません：${shown.join("；")}${more === "0" ? "" : `。ほかに ${more} 個`}`,
  storeProblem: {
    unreadable: (path, code) => `${path}：読めません（${code}）`,
    symlink: (path) => `${path}：シンボリックリンクなので、たどりません`,
    tooBig: (path, limit) => `${path}：${limit} より大きいので、読みません`,
    notAFile: (path) => `${path}：通常のファイルではありません`,
    notJson: (path, error) => `${path}：読み直しても JSON ではありません（${error}）`,
    notJsonArray: (path) => `${path}：JSON の配列ではありません`,
    notJsonObject: (path) => `${path}：JSON のオブジェクトではありません`,
    noLayer: (list, layer) => `${list}：レイヤー ${layer} がありません`,
    notLayerId: (path, value) => `${path}：レイヤー ID ではありません${value === "" ? "" : `（${value}）`}`,
    containerWithoutLayer: (container, list) => `コンテナ ${container}：${list} に自身のレイヤーがありません`,
    containerLayerGone: (container, layer) => `コンテナ ${container}：そのレイヤー ${layer} がディスク上にありません`,
    containerOtherDriver: (container, driver, home) =>
      `コンテナ ${container}：${driver} ストレージドライバーを使っていて、${home} にはありません`,
    bundleUnreadable: (mountPoint) => `${mountPoint}：タスクの bundle を読めません（root が必要です）：名前はわかりません`,
    daemonSilent: (address, why) => `containerd が ${address} で応答しません（${why}）`,
    daemonStates: {
      absent: "問い合わせに使う ctr がありません",
      "no-daemon": "そこで待ち受けているものがありません",
      "permission-denied": "ソケットは root にしか応答しません",
      error: "エラーが返りました",
    },
    daemonElsewhere: (address, snapshots) =>
      `${address} で応答する containerd は${snapshots === null ? " overlayfs スナップショッターを使っていません" : `スナップショットを ${snapshots} に置いていて、ここのスナップショットではありません`}`,
    daemonStopped: (error) => `containerd が応答しなくなりました：${error}`,
    daemonUnknown: (why, database) =>
      `${why}。どんなイメージがあるか、どのスナップショットがどのイメージやコンテナのものか、どんな停止したコンテナがあるかは、そのデータベース（${database}）にあり、ここでは読みません。スナップショットはすべて一覧にあり、実行中のコンテナはタスクの bundle から名前がわかります`,
  },
  podNotFound: (pod, runtimes) =>
    `Pod ${pod} のコンテナは見つかりません${runtimes === "" ? "：応答するコンテナランタイムがなく、マウント中のストアのファイルにもありません" : `（${runtimes} に問い合わせました）`}。NAMESPACE/POD の形の TARGET は Kubernetes の Pod で、コンテナのラベルから探します`,
  noOverlays: "このホストに overlay マウントはなく、ストアに停止したコンテナもありません",
  noOverlaysReadable: "このホストに overlay マウントはなく、中を見られたストアに停止したコンテナもありません",
  hostTotal: (mounts, bytes, shared) =>
    `overlay ${mounts} 個（大きい順）：全レイヤーの合計 ${bytes}（複数の overlay が共有するレイヤーは 1 回だけ数えています${shared === "0" ? "" : `。共有されているレイヤーは ${shared} 個`}）`,
  title: (mountPoint, bytes) => `${mountPoint}（レイヤー合計 ${bytes}）`,
  notMounted: "現在マウントされていません（停止したコンテナ）：ランタイムが示すレイヤーのディレクトリから読みました",
  container: (name, runtime, id, image) => `コンテナ ${name}（${runtime}、${id}）、イメージ ${image}`,
  pod: (pod, container) => `Pod：${pod}${container === "" ? "" : `（コンテナ ${container}）`}`,
  namedFromFiles: (runtime) =>
    `${runtime} には問い合わせず、${runtime} のストアのファイルから名前を付けました（応答がないか、このコンテナを知りません）。ラベルや、場合によってはイメージなど、${runtime} だけが知っている情報は分かりません`,
  noContainer: "対応するコンテナはありません（素の overlay か、ランタイムに問い合わせできません）",
  store: (kind) => `ストア：${kind}`,
  storePlain: "ストア：なし（どのランタイムのストアにもないレイヤーです）",
  otherNamespace: (pid) => `別のマウント名前空間にマウントされています。/proc/${pid}/root 経由で読みました`,
  layersTitle: "イメージのレイヤー（上から順に。番号はビルド順で、#1 がベースレイヤー）：",
  layer: (dir, bytes, files, disk) => `${dir}  ${bytes}、ファイル ${files} 個${disk === undefined ? "" : `、ディスク上 ${disk}`}`,
  upper: (dir, bytes, files, disk) =>
    `${dir}  ${bytes}、ファイル ${files} 個${disk === undefined ? "" : `、ディスク上 ${disk}`}（コンテナの書き込み可能レイヤー）`,
  noUpper: "upper レイヤーはありません：読み取り専用の overlay です",
  changesTitle: (count) => `変更（docker diff の一覧と同じ）：${count} 件`,
  noChanges: "変更はありません：コンテナは何も書いていません",
  changeKinds: { added: "追加", changed: "変更", deleted: "削除", opaque: "オペークディレクトリ", renamed: "名前を変えたディレクトリ" },
  renamedCount: (count) =>
    `名前を変えたディレクトリ ${count} 件：何もコピーされていません（redirect_dir：中身はイメージのレイヤーにあるまま）`,
  renamesTitle: "名前を変えたディレクトリ（新しい名前 ← イメージでの場所）：",
  renamed: (path, from) => `${path}  ← ${from}`,
  changeCount: (kind, count, bytes, hidden, of) =>
    `${kind} ${count} 件${of === undefined ? "" : `（うち${of}）`}：書き込み ${bytes}、イメージの ${hidden} を隠す`,
  largestChanges: "大きい変更：",
  changeWritten: (bytes) => `書き込み ${bytes}`,
  changeHides: (bytes) => `イメージの ${bytes} を隠す`,
  changeDisk: (bytes) => `ディスク上 ${bytes}`,
  changeMetacopy: "メタデータのみ：データはイメージのまま",
  change: (path, figures) => `${path}  ${figures.join("、")}`,
  hiddenByImage: (bytes) => `イメージ自身のレイヤーが隠しているもの：${bytes}`,
  hiddenByContainer: (bytes) => `コンテナの変更が隠しているもの（イメージでは見えるもの）：${bytes}`,
  largestHidden: "大きく隠れているもの：",
  hiddenBy: {
    whiteout: (layer) => `${layer === null ? "コンテナ" : `レイヤー #${layer} `}のホワイトアウトで削除`,
    opaque: (layer) => `${layer === null ? "コンテナ" : `レイヤー #${layer} `}のオペークディレクトリの下`,
    "newer-copy": (layer) => `${layer === null ? "コンテナ" : `レイヤー #${layer} `}の新しいコピーで置き換え`,
  },
  hidden: (bytes, files, path, layer, cause) => `${bytes}（ファイル ${files} 個）${path}（レイヤー #${layer}）：${cause}`,
  more: (count, all) => `…ほか ${count} 件（--top ${all} ですべて表示）`,
  verdictImage: (bytes, layer, path, cause) =>
    `イメージ自身のレイヤーが ${bytes} を隠しています：レイヤー #${layer} を作ったステップが ${path} を${cause === "whiteout" ? "削除" : cause === "opaque" ? "空に" : "置き換え"}しています`,
  verdict: (image, container) => `${image}。${container}`,
  verdictCleanImage: "イメージ自身のレイヤーが隠しているものはありません",
  verdictContainer: (bytes, parts, besides) =>
    `${besides ? "それとは別に、" : ""}コンテナの変更が、イメージでは見える ${bytes} を隠しています${parts.length === 0 ? "" : `（${parts.join("、")}）`}`,
  verdictNoContainerHidden: "コンテナの変更は、イメージで見えるものを何も隠していません",
  copyUps: (count) => `コピーアップ ${count} 件`,
  metadataOnly: (count) => `メタデータのみ ${count} 件`,
  listSeparator: "、",
  deletes: (count) => `削除 ${count} 件`,
  opaqueDirs: (count) => `オペークディレクトリ ${count} 個`,
  notes: "注記：",
  unreadable: (dir, code) => `${dir} を読めません（${code}）：その下は数えていません`,
  unresolved: (dir) => `レイヤー ${dir} を解決できません：数えていません`,
  layerUnreadable: (path, code) => `${path}：読めません（${code}）`,
  layerNotDirectory: (path) => `${path}：ディレクトリではありません`,
  layerForeignSymlink: (path) => `${path}：ストアの l/ ディレクトリの外にあるシンボリックリンクなので、たどりません`,
  layerLinkVanished: (path, code) => `${path}：リンクがなくなりました（${code}）`,
  layerLinkOutside: (path, target, store) => `${path}：ストア ${store} の外にある ${target} を指しているので、拒否しました`,
  layerLinkNotDirectory: (path, resolved) => `${path}：指す先の ${resolved} がディレクトリではないので、拒否しました`,
  relativeUnfound: (paths) => `相対パスのレイヤー（${paths}）：ストアにも、マウントポイントより上のディレクトリにも見つかりません`,
  relativeGuess: (paths, base) => `相対パスのレイヤー（${paths}）を ${base} から解決しました：推測です（マウントからは確かめられません）`,
  upperUnreadable: (path) => `upperdir ${path}：読めるディレクトリではありません`,
  partial: (mounts, root) =>
    root
      ? `数えられなかったレイヤーがあります（理由はそれぞれの注記にあります）：${mounts}`
      : `読めないレイヤーがありました（すべて読むには root で実行してください）：${mounts}`,
  missingLayers: (dirs) => `ストアに登録されているのにディスク上にないレイヤーがあります（そのバイトは数えていません）：${dirs}`,
  process: (pid, command) => `PID ${pid}（${command}）`,
  processes: (named, more) => `${named.join("、")}${more === "0" ? "" : `ほか ${more} 個`}`,
  hiddenNamespaces: (count, processes) =>
    `${count} 個のプロセスのマウント名前空間を読めません：${processes}。そこだけにある overlay は一覧にありません`,
  hiddenNamespacesNotRoot: (count, processes) =>
    `${count} 個のプロセスのマウント名前空間を読めません（root ではありません）：${processes}。そこだけにある overlay は一覧にありません。sudo で実行すると見えます`,
  closedStores: (count, stores, root) =>
    `${count} 個のストアの置き場所を見られません（${root ? "カーネルが拒否しました" : "root ではありません"}）：${stores}。そこにあるものは数えていません${root ? "" : "。数えるには sudo で実行してください"}`,
  image: {
    title: (name, runtime, id) => `イメージ ${name}（${runtime}、${id}）`,
    layersTitle: "レイヤー（上から順に。番号はビルド順で、#1 がベースレイヤー）：",
    unknownStep: "（履歴に対応するステップがありません）",
    layerFigures: (bytes, files, seen, hiddenLater) =>
      `${bytes}、ファイル ${files} 個：今も見えるのは ${seen}、後のレイヤーに隠されたのは ${hiddenLater}`,
    separator: "。",
    hides: (total, details) => `前のレイヤーの ${total} を隠す（${details}）`,
    hideHow: (how, bytes) => `${how} ${bytes}`,
    how: { whiteout: "ホワイトアウト", opaque: "オペークディレクトリ", "newer-copy": "新しいコピー" },
    listSeparator: "、",
    emptySteps: (count, keywords) => `レイヤーを作らなかったステップが ${count} 個あります（${keywords}）：レイヤーとは対応させていません`,
    totals: (onDisk, files, visible, hidden, percent) =>
      `ディスク上 ${onDisk}（ファイル ${files} 個）。コンテナから見えるのは ${visible}。隠れているのは ${hidden}（イメージの ${percent}）`,
    largestHidden: "大きく隠れているもの：",
    more: (count, all) => `…ほか ${count} 件（--top ${all} ですべて表示）`,
    manyFiles: (path, files) => `${path}（ファイル ${files} 個）`,
    hiddenItem: (bytes, path, addedBy, addedLayer, hiddenBy, hiddenLayer, how) =>
      `${bytes} ${path}：${addedBy}（レイヤー #${addedLayer}）が追加し、${hiddenBy}（レイヤー #${hiddenLayer}、${how}）が隠しています`,
    fix: "対処：ファイルを作った RUN の中で削除する（両方を 1 つの RUN で行う）か、マルチステージビルドで必要なものだけを COPY してください",
    nothingHidden: "隠れているものはありません：これらのレイヤーのバイトはすべてコンテナから見えます",
    ciLine: (rule, limit, value, crossed) => `CI ${rule} ${limit}：${crossed ? "超過" : "合格"}、イメージが隠しているのは ${value}`,
    ciRule: (rule, limit, value) => `${rule} ${limit} を超過：イメージが隠しているのは ${value}`,
    ciFailed: (rules) => `CI ゲート不合格：${rules.join("。")}`,
    notFound: (image, runtimes) =>
      `イメージ '${image}' は ${runtimes} にありません：\`podman images\` か \`docker images\` で名前を確認してください`,
    notOverlay: (runtime, driver) =>
      `${runtime} はイメージを ${driver || "不明な"} ストレージドライバーで保存しており、overlay ではありません：読める overlay レイヤーがありません（別の --runtime を選んでください）`,
    runtimeFailed: (message) => `コンテナランタイムが失敗しました：${message}`,
    mismatch: (layers, steps) =>
      `イメージのレイヤーは ${layers} 個ですが、履歴でレイヤーを作ったステップは ${steps} 個です：上から対応させたので、下のレイヤーは対応が誤っているか、対応していないかもしれません`,
    runtimeValue: (value) => `--runtime ${value}：docker か podman を選んでください`,
    runtimeNoImages: (runtime) =>
      `--runtime ${runtime}：${runtime} からはイメージのレイヤーがディスク上のどこにあるか分かりません。そのイメージから作ったコンテナを調べるか（inspect ID）、docker か podman を選んでください`,
    imageAndTarget: (target) => `TARGET（${target}）と --image はどちらか一方だけを指定してください`,
    onlyWithImage: (option) => `${option} は --image IMAGE と一緒にしか使えません`,
    ciNeedsRule: "--ci にはルールが必要です：--max-hidden SIZE、--max-hidden-percent P、またはその両方",
    ruleNeedsCi: (option) => `${option} は CI のルールです：--ci を付けてください`,
    budget: (value) => `'${value}' は 0 から 64 GiB までのサイズではありません：0、512k、50M、1GiB のように指定してください`,
    percentValue: (value) => `'${value}' は 0 から 100 までのパーセントではありません`,
  },
  summary: {
    notWith: (other) => `--summary はホスト全体のまとめです：${other} と一緒には指定できません`,
    thisHost: "このホスト",
    underRoot: (dir) => `--root ${dir} の下のストア`,
    title: (where, disk, stores, images, containers, running, stopped) =>
      `${where}：ストア ${stores} 個、イメージ ${images} 個、コンテナ ${containers} 個（実行中 ${running} 個、停止 ${stopped} 個）、ディスク使用量 ${disk}`,
    noStores: "このホストにはコンテナのストアが見つかりません",
    storesTitle: "ストア（大きい順）：",
    store: (runtime, root, owner, driver, disk, layers) =>
      `${runtime}  ${root}  ${driver}${owner === null ? "" : `（ユーザー ${owner}）`}：ディスク上 ${disk}、レイヤー ${layers} 個`,
    fullCopies: "vfs：どのコンテナもイメージの完全なコピーです（overlay を使わず、何も共有しません）",
    imagesTitle: "イメージ（大きい順）：",
    untagged: "<タグなし>",
    image: (name, id, layers, bytes, shared, unique, hidden) =>
      `${name} ${id}  レイヤー ${layers} 個、ディスク上 ${bytes}（ほかのイメージと共有 ${shared}、固有 ${unique}）。後のレイヤーが隠しているもの ${hidden}`,
    imageContainers: (names, more) =>
      `コンテナ：${names.length === 0 ? "なし" : names.join("、")}${more === "0" ? "" : `、ほか ${more} 個`}`,
    containersTitle: "コンテナ（書き込み可能レイヤーの大きい順）：",
    pod: (namespace, name) => `（Pod ${namespace}/${name}）`,
    states: { running: "実行中", stopped: "停止" },
    container: (name, pod, runtime, state, image, writes, hides) =>
      `${name}${pod}  ${runtime}、${state}、イメージ ${image}：書き込み可能レイヤーのディスク上 ${writes}、イメージの ${hides} を隠す`,
    unused: (count, disk) => `どのイメージにもコンテナにも使われていないレイヤー：${count} 個、ディスク上 ${disk}`,
    reclaim: (commands) => `使われていないものを片付けるランタイム自身のコマンド（表示のみ。実行はしません）：${commands.join("、")}`,
  },
};
