// inspect's rows fitted to a terminal: no line wider than the terminal (a wide character counted
// as two, by the table below, not by src/), continuation lines under the text, never a line that
// starts with closing punctuation or a figure cut from its unit, long paths broken after a `/`,
// 64-hex ids shortened; in a pipe every row stays one line.
import { describe, expect, it } from "vitest";
import { fitRow, layout, shortenIds } from "../../src/inspect/layout.js";

/** Columns a line takes: CJK ideographs, kana, Hangul and full-width forms take two. */
function columns(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

const ID = "16e234f8130f298f68f1d54fd4a336c499bd3915dffac803fd0475b4a3dae1e7";
const DIR = `/var/lib/containers/storage/overlay/${ID}/diff`;

describe("inspect's rows on a terminal", () => {
  // Rows as inspect writes them, in each language (literal here: the catalogues may change, the rules may not).
  const rows = [
    { indent: 0, mark: "overlay", text: `/var/lib/containers/storage/overlay/${ID}/merged (5.9 MiB in its layers)` },
    { indent: 0, mark: "overlay", text: `/var/lib/containers/storage/overlay/${ID}/merged（各层共 5.9 MiB）` },
    { indent: 2, mark: "upper", gap: 2, text: `${DIR}  540 KiB、ファイル 5 個（コンテナの書き込み可能レイヤー）` },
    { indent: 4, mark: "#4", gap: 2, text: `${DIR}  3.5 MiB in 9 files` },
    { indent: 4, mark: "#4", gap: 2, text: `${DIR}  3.5 MiB，9 个文件` },
    { indent: 4, text: "2.9 MiB（1 个文件）/data/big 在 #2 层，位于 #3 层的不透明目录之下" },
    { indent: 4, text: "2.9 MiB（ファイル 1 個）/data/big（レイヤー #2）：レイヤー #3 のオペークディレクトリの下" },
    {
      indent: 2,
      mark: "→",
      text: "3.5 MiB of the image is hidden by its own layers: see the step that made layer #3, which removes /data/big; apart from that, the container's changes hide 5 KiB that the image shows (1 copy-up)",
    },
    {
      indent: 2,
      mark: "→",
      text: "镜像自身的层遮住了 3.5 MiB：请看生成 #3 层的那一步，它删除了 /data/big；此外，容器的改动遮住了镜像中本来可见的 5 KiB（1 次 copy-up）",
    },
    {
      indent: 2,
      mark: "→",
      text: "イメージ自身のレイヤーが 3.5 MiB を隠しています：レイヤー #3 を作ったステップが /data/big を削除しています。それとは別に、コンテナの変更が、イメージでは見える 5 KiB を隠しています（コピーアップ 1 件）",
    },
  ];

  it.each([60, 80, 100])("fits %i columns, continuing under the text, breaking where a reader expects", (width) => {
    for (const row of rows) {
      const lines = fitRow(row, width);
      const hang = row.indent + (row.mark === undefined ? 2 : row.mark.length + (row.gap ?? 1));
      for (const [index, line] of lines.entries()) {
        expect(columns(line), line).toBeLessThanOrEqual(width);
        expect(line, "an id shortened").not.toMatch(/[0-9a-f]{13}/);
        if (index === 0) continue;
        expect(line.slice(0, hang).trim(), `${line}: under the text`).toBe("");
        expect(line.slice(hang), `${line}: no line starts with closing punctuation`).not.toMatch(/^[\s、。，：；）」ー]/u);
        expect(line.slice(hang), `${line}: no unit without its figure`).not.toMatch(/^(?:B|KiB|MiB|GiB|個|个)\b/u);
      }
      // Nothing lost: the lines joined again are the row's text, ids shortened.
      const joined = lines.map((line, index) => (index === 0 ? line.slice(row.indent) : line.trimStart())).join("");
      expect(joined.replace(/\s+/g, "")).toBe(shortenIds(`${row.mark ?? ""}${row.text}`).replace(/\s+/g, ""));
    }
  });

  it("breaks a path too long for a line after a slash, and keeps what fits on one line whole", () => {
    const lines = fitRow({ indent: 4, mark: "#4", gap: 2, text: `${DIR}  3.5 MiB in 9 files` }, 60);
    // The layer's id stays with its /diff.
    expect(lines).toEqual(["    #4  /var/lib/containers/storage/overlay/", "        16e234f8130f…/diff  3.5 MiB in 9 files"]);
    expect(fitRow({ indent: 8, text: "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/123/fs" }, 60)).toEqual([
      "        /var/lib/containerd/",
      "          io.containerd.snapshotter.v1.overlayfs/snapshots/",
      "          123/fs",
    ]);
    expect(fitRow({ indent: 2, text: "hidden by the image's own layers: 3.5 MiB" }, 60)).toEqual([
      "  hidden by the image's own layers: 3.5 MiB",
    ]);
    expect(fitRow({ indent: 2, text: "被镜像自身的层遮住：3.5 MiB，这是一段很长很长很长很长很长很长的中文说明" }, 40)).toEqual([
      "  被镜像自身的层遮住：3.5 MiB，这是一段",
      "    很长很长很长很长很长很长的中文说明",
    ]);
  });

  it("in a pipe, keeps every row on one line, ids still shortened", () => {
    const text = layout([{ indent: 4, mark: "#4", gap: 2, text: `${DIR}  3.5 MiB in 9 files` }], undefined);
    expect(text).toBe(`    #4  /var/lib/containers/storage/overlay/${ID.slice(0, 12)}…/diff  3.5 MiB in 9 files`);
  });
});
