// `inspect --root DIR` given what is not a disk with stores: a file, a path that is not there, a
// directory with no store beneath it, and --root beside --image. Each is one line on stderr in the
// chosen language and exit 2, and nothing is created or removed (the directory given, and the
// temp dir, hold what they held). A store with no container in it is not an error. The stores'
// real files are read in inspect-docker-stores, inspect-rootless-podman and inspect-vfs-store.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { runCli } from "../helpers/cli.js";

const LANGS = ["en", "zh", "ja"] as const;

/** Every path beneath `dir`, sorted: what "nothing created or removed" is checked against. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("inspect --root, given what is not a disk with stores", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ol-test-root-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LANGS)(
    "refuses a file, a missing path, a directory with no store, and --image beside it, in one line each (%s)",
    async (lang) => {
      const words = inspectWords(lang);
      writeFileSync(join(dir, "file"), "not a directory");
      mkdirSync(join(dir, "empty/var/lib/containers/storage/overlay"), { recursive: true });
      // A temp dir of the CLI's own: the suite's is shared with the test files running beside this one.
      const temp = mkdtempSync(join(tmpdir(), "ol-test-root-tmp-"));
      const before = tree(dir);
      const cases: Array<[string[], string]> = [
        [["--root", join(dir, "file")], words.rootNotDirectory(join(dir, "file"))],
        [["--root", join(dir, "missing")], words.rootNotDirectory(join(dir, "missing"))],
        // A bare overlay/ directory is no containers-storage store (its layer list is missing).
        [["--root", join(dir, "empty")], words.rootNoStore(join(dir, "empty"))],
        [["--root", join(dir, "empty"), "web"], words.rootNoStore(join(dir, "empty"))],
        [["--root", dir, "--image", "busybox"], words.rootWithImage],
      ];
      for (const [args, line] of cases) {
        const result = await runCli(["inspect", ...args, "--lang", lang], { env: { TMPDIR: temp } });
        expect([result.code, result.stdout, result.stderr], args.join(" ")).toEqual([2, "", `overlay-lesson: ${line}\n`]);
      }
      expect({ dir: tree(dir), temp: readdirSync(temp) }).toEqual({ dir: before, temp: [] });
      rmSync(temp, { recursive: true, force: true });
    },
  );

  it("reads a store with no container in it: its summary, nothing to list, and it says so", async () => {
    mkdirSync(join(dir, "var/lib/containers/storage/overlay/l"), { recursive: true });
    mkdirSync(join(dir, "var/lib/containers/storage/overlay-layers"));
    for (const lang of LANGS) {
      const words = inspectWords(lang);
      const result = await runCli(["inspect", "--root", dir, "--lang", lang]);
      expect([result.code, result.stderr]).toEqual([0, ""]);
      // The summary of the stores under DIR (not of this host), then the line saying there is nothing to list.
      expect(result.stdout.split("\n")[0]).toBe(words.summary.title(words.summary.underRoot(dir), "0 B", "1", "0", "0", "0", "0"));
      expect(result.stdout.endsWith(`\n\n${words.noContainersUnderRoot(dir)}\n`)).toBe(true);
    }
    const json = await runCli(["inspect", "--root", dir, "--json"]);
    expect([json.code, json.stdout]).toEqual([0, ""]);
  });

  it.each(LANGS)("says which layers its store lists that are not on disk, counts the rest, and exits 1 (%s)", async (lang) => {
    // A disk copied in part: the store's layer list names two layers, only the base was copied.
    const [base, top, image] = ["a".repeat(64), "b".repeat(64), "c".repeat(64)] as const;
    const store = join(dir, "var/lib/containers/storage");
    mkdirSync(join(store, "overlay", base, "diff"), { recursive: true });
    mkdirSync(join(store, "overlay/l"));
    writeFileSync(join(store, "overlay", base, "diff/file"), "x".repeat(1000));
    mkdirSync(join(store, "overlay-layers"));
    writeFileSync(join(store, "overlay-layers/layers.json"), JSON.stringify([{ id: base }, { id: top, parent: base }]));
    mkdirSync(join(store, "overlay-images"));
    writeFileSync(join(store, "overlay-images/images.json"), JSON.stringify([{ id: image, names: ["localhost/app:1"], layer: top }]));
    const before = tree(dir);
    const result = await runCli(["inspect", "--root", dir, "--summary", "--json", "--lang", lang]);
    const missing = join(store, "overlay", top, "diff");
    // Once, though the image and the store's layers both name it.
    expect([result.code, result.stderr]).toEqual([1, `overlay-lesson: ${inspectWords(lang).missingLayers(missing)}\n`]);
    const summary = JSON.parse(result.stdout) as { images: Array<{ name: string; layers: number; bytes: number }> };
    expect(summary.images.map(({ name, layers, bytes }) => ({ name, layers, bytes }))).toEqual([
      { name: "localhost/app:1", layers: 2, bytes: 1000 },
    ]);
    // inspect --root DIR, which starts with the same summary, says so too.
    const whole = await runCli(["inspect", "--root", dir, "--lang", lang]);
    expect([whole.code, whole.stderr]).toEqual([1, `overlay-lesson: ${inspectWords(lang).missingLayers(missing)}\n`]);
    expect(tree(dir)).toEqual(before);
  });
});
