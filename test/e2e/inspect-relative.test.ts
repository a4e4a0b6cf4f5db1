// Overlays mounted with layer paths relative to the mounter's working directory (`cd ws && mount
// -o lowerdir=image,upperdir=step/box/upper,… step/box/merged`, as features-demo mounts, and as a
// learner does by hand): mountinfo keeps the paths as given, and the directory they were given
// from is gone with the mount(2) call. inspect finds it among the mount point's ancestors, and the
// kernel tells which one it was: the overlay's root keeps its top layer's inode. Even a nearer
// ancestor holding look-alike directories is passed over; every figure is find's, and no note.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { runCli } from "../helpers/cli.js";
import { inspected, overlayWorkspace } from "../helpers/inspect.js";
import { latinLeft } from "../helpers/latin.js";
import { describeWith } from "../helpers/needs.js";

/** find's sum of the sizes of the regular files beneath `dir`. */
function findBytes(dir: string): number {
  const out = execFileSync("find", [dir, "-type", "f", "-printf", "%s\\n"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((row) => row !== "")
    .reduce((sum, size) => sum + Number(size), 0);
}

function write(path: string, bytes: number): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, Buffer.alloc(bytes, 7));
}

describeWith(["root"], "inspect of an overlay mounted with relative layer paths", () => {
  const workspace = overlayWorkspace("ol-relative-");

  // Each test unmounts what it mounted in a finally; the workspace's own check then finds nothing.
  /** Mount from `cwd` with `options`, onto `merged` (relative to cwd too). */
  function mountFrom(cwd: string, options: string, merged: string): void {
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", options, merged], { cwd });
  }

  /** Mount as mountFrom does, let the container write (`write`), and `inspect MERGED --json`: exit 0, its one mount; unmounted after. */
  async function inspectMountedFrom(cwd: string, options: string, merged: string, write = (): void => undefined) {
    mountFrom(cwd, options, merged);
    try {
      write();
      const result = await runCli(["inspect", join(cwd, merged), "--json"]);
      expect(result.code, result.stderr).toBe(0);
      return inspected(result)[0];
    } finally {
      execFileSync("umount", [join(cwd, merged)]);
    }
  }

  it("a container's mount made from three levels up: resolved where the kernel says, past a nearer look-alike", async () => {
    const ws = workspace.parent();
    const box = join(ws, "step/box");
    mkdirSync(join(box, "merged"), { recursive: true });
    write(join(ws, "image/etc/os-release"), 1000);
    write(join(ws, "image/usr/lib/libc.so"), 300_000);
    // The look-alike, nearer the mount point: an image, upper and work of its own, never mounted.
    write(join(box, "image/decoy"), 5_000_000);
    for (const dir of ["upper", "work", "step/box/upper", "step/box/work"]) mkdirSync(join(box, dir), { recursive: true });
    const options = "lowerdir=image,upperdir=step/box/upper,workdir=step/box/work";
    const mount = await inspectMountedFrom(ws, options, "step/box/merged", () =>
      writeFileSync(join(box, "merged/etc/os-release"), "changed\n"),
    );
    expect(mount?.notes).toEqual([]);
    expect(mount?.layers.map((layer) => [layer.dir, layer.bytes])).toEqual([[join(ws, "image"), findBytes(join(ws, "image"))]]);
    expect(mount?.upper?.dir).toBe(join(box, "upper"));
    expect(mount?.upper?.bytes).toBe("changed\n".length);
    expect(mount?.changes.map((change) => [change.path, change.kind])).toEqual([
      ["/etc", "changed"],
      ["/etc/os-release", "changed"],
    ]);
  });

  it("a read-only overlay of two lowers, made from three levels up: the top lower's inode confirms it", async () => {
    const ws = workspace.parent();
    write(join(ws, "layers/app/srv/app.js"), 20_000);
    write(join(ws, "layers/base/srv/app.js"), 50_000);
    write(join(ws, "layers/base/bin/sh"), 100_000);
    mkdirSync(join(ws, "ro/a/view"), { recursive: true });
    const mount = await inspectMountedFrom(ws, "lowerdir=layers/app:layers/base", "ro/a/view");
    expect(mount?.notes).toEqual([]);
    expect(mount?.upper).toBeNull();
    expect(mount?.layers.map((layer) => [layer.dir, layer.bytes])).toEqual([
      [join(ws, "layers/app"), 20_000],
      [join(ws, "layers/base"), 150_000],
    ]);
    expect(mount?.imageHiddenBytes).toBe(50_000);
  });

  it("an absolute upper confirms no base: a relative lower found beside a look-alike is said to be a guess", async () => {
    const ws = workspace.parent();
    write(join(ws, "image/real"), 1000);
    write(join(ws, "a/image/decoy"), 2000);
    for (const dir of ["x/abs/upper", "x/abs/work", "a/b/merged"]) mkdirSync(join(ws, dir), { recursive: true });
    const options = `lowerdir=image,upperdir=${join(ws, "x/abs/upper")},workdir=${join(ws, "x/abs/work")}`;
    const mount = await inspectMountedFrom(ws, options, "a/b/merged");
    // Which of the two it was, nothing on the mount can say: the nearer is taken, and called a guess.
    expect(mount?.layers.map((layer) => layer.dir)).toEqual([join(ws, "a/image")]);
    expect(mount?.notes).toEqual([inspectWords("en").relativeGuess("image", join(ws, "a"))]);
  });

  it("moved away after the mount, so that no directory holds them: exit 1 naming the overlay, and no word of root to root", async () => {
    const ws = workspace.parent();
    write(join(ws, "image/x"), 10);
    for (const dir of ["step/box/upper", "step/box/work", "step/box/merged"]) mkdirSync(join(ws, dir), { recursive: true });
    mountFrom(ws, "lowerdir=image,upperdir=step/box/upper,workdir=step/box/work", "step/box/merged");
    // The kernel keeps its layers wherever they go; mountinfo keeps the names it was given.
    execFileSync("mv", [join(ws, "image"), join(ws, "image-moved")]);
    execFileSync("mv", [join(ws, "step"), join(ws, "step-moved")]);
    const merged = join(ws, "step-moved/box/merged");
    try {
      const lines = {
        en: "some layers were not counted (each one's note says why)",
        zh: "有些层没有计入（原因见各自的说明）",
        ja: "数えられなかったレイヤーがあります",
      };
      for (const [lang, line] of Object.entries(lines)) {
        const result = await runCli(["inspect", merged, "--json", "--lang", lang]);
        expect(result.code, lang).toBe(1);
        expect(result.stderr.trim().startsWith(`overlay-lesson: ${line}`), result.stderr).toBe(true);
        expect(result.stderr.trim().endsWith(merged), result.stderr).toBe(true);
        expect(result.stderr, lang).not.toMatch(/root/);
        const words = inspectWords(lang as "en" | "zh" | "ja");
        expect(inspected(result)[0]?.notes[0]).toBe(
          words.relativeUnfound(["image", "step/box/upper", "step/box/work"].join(words.listSeparator)),
        );
        // On screen too, each note in the reader's language (the paths aside).
        const screen = await runCli(["inspect", merged, "--lang", lang]);
        const notes = screen.stdout.split("\n").filter((row) => row.trimStart().startsWith("!"));
        expect(notes, lang).toHaveLength(3);
        const values = [merged, "image", "step/box/upper", "step/box/work"];
        if (lang !== "en") for (const note of notes) expect(latinLeft(note, values), note).toEqual([]);
      }
    } finally {
      execFileSync("umount", [merged]);
    }
  });
});
