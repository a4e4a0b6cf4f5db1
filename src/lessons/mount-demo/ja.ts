// mount-demo's words in Japanese.
import type { MountDemoWords } from "./en.js";

export const ja: MountDemoWords = {
  files: {
    appConfShipped: "app.conf（イメージに同梱されたもの）",
    appConfChanged: "app.conf（コンテナ内で変更したもの）",
    mainPy: "イメージレイヤーからこんにちは",
    imageLog: "ビルド方法：docker build",
    containerData: "コンテナが実行時に書き込んだデータ",
  },
  title: "OverlayFS：イメージレイヤーがコンテナのファイルシステムになる仕組み",
  layers: {
    title: "4 つのディレクトリを作成する",
    explain:
      "overlay マウントには 4 つのディレクトリが必要です。Docker や Podman はコンテナごとにまさにこの 4 つを作成します。ここでは自分の手で作ってみましょう。",
    lower: "イメージレイヤー：読み取り専用で、同じイメージのすべてのコンテナが共有する",
    upper: "コンテナレイヤー：このコンテナによる変更はすべてここに書き込まれる",
    work: "アトミックなコピーアップのためのカーネルの作業用ディレクトリ。空で、upper と同じファイルシステム上にある必要がある",
    merged: "コンテナから見えるビュー：lower の上に upper を重ねたもの。コンテナにはこれだけが見える",
    checkExist: "4 つのディレクトリがすべて存在し、空である",
    checkSameFs: "upper と work が同じファイルシステム上にある",
    key: "lower はイメージ、upper はコンテナ、merged はコンテナから見える姿です。",
  },
  fill: {
    title: "イメージレイヤーと同じように lower にファイルを置く",
    explain:
      "イメージレイヤーの実体は、ファイルの入ったディレクトリにすぎません。Dockerfile の COPY と同じように、設定ファイル、プログラム、ログを lower/ に置きます。",
    checkFiles: "lower にイメージの 3 つのファイルがある",
    key: "イメージレイヤーは普通のディレクトリです。コンテナがこれを変更することはありません。",
  },
  mount: {
    title: "overlay をマウントする",
    explain:
      "1 回の mount でレイヤーを重ね合わせます。lowerdir は読み取り専用、upperdir は書き込みの受け先、workdir はカーネルの作業用ディレクトリです。コンテナの起動時にコンテナランタイムが行っているのが、まさにこのマウントです。",
    checkType: "カーネル上で merged に overlay がマウントされている",
    checkLower: "lowerdir がこの lower/ を指している",
    checkUpper: "upperdir がこの upper/ を指している",
    checkWork: "workdir がこの work/ を指している",
    checkMerged: "merged の中身が lower のファイルと完全に一致する",
    key: "merged はライブなビューです。これを作るために何もコピーしていません。",
    rootlessUserxattr:
      "rootless では、findmnt のオプションに userxattr が付いています。root なしのユーザー名前空間が書き込める xattr は user.* だけなので、overlayfs は印を user.overlay.* として残します。",
    rootlessRedirect:
      "誰も指定していない redirect_dir=nofollow も表示されています。user.* の xattr はユーザーが自分で偽造できるため、カーネルはディレクトリの名前変更で残るリダイレクトの印（overlay.redirect）をたどらず、作りもしません。merged 経由で lower のディレクトリの名前を変えると rename は EXDEV で失敗し、mv は代わりにコピーします。",
  },
  read: {
    title: "merged 経由で読み取る",
    explain: "コンテナがイメージ内のファイルを読み取ります。カーネルは lower から直接内容を返すので、何もコピーされません。",
    checkContent: "merged に lower の内容が見える",
    checkUpperEmpty: "upper はまだ空：読み取りでは何もコピーされない",
    key: "読み取りにコストはかかりません。100 個のコンテナが同じイメージレイヤーを読んでも、1 バイトもコピーされません。",
  },
  write: {
    title: "merged 経由で書き込む：コピーアップ",
    explain:
      "今度はコンテナが設定を変更します。lower は変更できないので、最初の書き込み時にカーネルがファイルを upper にコピーアップし、書き込みはそのコピーに対して行われます。",
    checkLower: "lower の app.conf は変更されていない",
    checkUpper: "upper に新しい内容の app.conf がある",
    checkMerged: "merged に新しい内容が見える",
    parentCopied: "upper/etc/ も現れました。コピーを置くために、カーネルがまず親ディレクトリをコピーアップしたためです。",
    key: "最初の書き込みでファイル全体がコピーアップされます。lower には一切手が加えられません。",
  },
  create: {
    title: "merged 経由で新しいファイルを作成する",
    explain: "イメージになかったファイルは、そのまま upper に作成されます。コピーするものがないからです。",
    checkUpper: "container-data.txt が upper にある",
    checkLower: "container-data.txt は lower にない",
    checkMerged: "merged に container-data.txt が見える",
    key: "新しいファイルはコンテナレイヤーにだけ存在し、コンテナを削除すると一緒に消えます。",
  },
  delete: {
    title: "merged 経由で削除する：ホワイトアウト",
    explain:
      "コンテナがイメージ内のファイルを削除します。lower は変更できないので、カーネルは代わりにファイルを隠します。upper にホワイトアウト、つまりデバイス番号 0:0 のキャラクターデバイスを置くのです。",
    checkMerged: "merged から image-log.txt が消えた",
    checkLower: "lower には image-log.txt が残っている",
    checkStat: "stat で upper/image-log.txt が 0:0 のキャラクターデバイスと表示される",
    checkWhiteout: "カーネルの定義どおりのホワイトアウト：キャラクターデバイスで rdev が 0",
    key: "イメージレイヤーのファイルを削除しても容量は空きません。ファイルを隠すホワイトアウトが追加されるだけです。",
  },
  summary: {
    title: "各レイヤーの現在の中身",
    explain: "レイヤーを並べて見てみましょう。コンテナが行ったことはすべて upper にあり、lower はイメージとして配布されたときのままです。",
    checkLowerIntact: "lower はイメージの配布時のまま",
    checkUpperChanges: "upper の中身はコンテナによる変更と完全に一致する",
    takeaways: "まとめ：",
    t1: "lower は決して変わりません。イメージはすべてのコンテナから読み取り専用で共有されます。",
    t2: "読み取りでは何もコピーされません。merged は lower のファイルをそのまま提供します。",
    t3: "最初の書き込みで、ファイル全体が upper にコピーされます（コピーアップ）。",
    t4: "削除すると、upper にホワイトアウト（0:0 のキャラクターデバイス）が残ります。",
    t5: "merged は lower の上に upper を重ねたものです。同じパスが両方にあれば upper が優先されます。",
    key: "docker diff や podman diff が表示しているのは、まさにこの upper の中身です。",
  },
  practice: {
    mount: {
      task: "自分で overlay をマウントしてみましょう。lower/ を読み取り専用のレイヤー、upper/ を変更の書き込み先、work/ をカーネルの作業用ディレクトリとして、merged/ にマウントします。",
      hint: "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=… <マウントポイント>（相対パスも使えます。シェルはワークスペースで起動します）",
      hintRootless:
        "mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=…,userxattr <マウントポイント>（rootless では overlay は自分の印を user.* xattr に保存します。相対パスも使えます）",
      done: "コンテナの起動時にコンテナランタイムが行うのとまったく同じマウントを、自分で作成しました。",
    },
    copyUp: {
      task: "merged/ 経由でイメージ内のファイルを変更してみましょう。lower のどのファイルでも、どんな内容でも構いません。",
      hint: "echo … >> merged/<lower のファイル> のあと、cat や ls -l で lower/ と upper/ を比べる",
      done: "書き込みの前に、カーネルがファイル全体を upper/ にコピーアップしました。lower/ は一切変更されていません。",
    },
    newFile: {
      task: "merged/ 経由で、イメージになかった新しいファイルを作成してみましょう。",
      hint: "echo … > merged/<新しいファイル名>",
      done: "新しいファイルは upper/ に直接作成されました。コピーするものがないからです。",
    },
    whiteout: {
      task: "merged/ 経由でイメージ内のファイルを削除してみましょう。",
      hint: "rm merged/<lower のファイル> のあと、ls -l や stat で upper/ を確認する",
      done: "カーネルは upper/ にホワイトアウト（0:0 のキャラクターデバイス）を残しました。lower/ にはファイルが残ったままです。",
    },
    checkCopied: "lower のファイルのコピーが upper にある",
    checkCopyDiffers: "merged に見えるのは upper のコピーで、lower のものとは内容が異なる",
    checkNew: "lower になかったファイルが upper にあり、merged に見える",
    checkDeleted: "lower のファイルが upper のホワイトアウトで隠され、merged からは消えているが lower には残っている",
    checkUserxattr: "rootless では、マウントが overlay の印を user.* xattr に保存している（-o userxattr）",
    checkLowerKept: (paths: string, _count: number) => `lower の ${paths} は変更されていない`,
    checkLowerAll: "lower のファイルはイメージの配布時のまま",
    checkStillInLower: (paths: string) => `lower には ${paths} が残っている`,
    why: {
      lowerChanged: (paths: string) =>
        `lower/ そのもの（${paths}）を変更しました。そこはイメージレイヤーで、コンテナが書き込むことはありません。コンテナの書き込みは merged/ を経由し、カーネルがまずファイルを upper/ にコピーアップします。`,
      outside: (paths: string) => `変更したのは ${paths} で、overlay のディレクトリの外です。コンテナのファイルは merged/ の下にあります。`,
      newInsteadOfCopy: (paths: string) =>
        `${paths} を新しく作成しました。lower になかったファイルなので、そのまま upper/ に作られます（次のステップの内容です）。コピーアップが起きるのは、lower から来たファイルを変更したときです。`,
      deletedInsteadOfCopy: (paths: string) =>
        `merged/ 経由で ${paths} を削除しました。これで upper/ に残るのはホワイトアウト（2 つ先のステップの内容）で、コピーアップではありません。`,
      dirMade: (paths: string) => `作成したのはディレクトリ ${paths} です。このタスクはファイルが対象です。`,
      sameContent: (paths: string) =>
        `upper/ に ${paths} のコピーがありますが、内容は lower のものと同じです。touch や chmod でもコピーアップは起きますが、タスクは内容を変更することです。`,
      copyInsteadOfNew: (paths: string) =>
        `変更した ${paths} は lower から来たファイルです。それはコピーアップ（前のステップの内容）です。新しいファイルとは、lower になかったファイルのことです。`,
      deletedInsteadOfNew: (paths: string) =>
        `merged/ 経由で ${paths} を削除しました。これで残るのはホワイトアウト（次のステップの内容）で、新しいファイルではありません。`,
      removedUpperOnly: (paths: string) =>
        `削除した ${paths} は upper/ にしかないファイル（コンテナが作ったもの）でした。カーネルはそのまま削除しただけです。ホワイトアウトが必要なのは、lower から来たファイルを隠すときだけです。`,
      removedUpperCopy: (paths: string) =>
        `overlay を通さずに upper/ の ${paths} を直接削除しました（その後 merged/ に何が見えるかは未定義だと、カーネルのドキュメントにあります）。ホワイトアウトは作られていません。`,
      writtenInsteadOfDelete: (paths: string) => `${paths} に書き込みました。ホワイトアウトは、merged/ 経由で削除したときに残るものです。`,
      noMountCommand: "実行したコマンドに mount がありません。このタスクは mount -t overlay コマンド 1 つです。",
      notMounted: "merged/ に overlay がマウントされていません。mount がエラーを出していれば、上のシェルの出力にあります。",
      mountedElsewhere: (points: string) => `overlay が merged/ ではなく ${points} にマウントされています。`,
      swapped:
        "lowerdir に upper/、upperdir に lower/ が指定されていて、逆になっています。lower/ は読み取り専用のイメージで、upper/ がコンテナの変更を受け取ります。",
      wrongLayer: (option: string, given: string, wanted: string) =>
        `${option} に ${given} が指定されています。タスクでは ${wanted} です。`,
      noUserxattr:
        "rootless では、マウントに userxattr が必要です。これがないと、カーネルはここでホワイトアウトやオペークディレクトリを保存できず、lower から来たディレクトリの削除が EIO で失敗します。",
    },
    next: {
      copy: (file: string, files: string) =>
        `lower から来たファイルに merged/ 経由で 1 行追記する：echo … >> merged/${file}（lower にあるのは ${files}）`,
      sameContent: (file: string) => `内容を変更する：echo … >> merged/${file}`,
      newFile: "lower にない名前のファイルを merged/ 経由で作成する：echo … > merged/<新しいファイル名>",
      whiteout: (file: string, files: string) =>
        `lower から来たファイルを merged/ 経由で削除する：rm merged/${file}（lower にあるのは ${files}）`,
      unmountElsewhere: (point: string) => `umount ${point} のあと、overlay を merged にマウントする`,
      remount: "umount merged のあと、各ディレクトリを正しい位置に指定してマウントし直す",
      remountUserxattr: "umount merged のあと、…,userxattr を付けてマウントし直す",
    },
  },
};
