// The runner's and the CLI's words in Japanese.
import type { Messages } from "./en.js";

export const ja: Messages = {
  cli: {
    optPractice: "overlay を変更するステップを自分でシェルで行い、カーネルが採点する",
    optFrom: "このステップから始める（それより前のステップは状態を作るため自動で実行）",
    optRootless: "レッスン専用のユーザー名前空間とマウント名前空間で、root なしと同じように実行（root でなければ自動）",
    optShell: "最後のステップの後、merged をマウントしたままワークスペースでシェルを開く。シェルを抜けるとレッスン終了",
    description: "コンテナイメージのレイヤーの仕組みを、手元のカーネル上の OverlayFS でステップごとに学びます。",
    cleanup: "--keep で残したワークスペースや、強制終了された実行が残したワークスペースを削除",
    doctor: "この環境でレッスンを実行できるか確認し、できない場合は原因と対処法を表示",
    list: "レッスンの一覧を表示",
    inspect: "このホストの任意の overlay（コンテナ、マウントポイント、またはすべて）を調べる：レイヤー、変更、隠れたバイト",
    inspectTarget:
      "コンテナ名または ID（docker、podman、containerd。同じ名前が複数のストアにあるときは RUNTIME/USER/NAME）、NAMESPACE/POD で表す Kubernetes の Pod、または overlay のマウントポイント。省略時はすべての overlay マウントと停止したコンテナすべて",
    optInspectJson: "overlay マウントごとに JSON オブジェクトを 1 行ずつ出力（--image のときはイメージ 1 つに 1 行）",
    optTop: "大きい順に N 件を表示（デフォルト 10）",
    optInspectImage:
      "イメージ（docker または podman）を調べる：レイヤー、各レイヤーを作ったビルドステップ、各レイヤーが隠すバイトと隠されたバイト",
    optInspectRuntime: "--image と一緒に：docker または podman（既定値：そのイメージを知っているほう、docker を優先）",
    optSummary: "ホストのまとめだけを表示：このホストのストア、イメージ、コンテナすべて（大きい順）と、使われていないレイヤー",
    optHtml:
      "FILE にも書き出す：オフラインで開ける単体の HTML レポート（TARGET や --image ならツリーマップ、レイヤー、隠れているもの。--summary ならこのホストのストア、イメージ、コンテナ）",
    optInspectRoot:
      "DIR の下のコンテナストアを読む（別のマシンのディスクをここにマウントしたもの）：ファイルだけを読み、マウントもランタイムへの問い合わせもしない",
    optCi: "--image と一緒に：CI ゲートとして、--max-hidden のルールを超えたら終了コード 1",
    optMaxHidden: "--ci と一緒に：イメージに許す隠れたバイトの上限（例：10MiB。0 なら一切許さない）",
    optMaxHiddenPercent: "--ci と一緒に：隠れたバイトの上限を、イメージのディスク上のバイトに対するパーセントで",
    optDir: "PARENT の下にワークスペースを作成（デフォルト：システムの一時ディレクトリ）",
    optKeep: "終了後もワークスペースを残す（中を確認するため。root ではマウントしたまま、rootless ではディレクトリだけ）",
    optYes: "ステップ間で一時停止しない",
    optDirCleanup: "PARENT の下のワークスペースを探す（既定：システムの一時ディレクトリ）",
    optDirDoctor: "PARENT をワークスペースの置き場所として確認する（既定：システムの一時ディレクトリ）",
    optJsonReport: "テキストの代わりに JSON を出力",
    optJson: "レッスンの代わりに改行区切りの JSON イベントを出力",
    optNoColor: "色を付けない（NO_COLOR=1 でも可）",
    optLang: "言語：zh、en、ja のいずれか（デフォルト：LANG から判定）",
    optTranscript: "実行全体を Markdown で FILE にも書き出す",
    optDryRun: "削除対象を表示するだけで、何も削除しない",
    optHelp: "ヘルプを表示",
    optVersion: "バージョンを表示",
    helpCommand: "コマンドのヘルプを表示",
    helpTitles: {
      "Usage:": "使い方:",
      "Options:": "オプション:",
      "Commands:": "コマンド:",
      "Arguments:": "引数:",
      "Global Options:": "グローバルオプション:",
    },
    examples: "例:",
    exampleMount: "npx overlay-lesson mount-demo                # ステップごとに進める。sudo 不要（rootless）",
    exampleLang: "npx overlay-lesson layers-demo --lang ja      # 日本語で（--lang zh：中国語）",
    examplePractice: "npx overlay-lesson mount-demo --practice     # コマンドは自分で入力し、カーネルが採点する",
    exampleCow: "sudo npx overlay-lesson cow-demo --size 1G    # root で実行：マウントはホスト上に作られる",
    exampleInspect: "sudo npx overlay-lesson inspect              # このホストのすべての overlay と隠れたバイト数",
    exampleJson: "npx overlay-lesson mount-demo --json | jq -c 'select(.type==\"check\")'",
    exampleDoctor: "npx overlay-lesson doctor                    # この環境でレッスンを実行できるか確認",
    usageCommand: "<コマンド>",
    usage: "[オプション]",
  },
  usage: {
    shellNeedsTerminal: "--shell は対話シェルを開くため、JSON 出力とは両立しません：--shell と --json のどちらかを外してください",
    unknownCommand: (name: string, lessons: readonly string[], others: readonly string[]) =>
      `不明なコマンド '${name}' です。レッスン：${lessons.join("、")}。ほかのコマンド：${others.join("、")}（--help を参照）`,
    unknownOption: (option: string) => `不明なオプション '${option}' です（--help を参照）`,
    missingValue: (option: string) => `オプション '${option}' には値が必要です`,
    missingArgument: (name: string) => `引数 '${name}' がありません`,
    excessArguments: (command: string) => `'${command}' はオプションのみ受け付けます。それ以外の引数は指定できません（--help を参照）`,
    invalidValue: (option: string, detail: string) => `${option} の値が不正です：${detail}`,
    noCommand: "レッスンを指定してください：overlay-lesson mount-demo（または --help を参照）",
    lang: (value: string) => `'${value}' は指定できる言語ではありません：zh、en、ja のいずれかを指定してください`,
    sizeEmpty: "サイズが空です：50M、1G、512MiB のように指定してください",
    sizeMalformed: (value: string) => `'${value}' はサイズとして解釈できません：50M、1G、512MiB、64m、またはバイト数で指定してください`,
    sizeZero: "サイズは 0 バイトより大きくしてください",
    sizeTooSmall: (value: string) => `'${value}' は小さすぎます：違いを確認するには、大きなファイルが 1 MiB 以上必要です`,
    sizeTooLarge: (value: string) => `'${value}' は大きすぎます：上限は 64 GiB です`,
    transcriptNotFile: (path: string) =>
      `--transcript ${path} は既に存在し、通常のファイルではありません（シンボリックリンクかディレクトリです）：新しいファイル名を指定してください`,
    transcriptNoDir: (path: string) => `--transcript ${path}：親ディレクトリが存在しません`,
    integer: (value: string, min: number, max: number) => `'${value}' は ${min} から ${max} までの整数ではありません`,
  },
  errors: {
    rootless: {
      "no-unshare": (sudo: string) =>
        `root なしで実行するには \`unshare\`（util-linux）が必要です。インストールする（apt install util-linux）か、sudo で実行してください：${sudo}`,
      "old-kernel": (sudo: string, version: string) =>
        `root なしで overlay をユーザー名前空間内にマウントするには Linux 5.11 以降が必要です（この環境は ${version}）。sudo で実行してください：${sudo}`,
      apparmor: (sudo: string) =>
        `この環境では AppArmor が非特権ユーザー名前空間を制限しています（kernel.apparmor_restrict_unprivileged_userns=1、Ubuntu 24.04 の既定値）。\`sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0\` で許可するか、sudo で実行してください：${sudo}`,
      "max-user-namespaces": (sudo: string) =>
        `ユーザー名前空間が無効になっています（user.max_user_namespaces=0）。\`sudo sysctl user.max_user_namespaces=15000\` で有効にするか、sudo で実行してください：${sudo}`,
      "userns-clone": (sudo: string) =>
        `非特権ユーザー名前空間が無効になっています（kernel.unprivileged_userns_clone=0）。\`sudo sysctl kernel.unprivileged_userns_clone=1\` で有効にするか、sudo で実行してください：${sudo}`,
      denied: (sudo: string, detail: string) =>
        `カーネルがユーザー名前空間の作成を拒否しました（${detail}）。コンテナ内の場合は、コンテナ側で許可が必要です。sudo で実行してください：${sudo}`,
    },
    internal: (message: string) => `内部エラー（overlay-lesson のバグです。報告をお願いします）：${message}`,
    outputClosed: "レッスンの終了前に出力が閉じられました。後片付けは完了しています",
    commandFailed: (command: string, code: number, stderr: string) =>
      `\`${command}\` が終了コード ${code} で失敗しました${stderr ? `：${stderr}` : ""}`,
    mountFailed: (stderr: string) => `マウントに失敗しました：${stderr}`,
    stepCrashed: (message: string) => `ステップが異常終了しました：${message}`,
    checksFailed: (count: number) => `このカーネルでは ${count} 件のチェックが成立しませんでした：上の ✗ の行を参照してください`,
    teardownFailed: (command: string) => `後片付けが完了していません：${command} を実行してください`,
  },
  parent: {
    notWritable: (path: string) =>
      `--dir ${path} に書き込み権限がありません：自分のディレクトリを指定してください（既定はシステムの一時ディレクトリ）`,
    missing: (path: string) => `--dir ${path} が存在しません`,
    notDirectory: (path: string) => `--dir ${path} はディレクトリではありません`,
    symlink: (path: string) => `--dir ${path} はシンボリックリンクです。リンク先の実際のディレクトリを指定してください`,
    worldWritable: (path: string) =>
      `--dir ${path} はスティッキービットなしで全ユーザーが書き込み可能なため、他のユーザーにワークスペースをすり替えられるおそれがあります`,
    unfitFs: (path: string, fsType: string) => `--dir ${path} は ${fsType} 上にあり、overlay の upper レイヤーを置けません`,
    fix: "ext4、xfs、btrfs、tmpfs などのローカルファイルシステム上のディレクトリを選んでください（デフォルトの /tmp は通常これに当てはまります）",
  },
  hints: {
    "no-overlay":
      "カーネルに overlay ファイルシステムがありません：`sudo modprobe overlay` を実行して（またはディストリビューションのカーネルモジュールをインストールして）から再試行してください",
    "bad-option":
      "mount がレイヤーの指定を拒否しました：upper と work は同じファイルシステム上にあり、work は空でなければなりません。upper は overlay や NFS 上には置けず、xfs では ftype=1 が必要です（`xfs_info` で確認）",
    busy: "マウントポイントが使用中です：`fuser -vm PATH` または `lsof +D PATH` で使用中のプロセスを特定して終了させるか、`umount -l PATH` で切り離してください",
    "not-permitted":
      "カーネルがマウントを拒否しました：root（sudo）で実行してください。コンテナ内の場合は CAP_SYS_ADMIN を付与してください",
    "no-such-path": "レイヤーのディレクトリが見つかりません：レッスンの実行中に削除された可能性があります",
  },
  doctor: {
    rootlessOk: "root ではありません：レッスンは専用のユーザー名前空間とマウント名前空間で rootless 実行されます",
    rootlessNo: "root ではなく、この環境では rootless でもレッスンを実行できません",
    title: "overlay レッスンの実行環境チェック",
    kernel: (version: string) => `カーネル ${version}`,
    kernelFix: "overlayfs には Linux 3.18 以降が必要です：より新しいカーネルか VM を使ってください",
    kernelOldMultiLower: "複数の lower レイヤーには Linux 4.0 以降が必要",
    overlayLoaded: "overlay ファイルシステムが利用可能（/proc/filesystems）",
    overlayModule: "overlay モジュールあり。最初のマウント時にカーネルが読み込む",
    overlayMissing: "このカーネルには overlay ファイルシステムがない",
    overlayFix: "`sudo modprobe overlay` を実行するか、ディストリビューションのカーネルモジュールのパッケージをインストールしてください",
    root: "root で実行中",
    parentOk: (path: string, fsType: string) => `ワークスペースの親ディレクトリ ${path}（${fsType}）`,
    tmpfsNote: "tmpfs はメモリ上にあります：cow-demo の計測結果はディスクではなくメモリの速度になります",
    xfsNote: "upper レイヤーを置くには、xfs が ftype=1 でフォーマットされている必要があります（xfs_info で確認できます）",
    space: (free: string, path: string) => `${path} の空き容量 ${free}`,
    spaceShort: (free: string, need: string, path: string) => `${path} の空き容量が ${free} しかない（${need} 必要）`,
    spaceFix: "空き容量を確保するか、別の --dir を指定してください",
    commands: (list: string) => `必要なコマンドあり：${list}`,
    commandsMissing: (list: string) => `見つからないコマンド：${list}`,
    commandsFix: "util-linux、coreutils、findutils をインストールしてください（apt install util-linux coreutils findutils）",
    ready: "この環境でレッスンを実行できます。",
    notReady: (count: number) => `この環境ではまだレッスンを実行できません：上に ${count} 件の問題があり、それぞれに対処法を示しています。`,
    optionalTitle: "オプションのツール（インストールされていればレッスンで使い、なくても進められます）：",
    optionalFound: (program: string, path: string, purpose: string) => `${program}（${path}）：${purpose}`,
    optionalMissing: (program: string, pkg: string, purpose: string) =>
      `${program} はインストールされていません（apt-get install ${pkg}）：${purpose}。レッスンは同じ情報を自分で読み取ります`,
    optionalPurpose: { getfattr: "layers-demo でオペークディレクトリの xattr を表示します" },
    runtimesTitle: "コンテナランタイム（container-demo にはどちらか 1 つが必要。他のレッスンには不要）：",
    overlayTitle: (kernel) => `このカーネル（Linux ${kernel}）の overlay で、マウント時に指定がない場合の既定値：`,
    overlayNotLoaded: "overlay モジュールはまだ読み込まれていません（最初の overlay マウントで読み込まれます）。既定値は読めません",
    overlayFeature: {
      redirect_dir: (on) =>
        on
          ? "redirect_dir 有効：イメージのディレクトリの名前を変えると redirect が記録され、何もコピーされません"
          : "redirect_dir 無効：イメージのディレクトリの名前変更は EXDEV で失敗し、mv はツリー全体をコピーアップします",
      metacopy: (on) =>
        on
          ? "metacopy 有効：chown や chmod ではメタデータだけがコピーされます"
          : "metacopy 無効：chown や chmod でファイル全体がコピーアップされます",
      index: (on) =>
        on ? "index 有効：コピーアップ後もハードリンクが保たれます" : "index 無効：ハードリンクの一方から書き込むとリンクが切れます",
      xino_auto: (on) =>
        on
          ? "xino 有効：merged の inode 番号はレイヤーをまたいでも一意です"
          : "xino 無効：merged で別レイヤーの 2 つのファイルが同じ inode 番号になることがあります",
    },
    overlayParameters: (all) => `すべてのパラメーター：${all}`,
    mountsTitle: "このホストでマウントされている overlay（ストアごと）とそのマウントオプション：",
    noMounts: "いまマウントされている overlay はありません",
    plainStore: "どのランタイムのストアにも属さないもの",
    mountsOf: (store, count, options) =>
      `${store}：マウント ${count} 個、${options === "" ? "独自のオプションなし（上のカーネル既定値）" : options}`,
    runtimeOk: (name: string, version: string, driver: string) => `${name} ${version} が応答；ストレージドライバー ${driver}`,
    runtimeNotOverlay: (name: string, driver: string) =>
      `${name} はコンテナを overlay ではなく ${driver} で保存しています：container-demo では読めません`,
    runtimeAsRoot: (name: string, path: string) =>
      `${name} はインストールされています（${path}）。container-demo は root で使います：確認するには doctor を sudo で実行してください`,
    runtimeAbsent: (name: string) => `${name} はインストールされていません`,
    runtimeNoDaemon: (name: string) => `${name} はインストールされていますが、デーモンが応答しません`,
    runtimePermission: (name: string) => `${name} のデーモンは root と docker グループにしか応答しません`,
    runtimeError: (name: string, detail: string) => `${name} はこの環境で動きません：${detail}`,
    runtimeNone: "PATH 上にコンテナランタイムがありません（docker も podman もない）",
    runtimeInstall: "podman（sudo apt-get install podman runc）か docker（sudo apt-get install docker.io）をインストールしてください",
    dockerStart: "デーモンを起動するか（sudo systemctl start docker、または sudo dockerd &）、--runtime podman を使ってください",
    dockerPermission: "root で実行する（sudo）か、自分を docker グループに追加してください",
    podmanStart: "podman のサービスを起動するか（sudo systemctl start podman.socket）、--runtime docker を使ってください",
    containerdStart:
      "containerd を起動するか（sudo systemctl start containerd）、CONTAINERD_ADDRESS に containerd が待ち受けるソケットを指定してください",
    containerdPermission: "root で実行してください（sudo）：containerd のソケットは root にしか応答しません",
  },
  cleanup: {
    nothing: (parent: string) => `${parent} の下に overlay-lesson が残したものはありません。`,
    removed: (path: string) => `${path} を削除しました`,
    wouldRemove: (path: string, state: string) => `削除対象：${path}（${state}）`,
    unmounted: (path: string) => `${path} をアンマウントしました`,
    lazy: (path: string, holders: string) =>
      `${path} は使用中でした${holders ? `（使用中のプロセス：${holders}）` : ""}：遅延アンマウントで切り離しました`,
    live: (path: string, pid: number) => `${path} はそのままにしました：そのレッスンはまだ実行中です（pid ${pid}）`,
    refused: (path: string, reason: string) => `${path} はそのままにしました：${reason}`,
    reasons: {
      "other-user": "別のユーザーのものです",
      "no-marker": "overlay-lesson のマーカーがないため、このツールが作ったものではありません",
      "foreign-marker": "マーカーに別のパスが記録されているため、コピーされたか仕込まれたものです",
      symlink: "シンボリックリンクです",
      "not-directory": "ディレクトリではありません",
      "still-mounted": "配下にまだマウントされているものがあります",
      "crosses-filesystem": "内部に別のファイルシステムがあります",
    },
    states: { stale: "レッスンが強制終了されたもの", kept: "--keep で残したもの" },
    done: (count: number) => `${count} 個のワークスペースを削除しました。このツールによるマウントは残っていません。`,
    failed: (count: number) => `${count} 個のワークスペースを削除できませんでした：上記を参照してください`,
    containerRemoved: (name: string, runtime: string) => `コンテナ ${name}（${runtime}）を削除しました：そのレッスンはもう動いていません`,
    containerWouldRemove: (name: string, runtime: string) => `コンテナ ${name}（${runtime}）を削除します：そのレッスンはもう動いていません`,
    containerLive: (name: string, pid: number) => `コンテナ ${name} はそのままにしました：そのレッスンはまだ実行中です（pid ${pid}）`,
    containerFailed: (name: string, detail: string) => `コンテナ ${name} を削除できませんでした：${detail}`,
  },
  list: {
    minutes: (minutes: number) => `約 ${minutes} 分`,
  },
  report: {
    mode: {
      root: "モード：root。マウントはホスト上に作られ、すべてのプロセスから見えます。",
      rootless:
        'モード：rootless。レッスンは専用のユーザー名前空間とマウント名前空間で動きます。その中であなたは "root" ですが、権限が及ぶのは自分のファイルだけです。レッスンが終われば（強制終了されても）マウントは一緒に消えます。overlay は -o userxattr 付きでマウントします。root でなければ、カーネルがユーザー名前空間に書き込みを許す xattr は user.* だけなので、overlayfs はその印（ホワイトアウト、オペークディレクトリ）を trusted.overlay.* ではなく user.overlay.* として残します。',
    },
    keptRootlessTitle: "ディレクトリを残しました（--keep）：",
    keptRootlessWhy:
      "rootless では、マウントはレッスン専用の名前空間にあり、それと一緒に消えました。各レイヤーはすべて残っていて、merged/ は今は空のディレクトリです。merged をマウントしたまま中を見るには、--shell を付けてレッスンを実行してください。",
    shellStart: (shell: string) =>
      `merged をマウントしたまま、ワークスペースで ${shell} を開きます。exit（または Ctrl-D）でレッスンを終了します。`,
    shellEnd: (code: number) => `シェルが終了しました（終了コード ${code}）。`,
    workspace: "ワークスペース：",
    commandsRunHere: "（以下のコマンドはここで実行します）",
    step: (n: number, total: number) => `ステップ ${n}/${total}`,
    expected: "期待：",
    observed: "実際：",
    failedCheck: (where: string, expected: string, observed: string) => `${where}：期待 ${expected}、実際 ${observed}`,
    exitCode: (code: number) => `終了コード ${code}`,
    moreLines: (count: number) => `… ほか ${count} 行`,
    pressEnter: "Enter キーで続行…",
    cleaningUp: "後片付け：",
    teardownUmount: (path: string) => `umount ${path}`,
    teardownRemove: (path: string) => `rm -r ${path}`,
    lazyUnmount: (path: string, holders: string) =>
      `${path} は使用中でした${holders ? `（使用中のプロセス：${holders}）` : ""}：umount -l で切り離しました`,
    stillCleaning: "後片付け中です。しばらくお待ちください：今中断するとマウントが残ります。",
    stepInterrupted: (signal: string) => `${signal} により中断`,
    interrupted: (signal: string) => `${signal} により中断しました。`,
    interruptedClean: (signal: string) => `${signal} により中断：ワークスペースは削除済みで、マウントは残っていません`,
    interruptedKept: (signal: string) => `${signal} により中断：ワークスペースは残してあります（--keep）。パスは上記を参照してください`,
    skipped: (reason: string) => `スキップしました：${reason}`,
    summarySkipped: (count: number) => `、${count} ステップをスキップ`,
    summary: (stepsOk: number, steps: number, held: number, checks: number) =>
      `${stepsOk}/${steps} ステップ成功、${held}/${checks} チェック成立`,
    keptTitle: "ワークスペースをマウントしたまま残しました（--keep）：",
    keptLook: "中を確認するには：",
    keptRemove: "確認が終わったら削除してください：",
    keptManual: "または手動で：",
    staleRemoved: (path: string, pid: number) => `以前に強制終了された実行が残した ${path} を削除しました（pid ${pid}）。`,
    layersTitle: "レイヤーマップ",
    layerPath: "パス",
    layersLegend: "（▶ このステップで変更あり）",
  },
  practice: {
    hintLabel: "ヒント：",
    menu: "[r] やり直す（同じシェル、変更はそのまま）・[s] お手本を見る（レッスンが実行）・[q] やめる（後片付けして終了）を入力して Enter：",
    changedLabel: "ワークスペースで何かを変更した",
    changedExpected: "レイヤーかマウントへの変更",
    changedNothing: "変更なし：シェルは開いたときのまま終了しました",
    progressNotSaved: "（進捗を状態ディレクトリに保存できませんでした）",
    quit: (step: string) => `ステップ ${step} で練習をやめました。このあとレッスンが作ったものを片付けます`,
    quitEnd: (step: string) => `ステップ ${step} で練習をやめました。レッスンが作ったものは片付けました`,
    notTerminal: "--practice はコマンドを入力するためのシェルを開きます。端末（stdin と stdout）が必要で、--json とは併用できません",
    unknownStep: (step: string, steps: string) => `--from ${step}：このレッスンにそのステップはありません。ステップは ${steps} です`,
    practiced: "--practice で練習できる（✓ は練習済み）：",
    nextLabel: "次にやること：",
    /** A few names in a sentence, the way this language lists them. */
    list: (items: readonly string[]) => items.join("、"),
    ranNothingChanged: (lines: string) => `実行したコマンドは、どのレイヤーもマウントも変更していません：${lines}。`,
    commandFailed: (line: string, code: number) =>
      `\`${line}\` は終了コード ${code} で終わりました。そのコマンド自身のメッセージは、上のシェルの出力にあります。`,
    startAgain: (command: string) =>
      `新しいワークスペースでやり直すのがいちばん簡単です。[q] でやめてから、このステップをもう一度始めてください：${command}`,
    mount: {
      notTaken: (target: string) => `マウントは反映されていません。${target} は現在 overlay のマウントポイントではありません。`,
      outside: (target: string) =>
        `${target} の overlay はワークスペースの外にあります。レッスンが後片付けするのはワークスペース内のマウントだけなので、レッスンが終わってもこれは残ります。自分でアンマウントしてください：umount ${target}`,
      replay:
        "レッスン専用のマウント名前空間でこのコマンドをもう一度実行し（そこでマウントされたものはコマンドの終了とともに消えます）、mount 自身の応答を確認します：",
      replayWorked: (target: string) =>
        `今回は同じ指定で mount が成功しました（レッスン専用の名前空間の中なので、すでに消えています）。${target} へのマウントは、今はもうない理由で失敗したか、マウントの後でアンマウントされたようです。もう一度マウントしてください。`,
      means: {
        "no-such-path":
          "mount の「does not exist」は、コマンドで指定したパスが見つからないという意味です。-o 内のディレクトリか、マウントポイントのどちらかです（「special device overlay」はマウントに付けた名前にすぎず、デバイスではありません）。",
        "bad-option":
          "mount の「wrong fs type, bad option…」は、カーネルがオプションを拒否したという意味です。理由はカーネル自身のログ（dmesg、root で確認）にしか出ません。",
        "no-overlay": "mount の「unknown filesystem type」は、-t の後の名前のファイルシステムをカーネルが知らないという意味です。",
        busy: "mount によると、マウントポイントが使用中です。すでに何かがマウントされているか、使われています。",
        "not-permitted":
          "カーネルがこのユーザーのマウントを許可しませんでした。root なら可能で、rootless ではレッスン専用の名前空間の中でのみ可能です。",
      },
      problems: {
        noType: "-t overlay がありません。これがないと、mount はどのファイルシステムを作ればよいかわかりません",
        otherType: (type: string) => `-t ${type}：このファイルシステムのカーネル上の名前は overlay です`,
        noSource: (given: string) =>
          `mount にはオプションの後に 2 つの語が必要です。マウントの名前（何でもよく、慣例では overlay）と、マウントポイントです。${given} だけだと、mount は /etc/fstab から ${given} を探します`,
        unknownOption: (option: string, meant: string) => `${option}= は overlay のオプションではありません。${meant}= のつもりでしたか？`,
        noLowerdir: "lowerdir= がありません。overlay には少なくとも 1 つの lower レイヤーが必要です",
        noWorkdir: "upperdir= には workdir= が必要です。upper と同じファイルシステム上にある、カーネルの作業用ディレクトリです",
        noUpperdir:
          "upperdir= がありません。upper レイヤーのない overlay は読み取り専用で（lower レイヤーも 2 つ必要です）、コンテナの変更の書き込み先がありません",
        missing: (option: string, value: string, near: string) =>
          `${option}=${value}：${value} は存在しません${near ? `（${near} のつもりでしたか？）` : ""}`,
        missingTarget: (value: string, near: string) =>
          `マウントポイント ${value} は存在しません${near ? `（${near} のつもりでしたか？）` : ""}`,
        notDirectory: (option: string, value: string) => `${option}=${value} はディレクトリではありません`,
        targetNotDirectory: (value: string) => `マウントポイント ${value} はディレクトリではありません`,
        separateFs: (upper: string, upperFs: string, work: string, workFs: string) =>
          `upperdir ${upper}（${upperFs}）と workdir ${work}（${workFs}）が別々のファイルシステム上にあります。カーネルは両方が同じファイルシステム上にあることを求めます`,
        nested: (upper: string, work: string) =>
          `workdir ${work} と upperdir ${upper} が重なっています（一方が他方の中にあるか、同じディレクトリです）。別々のディレクトリにする必要があります`,
        upperUnfit: (upper: string, fsType: string) => `upperdir ${upper} は ${fsType} 上にあり、upper レイヤーを置けません`,
        workNotEmpty: (work: string, entries: string) =>
          `workdir ${work} に ${entries} があります。workdir はカーネル専用の空のディレクトリであるべきです（docker や podman は専用のものを用意します）`,
      },
      next: "コマンドを直してもう一度マウントしてください。[r] で同じシェルが開き、↑ で前回のコマンドを呼び出せます。",
    },
  },
  layers: {
    absent: "—",
    dir: "ディレクトリ",
    whiteout: "ホワイトアウト",
    opaque: "オペークディレクトリ",
    opaqueBrief: "オペーク",
    symlink: "シンボリックリンク",
    other: "特殊ファイル",
    hidden: "隠れている",
    copyUp: "コピーアップ",
    new: "新規",
  },
};
