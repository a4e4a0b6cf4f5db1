// layers-demo's words in Japanese.
import type { LayersDemoWords } from "./en.js";

export const ja: LayersDemoWords = {
  title: "イメージレイヤー：docker build がレイヤーを積み重ねる仕組みと、後の RUN rm でイメージが小さくならない理由",
  files: {
    osRelease: "ベースイメージのリリース情報ファイル",
    appV1: "app v1（ベースイメージに含まれるもの）",
    appV2: "app v2（COPY でコピーしたもの）",
    config: "アプリケーションの設定（COPY でコピーしたもの）",
    pkgList: "ベースイメージのパッケージキャッシュ",
  },
  dockerfile: "このレッスンでビルドする Dockerfile（命令ごとに 1 レイヤー）：",
  from: {
    title: "FROM：ベースレイヤー",
    explain:
      "ビルドはベースイメージから始まります。そのレイヤーは tarball として届き、専用のディレクトリ diff/ に展開されます。docker の overlay2 や podman の containers-storage も、すべてのレイヤーをまさにこの形で保持しています。このレイヤーにマウントは不要です。ただのファイルだからです。",
    checkFiles: "ベースレイヤーにベースイメージのファイルがある",
    checkBig: "lib/libbig.so が指定どおりのサイズで存在する",
    key: "レイヤーは普通のディレクトリです。後続の命令ごとに、レイヤーが 1 つずつ増えていきます。",
  },
  copy: {
    title: "COPY：新しいレイヤーを上に重ねる",
    explain:
      "各命令は新しい overlay の中で実行されます。それまでのレイヤーが lowerdir、空のディレクトリが upperdir になり、命令が merged を通して変更した内容はすべて upper に書き込まれます。命令が終わるとビルダーはアンマウントし、その upper が新しいレイヤーになります。COPY はビルドコンテキストのファイルを追加します。そのうちの bin/app は、ベースのファイルを置き換えます。",
    checkLayer: "新しいレイヤーの中身が COPY の書き込んだものと完全に一致する",
    checkBaseUnchanged: "ベースレイヤーの bin/app は変更されていない",
    checkUnmounted: "ビルド用のマウントはなくなった：レイヤーは完成し、以後は読み取り専用",
    key: "レイヤーには、その命令が変更したものだけが入ります。置き換えたファイルは、まるごと新しいコピーになります。",
  },
  run: {
    title: "RUN rm：後のレイヤーで削除する",
    explain:
      "この RUN は大きなライブラリを削除し、キャッシュディレクトリを空にします。下のレイヤーは読み取り専用なので、カーネルは削除を新しいレイヤーに記録することしかできません。ファイルにはホワイトアウトを置き、削除して作り直したディレクトリには、その下にあるものをすべて隠すオペーク（opaque）ディレクトリを置きます。",
    checkGone: "merged に lib/libbig.so もキャッシュのファイルも見えない",
    checkWhiteout: "レイヤーに lib/libbig.so のホワイトアウト（0:0 のキャラクターデバイス）がある",
    checkOpaque: (name: string) => `レイヤーの var/cache/app に ${name}=y が付いている：オペークディレクトリ`,
    checkStillThere: "ベースレイヤーには lib/libbig.so とキャッシュがまだある：何も解放されていない",
    ownReading: "この環境には getfattr がありません（apt install attr）。レッスン自身で xattr を読み取ります：",
    key: "後のレイヤーで削除すると、ホワイトアウトかオペークディレクトリが追加されます。データは下のレイヤーに残ったままです。",
  },
  container: {
    title: "コンテナを実行する：すべてのレイヤーを上から順に",
    explain:
      "コンテナはイメージのすべてのレイヤーを lowerdir としてマウントし（最も新しいものが左端）、さらに自分専用の空の upper を加えます。カーネルは各パスについて、そのパスを持つ最も左のレイヤーの内容を見せます。ホワイトアウトは名前を隠し、オペークディレクトリはその下にあるものを隠します。",
    checkOrder: "カーネルの lowerdir はレイヤーを上から順に並べている：3-run、2-copy、1-from",
    checkLeftmost: "merged の bin/app は 2-copy のもの：上のレイヤーが優先される",
    checkDeleted: "コンテナから lib/libbig.so が消えている",
    checkOpaque: "1-from にはファイルが残っているが、コンテナ内の var/cache/app は空",
    checkTopmost: "merged のファイルはすべて最上位のレイヤーのもの",
    key: "lowerdir=最上位:…:最下位 の順に並び、その名前を持つ最も左のレイヤーが、コンテナから見える内容を決めます。",
  },
  hidden: {
    title: "肥大化を計測する",
    explain:
      "イメージのレイヤーが保持している量と、コンテナから見える量をそれぞれ合計します。その差が隠れたバイトです。上のレイヤーのホワイトアウト、オペークディレクトリ、新しいコピーによって隠されたファイルです。誰も読めないのに、pull のたびにダウンロードされ、すべてのホストに保存されます。",
    layersHold: "イメージのレイヤーの合計",
    mergedShows: "コンテナから見える量",
    hiddenTotal: "隠れているが配布・保存される量",
    item: (path: string, size: string, layer: string, how: string) => `${path} — ${layer} の ${size}、${how}`,
    how: {
      whiteout: (layer: string) => `${layer} のホワイトアウトで削除`,
      opaque: (layer: string, path: string) => `${layer} のオペークディレクトリ ${path} で隠蔽`,
      "newer-copy": (layer: string) => `${layer} の新しいコピーで置換`,
    },
    checkDifference: "レイヤーの合計からコンテナから見える量を引くと、隠れたバイト数にちょうど一致する",
    checkCauses: "隠れたファイルは、削除したライブラリ、キャッシュのファイル、置き換えた bin/app",
    key: "後のレイヤーでの RUN rm はイメージを大きくするだけで、小さくはしません。削除したデータは下のレイヤーに残ります。",
  },
  single: {
    title: "同じ結果を 1 つのレイヤーで",
    explain:
      "今度は、すべてを作成し、不要なものをレイヤーの完成前に削除する 1 つの RUN で、同じイメージをビルドします。同じレイヤー内で作成して削除したファイルは、そのレイヤーに残りません。下に隠すものがないので、ホワイトアウトもオペークディレクトリもできません。",
    multi: "3 レイヤー",
    one: "1 レイヤー",
    saved: "削減量",
    checkSame: "1 レイヤーのイメージに、3 レイヤーのイメージのコンテナと同じファイルが見える",
    checkNoWhiteouts: "その 1 レイヤーにはホワイトアウトもオペークディレクトリもない",
    checkSmaller: "1 レイヤーのイメージは、隠れたバイト数だけちょうど小さい",
    fix: "Dockerfile では、作成と削除を同じ RUN で行う（`RUN curl … && make && rm -rf /tmp/src`）か、あるステージでビルドして、配布するものだけを COPY --from で取り込みます（マルチステージビルド）。",
    key: "配布されるのは、命令の終了時にレイヤーに残っているものだけです。後片付けは同じ RUN の中で行いましょう。",
  },
  practice: {
    runRm: {
      task: "この RUN は自分で実行します。layers/3-run/merged を通して lib/libbig.so を削除し、var/cache/app はディレクトリを削除して作り直すことで空にしてください。",
      hint: "ファイルは rm layers/3-run/merged/… で削除、ディレクトリは rm -rf layers/3-run/merged/… のあと mkdir layers/3-run/merged/… で作り直す",
      done: "新しいレイヤーには、ファイルのホワイトアウトと、ベースレイヤーのキャッシュを隠すオペークディレクトリができました。",
    },
    why: {
      belowChanged: (paths: string) =>
        `下にある完成済みのレイヤーの ${paths} を変更しました。RUN がそれらを変更することはありません。RUN の変更は layers/3-run/merged を通して、自分のレイヤー 3-run に書き込まれます。`,
      outside: (paths: string) =>
        `変更した ${paths} は、この RUN の overlay の外にあります。RUN の変更は layers/3-run/merged を通して行います。`,
      libStill: "layers/3-run/merged にまだ lib/libbig.so があります。",
      cacheGone:
        "var/cache/app がまるごとなくなっています。3-run にはこのディレクトリのホワイトアウトがあります。もう一度作成（mkdir）すると、カーネルは新しい空のディレクトリをオペークディレクトリにします。",
      fileByFile:
        "var/cache/app をファイルごとに空にしました。各ファイルに 3-run のホワイトアウトが 1 つずつでき、ディレクトリはオペークになっていません。ディレクトリそのものを削除して作り直してください。カーネルが新しいディレクトリをオペークにし、その 1 つの印で下のすべてが隠れます。",
      cacheStill: "layers/3-run/merged の var/cache/app に、まだベースレイヤーのファイルが見えています。",
    },
    next: {
      lib: "ファイルを削除する：rm layers/3-run/merged/lib/libbig.so",
      mkdir: "ディレクトリを作り直す：mkdir layers/3-run/merged/var/cache/app",
      recreate: "ディレクトリを削除して作り直す：rm -rf layers/3-run/merged/var/cache/app && mkdir layers/3-run/merged/var/cache/app",
    },
  },
};
