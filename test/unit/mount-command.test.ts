// A learner's mount, read from the line they typed: the shell's words (quotes, variables,
// operators), mount's own options, and what the kernel would refuse, on real directories.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  isPlainOverlayMount,
  type MountInvocation,
  meantOverlay,
  parseMountCommand,
  splitOptions,
} from "../../src/overlay/mount-command.js";
import { distance, overlayMountProblems } from "../../src/overlay/mount-problems.js";
import { splitCommandLine } from "../../src/runner/shell-words.js";

const ENV = { HOME: "/home/learner", OVERLAY_LESSON_LOWER: "/ws/lower", PWD: "/ws" };
const words = (line: string) => splitCommandLine(line, ENV).map((command) => command.words);
/** The mount the first command of a line runs (a bare `mount` when it runs none). */
const mountOf = (line: string): MountInvocation =>
  parseMountCommand(words(line)[0] ?? []) ?? { argv: ["mount"], type: undefined, options: [], positionals: [], otherFlags: [] };

describe("a typed line, split as the shell splits it", () => {
  it.each([
    ["mount -t overlay overlay -o lowerdir=lower merged", [["mount", "-t", "overlay", "overlay", "-o", "lowerdir=lower", "merged"]]],
    ["mount a b; exit", [["mount", "a", "b"], ["exit"]]],
    ["mkdir x && mount a x || echo no | cat &", [["mkdir", "x"], ["mount", "a", "x"], ["echo", "no"], ["cat"]]],
    ["echo 'a  b' \"c $OVERLAY_LESSON_LOWER\" d\\ e", [["echo", "a  b", "c /ws/lower", "d e"]]],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's own ${NAME}, as a learner types it
      "mount -o lowerdir=${OVERLAY_LESSON_LOWER},upperdir=~/u x ~/m",
      [["mount", "-o", "lowerdir=/ws/lower,upperdir=~/u", "x", "/home/learner/m"]],
    ],
    ["mount a b 2>/dev/null >>log", [["mount", "a", "b"]]],
    ["echo x # a comment", [["echo", "x"]]],
    ["sudo mount a \\\nb", [["sudo", "mount", "a", "b"]]],
  ])("%j", (line, expected) => {
    expect(words(line)).toEqual(expected);
  });

  it("marks what it cannot reproduce: command substitution, globs, unknown or special variables", () => {
    for (const line of ["mount -o lowerdir=$(pwd)/lower x y", "mount `pwd` y", "mount -o lowerdir=l* x y", "mount $NOPE y", "mount $1 y"]) {
      const [first] = splitCommandLine(line, ENV);
      expect(first?.exact, line).toBe(false);
    }
    // $(…) is skipped whole: its ) does not end the command, and what follows is still this command's.
    expect(words("mount -o lowerdir=$(pwd)/lower x y")).toEqual([["mount", "-o", "lowerdir=$(pwd)/lower", "x", "y"]]);
    expect(splitCommandLine("mount -t overlay overlay -o lowerdir=$OVERLAY_LESSON_LOWER x y", ENV)[0]?.exact).toBe(true);
  });
});

describe("mount's own reading of its words", () => {
  it("takes -t and -o in every spelling, joins every -o, and keeps the source and the mount point", () => {
    const typed = parseMountCommand([
      "sudo",
      "-E",
      "mount",
      "-v",
      "-toverlay",
      "overlay",
      "-o",
      "lowerdir=a",
      "--options=upperdir=b,workdir=c",
      "m",
    ]);
    expect(typed).toMatchObject({
      type: "overlay",
      options: ["lowerdir=a", "upperdir=b", "workdir=c"],
      positionals: ["overlay", "m"],
      otherFlags: [],
    });
    expect(typed?.argv[0]).toBe("mount");
    expect(parseMountCommand(["/usr/bin/mount", "--types", "overlay", "x", "y"])?.type).toBe("overlay");
    expect(parseMountCommand(["mount", "-vt", "overlay", "x", "y"])?.type).toBe("overlay");
    expect(parseMountCommand(["umount", "merged"])).toBeUndefined();
    expect(parseMountCommand(["LANG=C", "mount", "--bind", "a", "b"])?.otherFlags).toEqual(["--bind"]);
  });

  it("splits options at unescaped commas only", () => {
    expect(splitOptions("lowerdir=a\\,b,upperdir=u,,workdir=w")).toEqual(["lowerdir=a,b", "upperdir=u", "workdir=w"]);
  });

  it("runs again only a plain overlay mount whose options make nothing but an overlay", () => {
    const plain = (line: string): boolean => isPlainOverlayMount(mountOf(line));
    expect(plain("mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged")).toBe(true);
    expect(plain("mount -t overlay overlay -o lowedir=lower,upperdir=upper,workdir=work,userxattr,ro merged")).toBe(true);
    expect(plain("mount -t overlay overlay -o remount,ro merged")).toBe(false);
    expect(plain("mount -t overlay overlay -o lowerdir=l,X-mount.mkdir merged")).toBe(false);
    expect(plain("mount --bind -t overlay overlay merged")).toBe(false);
    expect(plain("mount -t ext4 /dev/sda1 merged")).toBe(false);
    expect(plain("mount -t overlay -o lowerdir=l merged")).toBe(false);
    const meant = (line: string): boolean => meantOverlay(mountOf(line));
    expect(meant("mount -t overlayfs x y")).toBe(true);
    expect(meant("mount overlay -o lowerdir=l y")).toBe(true);
    expect(meant("mount /dev/sda1 /mnt")).toBe(false);
  });
});

describe("what the kernel would refuse, checked on real directories", () => {
  const root = mkdtempSync(join(tmpdir(), "ol-mount-problems-"));
  for (const dir of ["lower", "upper", "work", "merged", "work-used/x"]) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, "afile"), "");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const problems = (line: string) => overlayMountProblems(mountOf(line), root);

  it("none for the lesson's own mount", () => {
    expect(problems("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged")).toEqual([]);
  });

  it("a path that does not exist, with the name it is closest to", () => {
    expect(problems("mount -t overlay overlay -o lowerdir=lowr,upperdir=upper,workdir=work merged")).toEqual([
      { kind: "missing", option: "lowerdir", value: "lowr", path: join(root, "lowr"), near: "lower" },
    ]);
    expect(problems("mount -t overlay overlay -o lowerdir=lower:nothing-like-it,upperdir=upper,workdir=work mergd")).toEqual([
      { kind: "missing", option: "lowerdir", value: "nothing-like-it", path: join(root, "nothing-like-it"), near: undefined },
      { kind: "missing", option: "mount point", value: "mergd", path: join(root, "mergd"), near: "merged" },
    ]);
  });

  it("a file where a directory must be; upper and work that overlap; a workdir that is not empty", () => {
    expect(problems("mount -t overlay overlay -o lowerdir=afile,upperdir=upper,workdir=work merged")).toMatchObject([
      { kind: "not-directory", option: "lowerdir", value: "afile" },
    ]);
    expect(problems("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=upper merged")).toMatchObject([{ kind: "nested" }]);
    expect(problems("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work-used merged")).toMatchObject([
      { kind: "work-not-empty", entries: ["x"] },
    ]);
    // The kernel's own work/ inside a workdir used before is not the learner's doing.
    mkdirSync(join(root, "work/work"));
    expect(problems("mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged")).toEqual([]);
  });

  it("upper and work on two filesystems (tmpfs here)", () => {
    const shm = mkdtempSync("/dev/shm/ol-mount-problems-");
    try {
      expect(problems(`mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=${shm} merged`)).toMatchObject([
        { kind: "separate-fs", workFs: "tmpfs" },
      ]);
    } finally {
      rmSync(shm, { recursive: true });
    }
  });

  it("options missing or misspelt, a wrong -t, a missing source", () => {
    expect(problems("mount -t overlay overlay -o upperdir=upper,workdir=work merged")).toEqual([{ kind: "no-lowerdir" }]);
    expect(problems("mount -t overlay overlay -o lowerdir=lower,upperdir=upper merged")).toEqual([{ kind: "no-workdir" }]);
    expect(problems("mount -t overlay overlay -o lowerdir=lower merged")).toEqual([{ kind: "no-upperdir" }]);
    // lowedir= is said once, as a misspelling of lowerdir=, not again as a missing lowerdir=.
    expect(problems("mount -t overlayfs overlay -o lowedir=lower,upperdir=upper,workdir=work merged")).toEqual([
      { kind: "type", type: "overlayfs" },
      { kind: "unknown-option", option: "lowedir", meant: "lowerdir" },
    ]);
    expect(problems("mount overlay -o lower=lower,upperdir=upper,workdir=work merged")).toEqual([
      { kind: "type", type: undefined },
      { kind: "unknown-option", option: "lower", meant: "lowerdir" },
    ]);
    expect(problems("mount -t overlay -o lowerdir=lower,upperdir=upper,workdir=work merged")).toEqual([
      { kind: "no-source", given: "merged" },
    ]);
  });

  it("measures names by one-letter edits", () => {
    expect(distance("lowr", "lower")).toBe(1);
    expect(distance("mergd", "merged")).toBe(1);
    expect(distance("wrk", "work")).toBe(1);
    expect(distance("work", "lower")).toBe(4);
    expect(distance("", "abc")).toBe(3);
  });
});
