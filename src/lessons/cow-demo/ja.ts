// cow-demo's words in Japanese.
import { formatCount } from "../../i18n/format.js";
import type { CowDemoWords } from "./en.js";

export const ja: CowDemoWords = {
  title: "書き込み時コピー：大きなファイルへの最初の書き込みにかかる本当のコスト",
  noSpace: (size: string, need: string, free: string, parent: string) =>
    `--size ${size} には空き容量が足りません：このレッスンには約 ${need}（ファイル本体、そのコピーアップ、テスト用ファイル 2 つ）が必要ですが、${parent} の空きは ${free} です。より小さい --size か別の --dir を指定してください`,
  big: {
    title: "lower に大きなファイルを置く",
    explain: (size: string) =>
      `イメージには、データベースの初期データ、モデル、ログなど、大きなファイルが含まれることがよくあります。イメージレイヤーに ${size} のファイルを置き、その横に小さなファイルを 2 つ置きます。`,
    smallContent: "イメージ内の小さなファイル",
    checkSize: "lower/bigfile.bin が指定したサイズになっている",
    key: "大きなファイルはイメージレイヤーに 1 つだけあり、すべてのコンテナで共有されます。",
  },
  mount: {
    title: "overlay をマウントする",
    explain: "コンテナランタイムと同じようにマウントし、各レイヤーがディスク上でどれだけの容量を使っているかを確認します。",
    checkUpperEmpty: "upper は最初は空",
    tmpfs: "ワークスペースはメモリ上の tmpfs にあります。以下の時間はディスクではなくメモリの速度を測っています。",
    cloning: (fs: string) =>
      `upper は ${fs} 上にあり、ファイルをクローンできます。カーネルはバイトをコピーする代わりに、エクステントを共有してコピーアップすることがあります。`,
    copying: (fs: string) =>
      `upper は ${fs} 上にあります。カーネルは 1 MiB 単位でバイトをコピーしてコピーアップし、最後にコピーを fsync します。`,
    du: (upper: string) =>
      `du が数えるのは各レイヤーがディスク上で使っているブロックで、ディレクトリ自身のブロックも含みます。upper の ${upper} は空のディレクトリそのものです。`,
    key: "起動したばかりのコンテナはディスクを消費しません。upper レイヤーが空だからです。",
  },
  read: {
    title: "merged 経由で大きなファイル全体を読み取る",
    explain:
      "md5sum は merged 経由で全バイトを読み取ります。読み取りは lower から提供されるので、ファイルがどれほど大きくても何もコピーされません。",
    took: "読み取り時間",
    checkUpperEmpty: "全バイトを読み取った後も upper は空のまま",
    key: "どんなサイズのファイルを読み取っても、コンテナレイヤーの容量は消費されません。",
  },
  small: {
    title: "小さなコピーアップ",
    explain: "merged 経由で small.txt に 1 行追記します。カーネルはまずこの小さなファイルをコピーアップします。小さいので低コストです。",
    appended: "コンテナが追記した行",
    checkInUpper: "upper に small.txt がある",
    checkSize: "upper の small.txt は元のファイル + 新しい行",
    upperNow: "現在の upper のディスク使用量",
    blocks: (total: string, size: string, file: string, dir: string) =>
      `${total}（ブロック単位：small.txt の ${size} が ${file}、upper のディレクトリ自身が ${dir}）`,
    key: "コピーアップはファイル単位です。小さなファイルに触れれば、コピーされるのはその小さなファイルだけです。",
  },
  bigCopy: {
    title: "大きなコピーアップ",
    explain:
      "merged 経由で大きなファイルに 1 バイト追記します。書き込み自体はごくわずかですが、カーネルはその書き込みの open() の中で、まずファイル全体をコピーアップしなければなりません。以下の時間は、外部から計測した書き込み全体の時間です。",
    took: "1 バイトの書き込み時間",
    upperHolds: "upper/bigfile.bin",
    onDisk: "ディスク使用量",
    checkApparent: "upper に完全なコピーがある：元のサイズ + 1 バイト",
    checkDisk: "コピーが実際にディスク上でファイルサイズ分を占めている",
    checkLower: "lower のファイルは変更されていない",
    cloned: (fs: string) =>
      `ほぼ一瞬で終わったのは、${fs} がファイルのエクステントをクローンした（reflink）ためです。データは変更されるまで実際にはコピーされません。`,
    key: "1 バイトの書き込みのために、ファイル全体のコピーが発生しました。",
  },
  again: {
    title: "もう一度追記する",
    explain: (appends: number) =>
      `同じ 1 バイトの書き込みを、最初と同じく毎回 sync してから ${appends} 回行います。ファイルはすでに upper にあるので、コピーするものはありません。${appends} 回の中央値が、書き込みそのもののコストです。`,
    took: "同じ書き込みの今回の時間",
    median: (ms: string, appends: number, fastest: string, slowest: string) =>
      `${ms}（${appends} 回の中央値。最速 ${fastest}、最遅 ${slowest}）`,
    copyUpCost: "したがってコピーアップのコスト",
    throughput: "このコストから見たコピーアップのスループット",
    faster: "最初の書き込みと比べた速さ",
    fileGrew: "ファイルの増加量",
    upperGrew: "upper のディスク使用量の増加",
    noGrowth: (zero: string) => `${zero}（新しいバイトはファイルの最後のブロックに収まった）`,
    checkNoSecondCopy: (size: string) => `2 つ目のコピーはない：upper のディスク使用量の増加は 1 MiB 未満で、もう ${size} 増えてはいない`,
    checkCheaper: "コピーアップ後の書き込みは最初の書き込みより速い",
    checkSize: (appends: number) => `ファイルは ${appends} バイト長くなった：書き込み 1 回につき 1 バイト`,
    key: "コピーアップはコンテナごと・ファイルごとに 1 回だけです。その後の書き込みは upper に直接行われます。",
  },
  disk: {
    title: "ディスク容量のコスト",
    explain:
      "各レイヤーの使用量を合計します。大きなファイルを変更したコンテナは、それぞれ自分の upper に完全なコピーを持つことになります。",
    total: "合計",
    shadowed: "lower 内で upper に隠された分",
    projected: (containers: number) => `${formatCount(containers)} 個のコンテナがそれぞれ変更した場合`,
    checkShadowed: "lower のコピーは隠れている：merged には upper のものだけが見える",
    checkTwice: "ファイルがディスク上でサイズの 2 倍を占めている",
    volumes:
      "ログやデータベースなど、変更される大きなファイルをボリューム（docker run -v、podman run -v）に置くべきなのはこのためです。ボリュームは overlay の外にある普通のディレクトリなので、コピーアップも 2 つ目のコピーも発生しません。",
    key: "変更される大きなファイルは、イメージではなくボリュームに置きましょう。",
  },
  versus: {
    title: "直接書き込みと overlay 経由の書き込みの比較",
    explain: (trials: number) =>
      `新しいファイルを overlay 経由で書き込むと、同じディスクに直接書き込むより遅くなるでしょうか？両方を交互に ${trials} 回ずつ実行し、ページキャッシュでディスクの速度が隠れないよう毎回 fsync します。`,
    checkWritten: "書き込みで指定サイズのファイルができた",
    checkTrials: "すべての試行が実行された",
    direct: "直接",
    overlay: "overlay 経由",
    median: "中央値",
    noDifference: (trials: number) =>
      `範囲が重なっています。それぞれ ${trials} 回の実行では、新しいファイルを直接書き込む場合と overlay 経由で書き込む場合とで、測定できるほどの差はありません。`,
    overlaySlower: (ratio: string) =>
      `overlay 経由の書き込みは直接書き込みより ${ratio} 倍遅くなりました（中央値で比較、範囲は重なりません）。`,
    overlayFaster: (ratio: string) =>
      `overlay 経由の書き込みは直接書き込みより ${ratio} 倍速くなりました（中央値で比較、範囲は重なりません）。これはこのディスクでのばらつきで、overlayfs の特性ではありません。新しいファイルはもともと upper に直接書き込まれるからです。`,
    key: "新しいファイルは overlay 経由でも同じコストで書き込めます。書き込み時コピーのコストがかかるのは、イメージ内の既存のファイルを変更したときだけです。",
  },
  takeaways: {
    title: "まとめ（この実行での実測値）：",
    read: "読み取りでは、大きなファイルを全バイト読んでも何もコピーされません。",
    copyUp: (size: string, ms: string, cost: string) =>
      `${size} のファイルへの最初の書き込みには ${ms} かかり、そのうちコピーアップが ${cost} でした。`,
    once: (ms: string, appends: number) =>
      `その後、同じ書き込みは ${ms}（${appends} 回の中央値）でした。コピーアップはファイルごとに 1 回だけです。`,
    space: (containers: number, total: string) =>
      `このファイルをそれぞれ変更するコンテナが ${formatCount(containers)} 個あると、ディスク上で ${total} が必要になります。`,
    volumes: "変更される大きなファイルは、イメージレイヤーではなくボリュームに置きましょう。",
  },
  practice: {
    bigCopy: {
      task: "コンテナから merged/ 経由で大きなファイルの末尾に 1 バイト書き込み、かかった時間を自分で計測してみましょう。",
      hint: "time dd if=/dev/zero of=merged/bigfile.bin bs=1 count=1 oflag=append conv=notrunc（または time sh -c 'printf x >> merged/bigfile.bin'）",
      done: "ごく小さな書き込みのために、カーネルはファイル全体を upper/ にコピーしました。計測したのはその時間です。",
    },
    timedByYou: "コピーアップの時間は自分で計測しました。その値を、ここに表示された時間と比べてみましょう。",
    why: {
      lowerWritten:
        "書き込んだのは lower/bigfile.bin、つまりイメージレイヤーそのものです。何もコピーされず、lower/ はもうイメージの配布時のままではありません。コンテナは merged/ を経由して書き込みます。",
      otherFile: (paths: string) => `変更したのは ${paths} で、bigfile.bin ではありません。計測するのは大きなファイルのコピーアップです。`,
      truncated: (held: string, size: string) =>
        `upper/bigfile.bin には ${held} しかありません。> でファイルの内容を置き換えたため、カーネルがコピーする ${size} のデータはありませんでした。>> なら追記になり、カーネルはまずファイル全体をコピーアップします。`,
    },
    checkWhole: "upper に bigfile.bin の完全なコピーがある：少なくとも元のサイズ",
    appendNext: "merged/bigfile.bin の末尾に 1 バイト追記して時間を計る：time sh -c 'printf x >> merged/bigfile.bin'",
  },
};
