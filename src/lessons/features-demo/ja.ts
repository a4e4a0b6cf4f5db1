// features-demo's words in Japanese.
import type { FeaturesWords } from "./en.js";

export const ja: FeaturesWords = {
  title: "コンテナエンジンがマウントに使うオプション：metacopy、redirect_dir、index、volatile、xino、データ専用の下位レイヤー",
  common: {
    checkApplied: (option: string) => `カーネルがこのマウントに ${option} を適用している（findmnt で確認できる）`,
    ownReading: "getfattr がインストールされていません（apt install attr）。このレッスン自身が xattr を読み取ります：",
    noXattr: "（なし）",
    mapShows: (mount: string) => `下のレイヤーマップは ${mount} でマウントしたコンテナのものです。`,
  },
  skip: {
    userxattr: (option: string, hostRoot: boolean) =>
      `rootless モードでは overlay を userxattr 付きでマウントしますが、カーネルは ${option} との併用を拒否します（「conflicting options」）。user.* xattr を書ける一般ユーザーなら、ファイルのデータやディレクトリの出どころを偽装できてしまうからです。このステップを見るには${hostRoot ? " --rootless を付けずに" : " sudo で"}レッスンを実行してください。`,
    refused: (option: string, said: string) => `このカーネルは ${option} を拒否しました：${said}`,
    notApplied: (option: string, why: string) =>
      `カーネルは overlay をマウントしましたが、${option} は適用されていません（findmnt に表示されません）：${why}`,
    noReason: "理由はカーネルのログにあります（root で dmesg を実行して確認してください）",
  },
  metacopy: {
    title: "metacopy：メタデータだけの chown",
    explain:
      'Fedora や RHEL の Podman は、すべてのコンテナを metacopy=on でマウントします（storage.conf：mountopt = "nodev,metacopy=on"）。docker の overlay2 はこれを指定しません。同じイメージの 2 つのコンテナで、merged 経由でイメージ内のファイルの所有者を変更します。metacopy がなければ、カーネルは所有者を変える前に各ファイルをまるごとコピーアップします。metacopy=on ならコピーアップされるのはメタデータだけで、データは書き込まれるまでイメージレイヤーに残ります。',
    appConf: "アプリケーションの設定",
    redirectToo:
      "findmnt には redirect_dir=on も表示されています。メタデータだけのファイルはリダイレクトをたどって下位レイヤーのデータを見つけるので、カーネルは metacopy と一緒にリダイレクトも有効にします。",
    checkFullCopy: "metacopy=off：chown で libbig.so がまるごとコピーアップされた（データブロックが upper にある）",
    checkXattr: (name: string) => `metacopy=on：upper の libbig.so に ${name} が付いている`,
    checkMetadataOnly: "metacopy=on：upper の libbig.so はサイズは元のままで、データブロックがない：メタデータだけ",
    checkChanged: "新しい所有者やモードは upper に記録されている：メタデータがコピーアップされ、そこで変更された",
    checkReads: "merged 経由で読んだ内容はイメージのままである：データは lower から読まれている",
    layerOff: "chown 後の upper（metacopy=off）",
    layerOn: "chown 後の upper（metacopy=on）",
    checkShare: "メタデータだけの upper は完全なコピーの 1% 未満",
    nowWrite: "次に merged（metacopy=on）経由でこのファイルに 1 バイト書き込みます。書き込みにはデータが必要です。",
    checkWrite: "書き込みでデータがコピーアップされた：upper の libbig.so にすべてのデータブロックがある",
    checkGone: "overlay.metacopy も外れている",
    layers:
      "RUN chown -R でレイヤーが倍になる理由：ビルドは RUN ごとにレイヤーをコミットし、レイヤーは変更内容の tar です。変更されたファイルはデータごとまるごと入ります。Docker は RUN の実行中にもデータをコピーします。metacopy=on で節約できるのはコンテナの upper だけで、push されるレイヤーにはすべてのバイトが入ったままです。所有者はファイルを作るときに設定しましょう：COPY --chown=app:app、またはファイルを作る同じ RUN の中で chown します。",
    key: "metacopy=on が省くのはコンテナのディスク上で chown が生むコピーであって、イメージではありません。tar のレイヤーには、変更されたファイルが常にまるごと入ります。",
    practice: {
      task: "RUN chown -R の役をやってみましょう：metacopy/on/merged（metacopy=on のコンテナ）経由で opt/app 以下のファイルの所有者を変え、2 つの upper を比べてください。",
      hint: "chown -R 1000:1000 metacopy/on/merged/opt/app のあと、du -s -B1 metacopy/off/upper metacopy/on/upper",
      done: "あなたの変更でコピーアップされたのはメタデータだけです。upper のコピーにはファイルのサイズはあってもデータブロックはなく、読み取りは今もイメージレイヤーから行われます。",
    },
  },
  redirect: {
    title: "redirect_dir：ディレクトリ名の変更",
    explain:
      "コンテナがイメージ由来のディレクトリの名前を変えます（mv /srv/www /srv/site）。イメージレイヤーは変更できないので、overlayfs は名前の変更を拒否するか、redirect_dir=on であれば upper に記録します。このオプションがない場合（多くのカーネルの既定値で、docker の overlay2 も指定しません）、rename(2) はファイルシステムをまたぐ移動のエラーである EXDEV で失敗し、mv はディレクトリツリー全体をコピーアップしてから古いほうを削除します。",
    page: "イメージに同梱されたサイト",
    whyPerl:
      "coreutils には rename(2) だけを呼ぶコマンドがありません。mv は rename に失敗するとコピーと削除に切り替えます（失敗したまま終わる mv --no-copy は coreutils 9.5 から）。perl の rename はシステムコールそのもので、perl-base はどの Debian と Ubuntu にも入っています：",
    whyNode:
      "coreutils には rename(2) だけを呼ぶコマンドがありません。mv は rename に失敗するとコピーと削除に切り替えます（失敗したまま終わる mv --no-copy は coreutils 9.5 から）。ここには perl もないので、このレッスンを動かしている node がシステムコールを直接呼びます：",
    checkExdev: "redirect_dir=off：イメージのディレクトリに対する rename(2) が EXDEV で失敗する",
    mvInstead:
      "mv も同じ EXDEV を受け取り、ファイルシステムをまたぐときと同じことをします。すべてのファイルをコピーアップし、古いツリーを削除して、ホワイトアウトを残します。",
    mvCopied: "mv がコピーアップした量",
    checkCopied: "mv がディレクトリの全バイトを upper にコピーした",
    checkWhiteoutOff: "古い名前は upper でホワイトアウトになった",
    checkXattr: (name: string) => `redirect_dir=on：rename(2) が成功し、upper の新しいディレクトリに古い名前を指す ${name} が付いている`,
    checkNothingCopied: "redirect_dir=on：ファイルは 1 つもコピーアップされていない",
    checkWhiteoutOn: "古い名前は upper でホワイトアウトになった：イメージのディレクトリは新しい名前の下にだけ見える",
    checkNewName: "merged では新しい名前の下にイメージのファイルが見える",
    upperOff: "mv 後の upper（redirect_dir=off）",
    upperOn: "名前変更後の upper（redirect_dir=on）",
    nativeDiff:
      "カーネルで redirect_dir が有効なとき dockerd が native diff を無効にするのはこのためです。native diff は upper をそのまま tar にしますが、upper のリダイレクトはファイルを持たないディレクトリなので、レイヤーからファイルが抜け落ちてしまいます。naive diff は代わりに merged のビューをたどってすべてのファイルをレイヤーにコピーします。正確ですが遅い方法です。",
    key: "redirect_dir がなければ、イメージのディレクトリの名前変更はツリー全体のコピーアップになる（または EXDEV で失敗する）。あれば upper にリダイレクトが記録されるだけで、何もコピーされません。",
    practice: {
      task: "redirect-dir/on/merged（redirect_dir=on のコンテナ）経由で、イメージの srv/www の名前を変えてください。mv でも、今なら rename(2) でも成功します。",
      hint: "mv redirect-dir/on/merged/srv/www redirect-dir/on/merged/srv/<新しい名前> のあと、ls -l redirect-dir/on/upper/srv",
      done: "あなたの名前変更で upper に残ったのはコピーではなくリダイレクトです。新しいディレクトリはイメージのディレクトリを指し、古い名前はホワイトアウトになりました。",
    },
  },
  hardlinks: {
    title: "index：切れるハードリンク",
    explain:
      "イメージには、1 つのファイルを 2 つの名前で持たせることができます。ハードリンクです（Debian の /usr/bin/perl と /usr/bin/perl5.36.0 は同じファイル）。片方の名前で書き込むとファイルがコピーアップされます。index がなければ、カーネルはその名前だけを新しい inode としてコピーアップし、2 つの名前は別々のファイルになります。index=on なら inode を一度だけコピーアップして work/index に記録し、どの名前も同じファイルのままです。",
    version1: "バージョン 1",
    version2: "バージョン 2、state 経由で書き込み",
    whyOffRootless:
      "ユーザー名前空間でマウントした overlay はファイルハンドルをデコードできず（ホストでの CAP_DAC_READ_SEARCH が必要）、index はファイルハンドルで inode を探すため、カーネルは index を無効にしました。",
    checkBroken: "index=off：書き込み後、state は独立した新しい inode になった：リンクが切れた",
    checkCounts: "index=off：state のリンク数は 1 になり、state.link は 2 のまま",
    checkOldContent: "index=off：state.link には古い内容が見える",
    checkHeld: "index=on：state と state.link は同じ inode のまま",
    checkTwoLinks: "index=on：どちらの名前もリンク数 2 のまま",
    checkNewContent: "index=on：state.link で書き込みが見える",
    checkIndex: "index=on：コピーアップされた inode が work/index に記録されている",
    why: "片方の名前で書き込むプログラムは、どの名前からも変更が見えることを前提にしています（rsync -H、パッケージ内のハードリンクされたファイル、データベースとそのハードリンクのバックアップ）。index がないと名前どうしが黙って別物になり、リンク数も当てになりません。",
    key: "index=on がなければ、コピーアップでイメージ内のファイルのハードリンクが切れます。index=on ならリンクは保たれます。",
  },
  volatile: {
    title: "volatile：同期せず再マウント拒否",
    explain:
      "Podman は使い捨てのコンテナ（podman run --rm）を volatile でマウントします。カーネルはその upper を一切同期しません（fsync と syncfs はすぐに戻り、O_DSYNC の書き込みもディスクを待ちません）。そのぶんディスクのフラッシュが省けます。代償として、クラッシュ後の upper は書きかけかもしれないので、カーネルは work ディレクトリに印を残し、同じ upper と work の再マウントを拒否します。",
    timing: (writes: number) =>
      `同じ ${writes} 回の 4 KiB 同期書き込み（dd oflag=dsync、データベースのコミットと同じ）を両方のマウントで 3 回ずつ、交互に実行します：`,
    median: "中央値",
    plain: "volatile なし",
    volatile: "volatile あり",
    faster: (ratio: string) =>
      `volatile のマウントは ${ratio} 倍速く書き込みました（中央値で比較、範囲は重なりません）。書き込みがディスクを待たなかったからです。`,
    slower: (ratio: string) =>
      `ここでは volatile のマウントが ${ratio} 倍遅くなりました（中央値で比較、範囲は重なりません）。volatile は処理を省くだけなので、これはこのマシンのばらつきです。`,
    noDifference: (trials: number) =>
      `範囲が重なっています。それぞれ ${trials} 回の実行では、このディスクのフラッシュは安すぎて差が見えません（VM の書き込みキャッシュ、または tmpfs）。実際のディスクでは、同期書き込みのたびにディスクを待ちます。`,
    checkWritten: "すべての書き込みが反映された：ジャーナルのサイズは完全",
    checkLeft: "正常に umount した後も work/work/incompat/volatile が残っている",
    checkRefused: "同じ upper と work の次のマウントは拒否される",
    kernelSays: "カーネルのログ（dmesg）",
    nothingLogged: "（なし）",
    logUnreadable:
      "mount(8) に言えるのは「wrong fs type, bad option」だけです。カーネルの理由はログにありますが、ここでは root しか読めません（sudo dmesg）。",
    checkKernel: "カーネルが理由を示している：volatile マウントの印",
    clear:
      "この印の意味は「マシンがクラッシュしていたら upper は不完全かもしれないので、upper と work は捨てること」です。このマシンはクラッシュしていないので、カーネルのドキュメントが認めるとおり、このレッスンは印だけを削除します：",
    checkKept: "再マウントできた：以前に書き込んだファイルはすべて残っている",
    key: "volatile は耐久性と引き換えに速度を得ます。クラッシュ後はコンテナレイヤーを捨てるもので、カーネルは何事もなかったかのようにマウントはしません。",
  },
  xino: {
    title: "xino：デバイス番号と inode 番号",
    explain:
      "st_dev と st_ino はパスがどのファイルかを示します。du、find、tar、rsync はこれでファイルを見分け、ハードリンクを数えます。すべてのレイヤーが同じファイルシステムにあれば、overlayfs はどのパスにもマウント自身のデバイス番号を返します。そうでない場合、ファイルは自分のレイヤーのデバイス番号と inode を返します。ただし xino=on でマウントすれば、レイヤーの番号を inode 番号の上位ビットに入れてくれます。",
    ownFilesystem:
      "このステップのイメージは専用のファイルシステム（tmpfs）に置きます。イメージが別のディスクや erofs イメージ（composefs）にある場合と同じです：",
    logLine: "コンテナが書き込んだ行",
    duCounts: (mount: string) => `du -sx で数えた merged（${mount}）`,
    checkOffDevices: "xino=off：マウントのルート、イメージのファイル、新しいファイルが同じデバイス番号を返さない",
    checkOnDevice: "xino=on：3 つともマウント自身の 1 つのデバイス番号を返す",
    checkHighBits: "xino=on：イメージのファイルの inode 番号は、イメージ内での inode 番号の上位ビットにレイヤーの番号を加えたもの",
    checkDuOff: "xino=off：du -x はディレクトリしか数えない：ファイルが別のファイルシステムにあるように見える",
    checkDuOn: "xino=on：du -x がファイルを数える",
    why: "du -x は開始ディレクトリと同じデバイス上のものだけを数えるので、xino がなければこのコンテナのファイルをすべて飛ばします。(st_dev, st_ino) でファイルを覚えておくツール（ハードリンクを 1 回だけ数える、変更を見つける）は、1 つのマウントの中で複数のデバイス番号に出会い、同じ inode 番号がデバイス番号でしか別のファイルと区別できない状況になります。",
    key: "レイヤーが複数のファイルシステムにまたがるとき、コンテナのデバイス番号を 1 つにし、inode 番号を一意にできるのは xino=on だけです。",
  },
  dataOnly: {
    title: "データ専用レイヤー：共有ストア",
    explain:
      "composefs（ostree や podman の containers-storage がイメージのマウントに使える）は、イメージを 2 つに分けます。イメージごとのメタデータレイヤー（名前、所有者、サイズ）と、すべてのイメージで共有するファイル内容のストアで、各ファイルには内容のダイジェストで名前が付いています（composefs は fs-verity のダイジェスト、このレッスンは sha256sum の値を使います）。ストアは「::」の後ろにデータ専用の下位レイヤー（Linux 6.5）として overlayfs に渡します。そのパスは merged に一切現れず、ファイルのデータには、上にあるメタデータだけのファイルの overlay.redirect を通してしかたどり着けません。",
    ownSetting:
      "setfattr がインストールされていません（apt install attr）。mkcomposefs と同じように、このレッスン自身が xattr を設定します：",
    checkHidden: "merged に見えるのはイメージの名前だけで、ストアの名前は 1 つもない",
    checkSame: "どちらのイメージもストアの内容を読んでいる",
    checkNoData: "イメージの libshared.so はスパースファイル：サイズは完全で、自分のデータは持たない",
    checkStore: "データはストアに 1 つだけある",
    images: "2 つのイメージのレイヤー",
    store: "ストア",
    composefs:
      "同じライブラリを含むイメージが 1000 個あっても、その中身は 1 回だけ保存され、カーネルは名前でたどり着きます。composefs はさらにメタデータ用の erofs イメージを使い、overlay.metacopy に fs-verity のダイジェストを入れるので、改ざんされたオブジェクトは開けなくなります。",
    key: "データ専用レイヤーが持つのは中身だけです。パスは上のメタデータレイヤーから、データはリダイレクトを通してストアから来ます。",
  },
};
