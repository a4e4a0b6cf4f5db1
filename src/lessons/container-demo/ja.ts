// container-demo's words in Japanese.
import { formatCount } from "../../i18n/format.js";
import type { ContainerDemoWords } from "./en.js";

export const ja: ContainerDemoWords = {
  title: "本物のコンテナ：そのレイヤー、書き込み、ホワイトアウト（docker または podman）",
  refuse: {
    notRoot: (sudo: string) =>
      `container-demo はコンテナランタイム自身のレイヤーを読みます。読めるのは root だけです：root で実行してください（${sudo}）`,
    runtimeValue: (value: string) => `--runtime ${value}：docker か podman を指定してください`,
    imageValue: (value: string) =>
      `--image ${JSON.stringify(value)}：イメージ名ではありません（例：alpine、nginx:alpine、ghcr.io/team/app:1.2）`,
    notOverlay: (runtime: string, driver: string) =>
      `${runtime} はコンテナを overlay ではなく ${driver || "不明な"} ストレージドライバーで保存しています。このレッスンは overlay のレイヤーを読みます（別の --runtime を指定してください）`,
    image: (image: string, runtime: string, detail: string, local: string) =>
      `--image ${image}：${runtime} では見つからず、pull もできません（${detail}）。手元のイメージ：${local}。--image IMAGE で選んでください`,
    noLocal: "なし",
    listSeparator: "、",
    noFiles: (image: string) =>
      `--image ${image}：このイメージには、/bin と /lib の外にレッスンで変更・削除できる通常ファイルがありません。別の --image を指定してください`,
  },
  using: (runtime: string, image: string) => `ランタイム：${runtime} · イメージ：${image}`,
  fallback: (runtime: string, other: string) => `${other} はこの環境で応答しないため、${runtime} を使います。`,
  pulling: (image: string, runtime: string) => `${image} はまだ手元にありません：${runtime} で pull します…`,
  layerName: (number: number, total: number) =>
    `${total > 1 && number === total ? "最上位" : total > 1 && number === 1 ? "ベース" : ""}レイヤー ${number}/${total}`,
  start: {
    title: "コンテナを起動する",
    explain:
      "講座の演習は `docker run -d` から始まります。このレッスンも同じことをしますが、独自の名前を付け、どのプロセスが起動したかを示すラベルを付けます。こうすれば、起動したものがレッスンより長生きすることはありません。このプロセスが死んでも、`overlay-lesson cleanup` がラベルでコンテナを見つけて削除します。コンテナ自体は sleep しているだけで、レッスンが行う操作はすべて `exec` 経由です。",
    checkRunning: "コンテナが実行中である",
    checkLabels: "レッスンのラベルが付いている：このプロセスが起動した",
    key: "コンテナとは、プロセスとルートファイルシステムの組です。ランタイムはそのファイルシステムを overlay マウントとして作ります。",
  },
  graph: {
    title: "GraphDriver：コンテナのファイルの置き場所と、カーネル内のまったく同じマウント",
    explain:
      "ランタイムはコンテナのレイヤーを GraphDriver として報告します。LowerDir（イメージのレイヤー、最上位が先頭）、UpperDir（コンテナ専用の書き込み可能レイヤー）、WorkDir、そして MergedDir（コンテナから見えるルートファイルシステム）です。これはランタイムの作り話ではなく、実在する overlay マウントのオプションであり、カーネルが mountinfo に載せています。",
    links:
      "カーネルは下位レイヤーを短いリンク（l/…）で並べます。マウントオプションは 1 ページに収まらなければならず、64 文字のレイヤー ID ではすぐにあふれてしまうからです。各リンクはレイヤーの diff ディレクトリを指しています：",
    otherNamespace: (pid: number) =>
      `このマウントはこのプロセスのマウント名前空間にはありません。プロセス ${pid} の名前空間で見つかりました。`,
    checkFound: "カーネルに、コンテナの UpperDir を upperdir とする overlay マウントがある",
    checkLower: "リンクを解決した lowerdir が GraphDriver の LowerDir と同じ順序で一致する",
    checkUpper: "upperdir が GraphDriver の UpperDir と一致する",
    checkWork: "workdir が GraphDriver の WorkDir と一致する",
    checkMerged: "GraphDriver の MergedDir にマウントされている",
    key: "GraphDriver は overlay マウントそのものです：lowerdir = イメージのレイヤー、upperdir = コンテナのレイヤー。",
  },
  layers: {
    title: "イメージのレイヤー",
    explain:
      "下位レイヤーの 1 つ 1 つがイメージの 1 レイヤーで、専用のディレクトリに展開され、そのイメージのすべてのコンテナから読み取り専用で共有されます。mount-demo の lower/ にあたり、layers-demo のようなビルドで作られます。ファイルを変更した命令ごとに 1 レイヤーです。",
    extra: (count: number) =>
      `ランタイムはイメージのレイヤーの上に独自のレイヤーを ${count} 個追加しています（docker の -init レイヤー：/etc/hosts、/etc/resolv.conf、/.dockerenv）。`,
    historySize: (runtime: string) =>
      `${runtime} history の SIZE は、ランタイムが独自に数えた各レイヤーの大きさで、単位は 10 進です（1 MB = 1,000,000 B。podman はレイヤーの tar を数え、各エントリの 512 バイトのヘッダーも含みます）。以下でレッスンが数えるのはレイヤー内の通常ファイルのバイト数で、単位は 2 進です（1 MiB = 1,048,576 B）。数字は違っても、同じレイヤーです。`,
    order: "レイヤーはビルドの順、つまり Dockerfile を読む順に並べています。レイヤー 1 がベース、最後が最上位（lowerdir では一番左）です。",
    files: (bytes: string, files: number) => `${formatCount(files)} ファイル、${bytes}`,
    plan: "レッスンでは、イメージの次のファイルを変更・削除します：",
    change: "変更する",
    remove: "削除する",
    planned: (path: string, size: string, layer: string) => `${path}：${size}、${layer}`,
    checkImage: "コンテナの下位レイヤーはイメージのレイヤーで、最上位から順に並んでいる",
    checkMerged: "コンテナから見えるファイルはすべて最上位レイヤーのコピーで、サイズがバイト単位で一致する",
    key: "同じイメージのコンテナはすべてそのレイヤーを共有します。レイヤーには一切書き込まれないので、ディスク上の 1 つのコピーで全コンテナをまかなえます。",
  },
  write: {
    title: "exec：新しいファイルと、イメージのファイルへの変更",
    explain:
      "コンテナ内で新しいファイルを書き、イメージ由来のファイルに 1 行追記します。どちらの書き込みも、唯一の書き込み可能レイヤーである UpperDir に入ります。イメージのファイルはまずまるごと UpperDir にコピーアップされ、変更はそのコピーに対して行われます。イメージのレイヤーには一切触れません。",
    checkNew: "新しいファイルは UpperDir にあり、どのイメージレイヤーにもない",
    checkCopyUp: "UpperDir に変更後のファイルがある：イメージのコピーに新しい 1 行を足したもの（コピーアップ）",
    checkUntouched: "イメージレイヤーのコピーは変わっていない：サイズも md5 も同じ",
    key: "書き込みは UpperDir に入ります。イメージのファイルを変更すると、まずファイル全体がコピーアップされます。",
  },
  delete: {
    title: "exec rm：ホワイトアウトができ、容量は解放されない",
    explain:
      "イメージ由来のファイルを削除します。イメージのレイヤーは読み取り専用なので、カーネルは削除を UpperDir にホワイトアウトとして記録します。ファイルと同じ名前の 0:0 キャラクターデバイスです。コンテナからはファイルが見えなくなりますが、そのデータはイメージのレイヤーに残っています。コンテナ内で削除しても、何も解放されません。",
    checkGone: "コンテナからファイルが見えなくなった",
    checkWhiteout: "UpperDir にそのファイルのホワイトアウト（0:0 のキャラクターデバイス）がある",
    checkLayerKeeps: "イメージレイヤーにはファイルが 1 バイト残らず残っている",
    checkDu: "イメージレイヤーの du は rm の前と同じ",
    checkHidden: "コンテナのホワイトアウトが、削除したファイルのバイトを隠している",
    duBefore: "rm 前の du -sb",
    duAfter: "rm 後の du -sb",
    duOf: (bytes: string, layer: string) => `${layer}：${bytes}`,
    whiteoutHides: "ホワイトアウトが隠す量",
    whiteoutHidesWhat: (size: string, path: string, layer: string) => `${size}：${layer} の ${path}`,
    containerHides: "ここまでにコンテナが隠す量",
    hidesParts: (whiteout: string, copyUps: string) => `ホワイトアウトの下に ${whiteout} + コピーアップの下に ${copyUps}`,
    key: "コンテナ内の rm はホワイトアウトを追加するだけです。データはイメージレイヤーに残ります。",
  },
  usage: {
    title: "ディスクはどこへ：UpperDir の du と inspect から見た姿",
    explain:
      "ディスクが埋まりつつあるホストで知りたいのは、どのコンテナが何を書いたか、そしてイメージが誰にも見えないものを何を抱えているかです。UpperDir の du はコンテナが書いた量、`diff` はその変更の一覧です。スタックリーダーはすべてのレイヤーを合計し、各レイヤーが隠しているバイト数を示します。",
    upper: "コンテナの UpperDir",
    runtimeLayer: "ランタイム独自のレイヤー（-init）",
    imageHidden: "イメージ自身が隠している量（後のレイヤー）",
    containerHidden: "コンテナが隠している量（コピーアップとホワイトアウト）",
    psSize: (runtime: string, files: string, links: string, sum: string) =>
      `${runtime} ps --size が数えるのは UpperDir のファイルとリンクのバイト数で、ディレクトリは含まず、単位は 10 進（1 kB = 1,000 B）です：${files} + ${links} = ${sum}。virtual の値は、イメージのレイヤーをランタイム独自の数え方で足したものです。`,
    whoHid: "ファイルごとに、何が何を隠しているか：",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${layer} の ${size}、${how}`,
    byImage: {
      whiteout: (layer: string) => `イメージ自身が削除：後のビルドステップ（RUN rm）が${layer} にホワイトアウトを残した`,
      opaque: (layer: string) => `イメージ自身が隠蔽：後のビルドステップ（RUN rm -r）が${layer} にオペークディレクトリを残した`,
      "newer-copy": (layer: string) => `イメージ自身が置換：後のビルドステップが${layer} に新しいコピーを書いた`,
    },
    byContainer: {
      whiteout: "コンテナが削除：UpperDir のホワイトアウト",
      opaque: "コンテナが隠蔽：UpperDir のオペークディレクトリ",
      "newer-copy": "コンテナが置換：UpperDir へのコピーアップ",
    },
    inspect: (command: string) =>
      `\`${command}\` はホスト上のどのコンテナでもこれを示し、\`overlay-lesson inspect\` はすべての overlay をまとめて示します。`,
    checkDiff: "ランタイムの diff に、新しいファイル（A）、変更したファイル（C）、削除したファイル（D）が載っている",
    checkUpper: "UpperDir にあるのは、新しいファイルとコピーアップしたファイルだけ",
    checkHidden: "コンテナが隠しているのは、変更・削除したファイルのイメージ側のコピーだけ",
    checkAddsUp: "merged に見える量の計算が合う：全レイヤーと UpperDir の合計から、隠れたバイト数を引いた値",
    key: "コンテナのディスク使用量は UpperDir、イメージの無駄は隠れたバイト数です。du、diff、inspect で両方が見えます。",
  },
  remove: {
    title: "コンテナを削除する：レイヤーもマウントも一緒に消える",
    explain:
      "コンテナを削除すると、その overlay がアンマウントされ、UpperDir が削除されます。新しいファイルも、コピーアップも、ホワイトアウトも消えます。イメージのレイヤーは次のコンテナのために残ります。",
    kept: "保持しました（--keep）：コンテナはまだ動いています。中を見てから削除するには：",
    checkGone: "ランタイムはもうこのコンテナを知らない",
    checkUnmounted: "カーネルの mountinfo からその overlay が消えた",
    checkUpperGone: "その UpperDir が削除された",
    checkImageStays: "コンテナが削除したファイルは、イメージレイヤーにまだある",
    checkKept: "コンテナはまだ動いていて、その overlay もマウントされたまま",
    key: "コンテナの書き込みはコンテナと運命を共にします。データは UpperDir ではなくボリュームに置きましょう。",
  },
  practice: {
    writeTask: (name: string, create: string, change: string) =>
      `コンテナ ${name} の中でファイル ${create} を作り、イメージのファイル ${change} に 1 行追記してください。そのあと UpperDir で両方を探してください。`,
    writeHint: (runtime: string) =>
      `${runtime} exec NAME sh -c 'echo … > 新しいファイル'、次に sh -c 'echo … >> イメージのファイル'、ls -l UPPERDIR`,
    writeDone: "コンテナの overlay を通して書き込みました：UpperDir に新しいファイルとコピーアップができました。",
    deleteTask: (name: string, remove: string) =>
      `コンテナ ${name} の中で、イメージのファイル ${remove} を削除し、UpperDir にそのファイルの何が残ったかを調べてください。`,
    deleteHint: (runtime: string) => `${runtime} exec NAME rm ファイル、次に stat -c '%F %t:%T' UPPERDIR/ファイル`,
    deleteDone: "イメージのファイルを削除しました：UpperDir にホワイトアウトができ、データはイメージレイヤーに残っています。",
    why: {
      otherNew: (paths: string, wanted: string) =>
        `作成したのは ${paths} です。このレッスンが追う新しいファイルは ${wanted} です（後のステップで計測します）。そちらを作成してください。`,
      missingNew: (wanted: string) => `UpperDir に ${wanted} がありません。新しいファイルがコンテナ内で作られていません。`,
      otherChanged: (paths: string, wanted: string) =>
        `変更したのは ${paths} です。このレッスンが追うイメージのファイルは ${wanted} です。そちらに 1 行追記してください。`,
      missingChange: (wanted: string) => `UpperDir に ${wanted} のコピーがありません。イメージのファイルがコンテナ内で変更されていません。`,
      replaced: (path: string) =>
        `UpperDir の ${path} がイメージのコピーより小さくなっています。> で内容を置き換えました。>> ならイメージのバイトの後ろに追記されます。コピーアップはすでに起きたので、このコンテナではもう起きません。`,
      notAppended: (path: string) => `UpperDir の ${path} はコピーアップされたイメージのコピーですが、何も追記されていません。`,
      layerTouched: (path: string) =>
        `イメージレイヤー自身の ${path} が変更されています。ホストからレイヤーに直接書き込まれたもので、このイメージのすべてのコンテナにその変更が見えます。コンテナが書き込むのは overlay（exec）を通してだけです。`,
      otherRemoved: (paths: string, wanted: string) =>
        `削除したのは ${paths} です。このレッスンが追うイメージのファイルは ${wanted} です。そちらを削除してください。`,
      removedOwn: (paths: string) =>
        `削除した ${paths} は UpperDir にしかないファイル（コンテナが作ったもの）でした。カーネルはそのまま削除しただけで、ホワイトアウトは作られません。`,
      stillThere: (wanted: string) => `コンテナからはまだ ${wanted} が見えます。`,
    },
    writeNext: (runtime: string, name: string, create: string, change: string) =>
      `コンテナの中で実行する：${runtime} exec ${name} sh -c 'echo … > ${create}; echo … >> ${change}'`,
    deleteNext: (runtime: string, name: string, remove: string) => `コンテナの中で実行する：${runtime} exec ${name} rm ${remove}`,
  },
};
