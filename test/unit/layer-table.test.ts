// The layer map fitted to narrow terminals: what a cell gives up first (its preview, then its
// size, then its words) and what it never gives up (its kind: c 0:0, コピーアップ, ディレクトリ…).
// The rows are layers-demo's, after its COPY and RUN rm steps, written out by hand: the table
// is pure layout, the stack reader that makes such rows is tested on real layers elsewhere.
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import type { LayerCell, LayerRow } from "../../src/layers/map.js";
import { renderLayerTable } from "../../src/runner/report/layer-table.js";
import { displayWidth } from "../../src/runner/report/text.js";

const absent: LayerCell = { kind: "absent" };
const dir: LayerCell = { kind: "dir" };
const row = (path: string, lowers: LayerCell[], upper: LayerCell, merged: LayerCell, changed = true): LayerRow => ({
  path,
  lower: lowers[0] ?? absent,
  lowers,
  upper,
  merged,
  changed,
});

/** layers-demo's 2-copy step: a layer over the base, with a copy-up of bin/app. */
const COPY: LayerRow[] = [
  row("app", [absent], { kind: "dir", origin: "new" }, dir),
  row(
    "app/config.yaml",
    [absent],
    { kind: "file", size: 100, preview: "# application settings", origin: "new" },
    { kind: "file", size: 100 },
  ),
  row("bin", [dir], { kind: "dir", origin: "copy-up" }, dir),
  row(
    "bin/app",
    [{ kind: "file", size: 72, preview: "#!/bin/sh", hidden: true }],
    { kind: "file", size: 102, preview: "#!/bin/sh", origin: "copy-up" },
    { kind: "file", size: 102 },
  ),
  row("lib/libbig.so", [{ kind: "file", size: 4 * 1024 * 1024 }], absent, { kind: "file", size: 4 * 1024 * 1024 }, false),
  row("var/cache/app/index.db", [{ kind: "file", size: 512 * 1024 }], absent, { kind: "file", size: 512 * 1024 }, false),
  row("var/cache/app/pkg.list", [{ kind: "file", size: 81 }], absent, { kind: "file", size: 81 }, false),
];

/** The RUN rm step: a whiteout and an opaque directory in the new layer. */
const RUN: LayerRow[] = [
  row("lib", [dir], { kind: "dir", origin: "copy-up" }, dir),
  row("lib/libbig.so", [{ kind: "file", size: 4 * 1024 * 1024, hidden: true }], { kind: "whiteout" }, absent),
  row("var/cache/app", [{ kind: "dir", hidden: true }], { kind: "dir", opaque: true }, dir),
  row("var/cache/app/index.db", [{ kind: "file", size: 512 * 1024, hidden: true }], absent, absent),
];

const CATALOGUES = [
  ["en", en],
  ["zh", zh],
  ["ja", ja],
] as const;

describe("the layer map on a narrow terminal", () => {
  it.each(CATALOGUES)("%s: nothing wider than the terminal, at any width from 50 to 120", (lang, t) => {
    for (let width = 50; width <= 120; width++) {
      for (const rows of [COPY, RUN]) {
        for (const line of renderLayerTable(rows, t, lang, width, undefined, ["1-from"], "2-copy")) {
          expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it("ja at 60 columns keeps every cell's kind: コピーアップ, 新規, ディレクトリ, c 0:0, オペーク, never cut with …", () => {
    const copy = renderLayerTable(COPY, ja, "ja", 60, undefined, ["1-from"], "2-copy");
    const text = copy.join("\n");
    expect(text).not.toContain("…  ");
    expect(text).toMatch(/bin\/app\s+72 B\s+コピーアップ\s+102 B/);
    expect(text).toMatch(/^▶ app\s+—\s+新規\s+ディレクトリ$/m);
    expect(text).toMatch(/^▶ bin\s+ディレクトリ\s+コピーアップ\s+ディレクトリ$/m);
    // The preview went first, then the sizes of cells that have a kind of their own.
    expect(text).not.toContain("#!/bin/sh");
    const run = renderLayerTable(RUN, ja, "ja", 60, undefined, ["1-from"], "3-run").join("\n");
    expect(run).toMatch(/lib\/libbig\.so\s+4 MiB\s+(ホワイトアウト )?c 0:0\s+—/);
    expect(run).toMatch(/var\/cache\/app\s+ディレクトリ( · 隠れている)?\s+オペーク/);
    // Cells are never cut short ("ディレ…") while their kinds fit.
    expect(run).not.toMatch(/[^\s]…/);
  });

  it("says more as the terminal widens: words at 80, sizes and previews at 120", () => {
    const eighty = renderLayerTable(COPY, ja, "ja", 80, undefined, ["1-from"], "2-copy").join("\n");
    expect(eighty).toMatch(/コピーアップ · 102 B|コピーアップ · ディレクトリ/);
    const wide = renderLayerTable(COPY, en, "en", 120, undefined, ["1-from"], "2-copy").join("\n");
    expect(wide).toMatch(/bin\/app\s+72 B "#!\/bin\/sh" · hidden\s+copy-up · 102 B "#!\/bin\/sh"\s+102 B/);
  });

  it("cuts a long path from its start, at a /, so the file name still tells the rows apart", () => {
    const copy = renderLayerTable(COPY, ja, "ja", 60, undefined, ["1-from"], "2-copy").join("\n");
    expect(copy).toMatch(/…\/config\.yaml/);
    expect(copy).not.toMatch(/…[^/\s]+\/config/);
    // Already at a "/": kept as it is ("…/app/index.db", not "…/index.db").
    expect(copy).toMatch(/…\/app\/(index\.db|pkg\.list)/);
    const text = renderLayerTable(COPY, ja, "ja", 60, undefined, ["1-from"], "2-copy").join("\n");
    const cut = text.split("\n").filter((line) => line.includes("…/") || /…\S*\.(db|list)/.test(line));
    expect(cut.some((line) => line.includes("index.db"))).toBe(true);
    expect(cut.some((line) => line.includes("pkg.list"))).toBe(true);
  });
});
