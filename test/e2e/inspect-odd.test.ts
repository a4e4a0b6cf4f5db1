// Whatever a layer holds, inspect counts it and shows it safely: images come from strangers. On a
// real overlay mount, an image layer holds a file whose name is not UTF-8 (which the container
// deletes), a name with escape sequences in it, and a file 250 directories deep (its path past
// the kernel's 4,096 bytes); the container writes a sparse 10 GiB file and two hard links to one
// file. Every figure is held to find(1)'s own count of the same directories (find walks deep trees
// from each directory, and prints sizes and blocks), names are compared as bytes, and no control
// character of a name reaches the screen.
import { execFileSync } from "node:child_process";
import { closeSync, ftruncateSync, linkSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fsPath } from "../../src/layers/names.js";
import { runCli } from "../helpers/cli.js";
import { inspected, overlayWorkspace } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";

const ODD = Buffer.from("caf\xe9.bin", "latin1"); // 0xe9 alone: not UTF-8
const EVIL = "evil\x1b[2J\x1b]0;owned\x07name";
const DEEP_NAME = "a-directory-name-of-twenty"; // 26 bytes: 250 of them make a path past 4,096 bytes
const MiB = 1024 * 1024;

/** find's sum over the regular files beneath `dir`: apparent bytes, and disk bytes with each inode once. */
function findCount(dir: string): { bytes: number; files: number; diskBytes: number } {
  const out = execFileSync("find", [dir, "-type", "f", "-printf", "%i %s %b\\n"], { encoding: "utf8", maxBuffer: 64 * MiB });
  const seen = new Set<string>();
  let bytes = 0;
  let files = 0;
  let diskBytes = 0;
  for (const line of out.split("\n").filter((row) => row !== "")) {
    const [inode = "", size = "0", blocks = "0"] = line.split(" ");
    bytes += Number(size);
    files++;
    if (seen.has(inode)) continue;
    seen.add(inode);
    diskBytes += Number(blocks) * 512;
  }
  return { bytes, files, diskBytes };
}

/** mkdir -p of a path too long for one system call: made one directory at a time, from the cwd. */
function makeDeep(root: string, depth: number): string {
  const home = process.cwd();
  try {
    process.chdir(root);
    for (let level = 0; level < depth; level++) {
      mkdirSync(DEEP_NAME);
      process.chdir(DEEP_NAME);
    }
    writeFileSync("leaf", "at the bottom\n");
  } finally {
    process.chdir(home);
  }
  return Array.from({ length: depth }, () => DEEP_NAME).join("/");
}

describeWith(["root"], "inspect on whatever a layer holds", () => {
  const workspace = overlayWorkspace("ol-odd-");

  function makeStack() {
    const { lower, upper, work, merged } = workspace.make();
    writeFileSync(fsPath(join(lower, `caf${String.fromCharCode(0xdce9)}.bin`)), Buffer.alloc(MiB, 1));
    writeFileSync(join(lower, EVIL), "hi");
    const deep = makeDeep(lower, 250);
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged]);
    // The container: deletes the odd name (a whiteout of the same bytes), writes a sparse file and two links.
    rmSync(Buffer.concat([Buffer.from(`${merged}/`), ODD]));
    const fd = openSync(join(merged, "sparse.img"), "w");
    ftruncateSync(fd, 10 * 1024 * MiB);
    closeSync(fd);
    writeFileSync(join(merged, EVIL), "hi again"); // a copy-up: the name is among the changes
    writeFileSync(join(merged, "linked"), Buffer.alloc(100_000, 2));
    linkSync(join(merged, "linked"), join(merged, "linked-too"));
    return { lower, upper, deep, merged };
  }

  it("counts every entry, with bytes and disk bytes as find counts them, and no note", async () => {
    const { lower, upper, deep, merged } = makeStack();
    const result = await runCli(["inspect", merged, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const [report] = inspected(result);
    expect(report?.notes).toEqual([]);
    const layer = report?.layers[0] as unknown as { bytes: number; files: number; diskBytes: number };
    expect({ bytes: layer.bytes, files: layer.files, diskBytes: layer.diskBytes }).toEqual(findCount(lower));
    const upperReport = report?.upper as unknown as { bytes: number; diskBytes: number };
    const upperFound = findCount(upper);
    expect({ bytes: upperReport.bytes, diskBytes: upperReport.diskBytes }).toEqual({
      bytes: upperFound.bytes,
      diskBytes: upperFound.diskBytes,
    });
    // The deep file is counted with the rest (it is in find's count above), and nothing was left out.
    expect(findCount(lower).files).toBe(3);
    expect(deep.length).toBeGreaterThan(4096);
    // The odd name's deletion, its path carried losslessly (its byte as U+DC00 + byte), hiding its 1 MiB.
    const changes = report?.changes as unknown as Array<{
      path: string;
      kind: string;
      bytes: number;
      diskBytes: number;
      hiddenBytes: number;
    }>;
    const deleted = changes.find((change) => change.kind === "deleted");
    expect(deleted?.hiddenBytes).toBe(MiB);
    expect(Buffer.from(fsPath(deleted?.path ?? "")).equals(Buffer.concat([Buffer.from("/"), ODD]))).toBe(true);
    // And the escape-sequence name's copy-up hides its 2 bytes below.
    expect(report?.containerHiddenBytes).toBe(MiB + 2);
    // The sparse file: 10 GiB of bytes, next to nothing on disk.
    const sparse = changes.find((change) => change.path === "/sparse.img");
    expect(sparse).toMatchObject({ kind: "added", bytes: 10 * 1024 * MiB });
    expect(sparse?.diskBytes).toBeLessThan(64 * 1024);
  });

  it("shows every name escaped, in every language: no raw control character reaches the terminal", async () => {
    const { merged } = makeStack();
    for (const lang of ["en", "zh", "ja"]) {
      const result = await runCli(["inspect", merged, "--lang", lang, "--top", "100"]);
      expect(result.code, result.stderr).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
      expect(result.stdout, lang).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(result.stdout).toContain("/caf\\xe9.bin");
      expect(result.stdout).toContain("/evil\\x1b[2J\\x1b]0;owned\\x07name");
    }
    // The JSON carries the name as it is (JSON escapes the control characters itself).
    const json = await runCli(["inspect", merged, "--json"]);
    expect(json.stdout).toContain(JSON.stringify(`/${EVIL}`));
  });
});
