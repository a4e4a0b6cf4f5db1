// inspect stays exact on a stack mounted as podman on Fedora mounts containers (metacopy=on, which
// brings redirect_dir=on): the kernel makes the container's changes through the mount, and every
// figure is held to what the test wrote and to find(1)'s count of the same directories.
//   - chown of an 8 MiB image file: the kernel copies up its metadata only (the upper's file has
//     the size and no blocks); the container still reads the image's bytes: 0 written, 0 hidden.
//   - chown of a 27-byte file: metadata only too, though ext4 gives its xattrs (metacopy, origin)
//     a block of their own when the inode is full, so it takes as much room as a small data file.
//   - chown and then an append: the write copies the data up; the original is hidden, exactly.
//   - mv of an image directory: a redirect, nothing copied; one rename, hiding nothing.
// The renamed directory holds 80 subdirectories, so that the walk beneath it is handed to the
// read-ahead workers, and the rename is seen there too.
import { execFileSync } from "node:child_process";
import { appendFileSync, chownSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { inspected, overlayWorkspace } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";

const MiB = 1024 * 1024;
const BIG = 8 * MiB;
const GROW = 300_000;
const SUBDIRS = 80;
const EACH = 4096;
const SMALL = "# settings\nlisten = 8080\n\n"; // 27 bytes

/** find's sum over the regular files beneath `dir`: apparent bytes and files. */
function findCount(dir: string): { bytes: number; files: number } {
  const out = execFileSync("find", [dir, "-type", "f", "-printf", "%s\\n"], { encoding: "utf8" });
  const sizes = out.split("\n").filter((row) => row !== "");
  return { bytes: sizes.reduce((sum, size) => sum + Number(size), 0), files: sizes.length };
}

interface JsonChange {
  path: string;
  kind: string;
  from?: string;
  bytes: number;
  diskBytes: number;
  hiddenBytes: number;
  metacopy?: boolean;
}

describeWith(["root"], "inspect under metacopy=on and redirect_dir=on", () => {
  const workspace = overlayWorkspace("ol-features-");

  function makeStack() {
    const { lower, upper, work, merged } = workspace.make();
    writeFileSync(join(lower, "big"), Buffer.alloc(BIG, 1));
    writeFileSync(join(lower, "grow"), Buffer.alloc(GROW, 2));
    writeFileSync(join(lower, "small.conf"), SMALL);
    for (let index = 0; index < SUBDIRS; index++) {
      mkdirSync(join(lower, "olddir", `d${index}`), { recursive: true });
      writeFileSync(join(lower, "olddir", `d${index}`, "file"), Buffer.alloc(EACH, 3));
    }
    const options = `lowerdir=${lower},upperdir=${upper},workdir=${work},metacopy=on,redirect_dir=on`;
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", options, merged]);
    chownSync(join(merged, "big"), 1234, 1234);
    chownSync(join(merged, "grow"), 1234, 1234);
    chownSync(join(merged, "small.conf"), 1234, 1234);
    appendFileSync(join(merged, "grow"), "appended");
    renameSync(join(merged, "olddir"), join(merged, "newdir"));
    // Beneath the rename, where a worker reads it: a chown of a one-block file, metadata only.
    chownSync(join(merged, "newdir/d7/file"), 1234, 1234);
    return { lower, upper, merged };
  }

  it("the chown writes 0 bytes and hides nothing, the append hides the file's original size, the rename is one", async () => {
    const { lower, upper, merged } = makeStack();
    // What the kernel did, seen beside the walk: the chowned file's data is not in the upper.
    // (A block or two may hold its xattrs, on a filesystem that keeps them out of the inode.)
    expect(statSync(join(upper, "big")).blocks * 512).toBeLessThanOrEqual(8192);
    expect(statSync(join(upper, "big")).size).toBe(BIG);
    const result = await runCli(["inspect", merged, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const [report] = inspected(result);
    expect(report?.notes).toEqual([]);
    const changes = report?.changes as unknown as JsonChange[];
    expect(changes.find((change) => change.path === "/big")).toMatchObject({ kind: "changed", bytes: 0, hiddenBytes: 0, metacopy: true });
    const small = { kind: "changed", bytes: 0, hiddenBytes: 0, metacopy: true };
    expect(
      changes.find((change) => change.path === "/small.conf"),
      `${statSync(join(upper, "small.conf")).blocks} blocks`,
    ).toMatchObject(small);
    expect(changes.find((change) => change.path === "/newdir/d7/file")).toMatchObject(small);
    const grow = changes.find((change) => change.path === "/grow");
    expect(grow).toMatchObject({ kind: "changed", bytes: GROW + "appended".length, hiddenBytes: GROW });
    expect(grow?.metacopy).toBeUndefined();
    expect(report?.containerHiddenBytes).toBe(GROW);
    // One rename: no deleted /olddir hiding its bytes, no empty /newdir added.
    const renamed = changes.filter((change) => change.kind === "renamed");
    expect(renamed).toEqual([
      { path: "/newdir", kind: "renamed", from: "/olddir", bytes: 0, diskBytes: expect.any(Number), hiddenBytes: 0 },
    ]);
    expect(changes.filter((change) => change.path.startsWith("/olddir") || change.kind === "deleted")).toEqual([]);
    // The upper holds the appended file's data only (the chowned one counts 0); the image layer, all it has.
    const upperReport = report?.upper as unknown as { bytes: number; apparentBytes?: number };
    expect(upperReport.bytes).toBe(GROW + "appended".length);
    expect(upperReport.apparentBytes).toBe(findCount(upper).bytes);
    const layer = report?.layers[0] as unknown as { bytes: number; files: number };
    expect({ bytes: layer.bytes, files: layer.files }).toEqual(findCount(lower));
    expect(report?.imageHiddenBytes).toBe(0);
  });

  it("says so on screen, in every language: R for the rename, and metadata only for the chown", async () => {
    const { merged } = makeStack();
    const words = {
      en: ["R /newdir  ← /olddir", "changed 5 (1 copy-up, 3 metadata only)"],
      zh: ["R /newdir  ← /olddir", "修改 5 项（其中 1 次 copy-up，3 项只复制了元数据）"],
      ja: ["R /newdir  ← /olddir", "変更 5 件（うちコピーアップ 1 件、メタデータのみ 3 件）"],
    };
    for (const [lang, expected] of Object.entries(words)) {
      const result = await runCli(["inspect", merged, "--lang", lang]);
      expect(result.code, result.stderr).toBe(0);
      for (const text of expected) expect(result.stdout, lang).toContain(text);
      expect(result.stdout, lang).not.toMatch(/D \/olddir/);
    }
  });
});
