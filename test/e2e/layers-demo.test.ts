// layers-demo end to end: the built CLI builds a three-layer image with real overlay mounts and
// runs it as a container. With --keep, everything the summary claims is checked again here,
// independently, on the kept layers and the kept mount.
import { lstatSync, readdirSync, readFileSync, type Stats } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { formatBytes, formatCount } from "../../src/i18n/format.js";
import { en } from "../../src/lessons/layers-demo/en.js";
import { ja } from "../../src/lessons/layers-demo/ja.js";
import { zh } from "../../src/lessons/layers-demo/zh.js";
import { CLI, overlayMountsBeneath, runCli, summaryOf, useParent } from "../helpers/cli.js";
import { describeWith, skipUnless } from "../helpers/needs.js";
import { LANG_WIDTHS, squash, Terminal } from "../helpers/tmux.js";
import { readXattr, XATTR_READER } from "../helpers/xattrs.js";

const STEPS = ["from", "copy", "run-rm", "container", "hidden-bytes", "one-layer"];

interface Summary {
  ok: boolean;
  kept: boolean;
  workspace: { root: string; lower: string[]; upper: string; merged: string };
  steps: Array<{ id: string; title: string; ok: boolean; checks: Array<{ id: string; ok: boolean; expected: string; observed: string }> }>;
  metrics: Record<string, number>;
}

/** Every non-directory beneath `root`, relative, with its lstat. */
function walk(root: string, prefix = ""): Map<string, Stats> {
  const found = new Map<string, Stats>();
  for (const name of readdirSync(join(root, prefix))) {
    const relative = prefix === "" ? name : `${prefix}/${name}`;
    const stats = lstatSync(join(root, relative));
    if (stats.isDirectory()) for (const [path, child] of walk(root, relative)) found.set(path, child);
    else found.set(relative, stats);
  }
  return found;
}

function kernelLowerdir(merged: string): string[] {
  const line = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .find((entry) => entry.split(" ")[4] === merged);
  const lowerdir = /lowerdir=([^,]*)/.exec(line ?? "")?.[1] ?? "";
  return lowerdir.split(":");
}

describeWith(["root"], "layers-demo on a real kernel", () => {
  const parent = useParent({ clean: false });

  it("--json --keep: the kept container's stack is exactly what the summary says, and the bloat adds up", async () => {
    const result = await runCli(["layers-demo", "--json", "--keep", "--dir", parent()]);
    expect(result.code, result.stderr).toBe(0);
    const summary = summaryOf(result) as unknown as Summary;
    expect(summary.ok).toBe(true);
    expect(summary.kept).toBe(true);
    expect(summary.steps.map((step) => step.id)).toEqual(STEPS);
    expect(summary.steps.every((step) => step.checks.every((check) => check.ok))).toBe(true);
    const { workspace, metrics } = summary;

    // The kernel's lowerdir of the kept mount is the summary's lower list, top first.
    expect(summary.workspace.lower.length).toBeGreaterThanOrEqual(3);
    expect(kernelLowerdir(workspace.merged)).toEqual(workspace.lower);

    // Some image layer holds a whiteout (c 0:0), some an opaque directory (the xattr, as getfattr reads it).
    const layers = workspace.lower.map((dir) => walk(dir));
    const whiteouts = layers.flatMap((files) => [...files].filter(([, stats]) => stats.isCharacterDevice() && stats.rdev === 0));
    expect(whiteouts.map(([path]) => path)).toContain("lib/libbig.so");
    // Read back independently of the lesson: getfattr where attr is installed (test/helpers/xattrs.ts).
    const opaque = workspace.lower.filter((dir) => readXattr(join(dir, "var/cache/app"), "trusted.overlay.opaque") === "y");
    expect(opaque, `the opaque dir, as ${XATTR_READER} reads it`).toEqual([workspace.lower[0]]);

    // Every file in merged is the topmost layer's copy: same bytes as the first layer, top first, that has it.
    const merged = walk(workspace.merged);
    expect(merged.size).toBeGreaterThan(0);
    for (const path of merged.keys()) {
      const top = workspace.lower.find((dir) => {
        try {
          lstatSync(join(dir, path));
          return true;
        } catch {
          return false;
        }
      });
      expect(top, path).toBeDefined();
      expect(readFileSync(join(workspace.merged, path)).equals(readFileSync(join(top ?? "", path))), path).toBe(true);
    }

    // An independent count: every regular file's st_size in every layer, minus what merged shows.
    const sum = (files: Map<string, Stats>): number =>
      [...files.values()].reduce((total, stats) => total + (stats.isFile() ? Number(stats.size) : 0), 0);
    const held = layers.reduce((total, files) => total + sum(files), 0);
    const seen = sum(merged);
    expect(metrics.imageHiddenBytes).toBe(held - seen);
    expect(metrics.imageHiddenBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(metrics.imageBytes).toBe(held);
    expect(metrics.oneLayerImageBytes).toBe(seen);
    // Exact figures in checks say what they count.
    const checks = summary.steps.flatMap((step) => step.checks);
    expect(checks.find((check) => check.id === "difference-is-hidden")).toMatchObject({ expected: `${formatCount(held - seen)} B` });
    expect(checks.find((check) => check.id === "smaller-by-hidden")).toMatchObject({ observed: `${formatCount(held - seen)} B` });

    // The layer map carries one cell per lower layer, and the opaque dir from the xattr.
    const stepEnd = result.events.find((event) => event.type === "step-end" && event.step === "container") as unknown as {
      layers: Array<{ path: string; lowers: Array<{ kind: string; opaque?: boolean; hidden?: boolean }> }>;
      layerNames: string[];
    };
    expect(stepEnd.layerNames).toEqual(["3-run", "2-copy", "1-from"]);
    const cache = stepEnd.layers.find((row) => row.path === "var/cache/app");
    expect(cache?.lowers.map((cell) => [cell.kind, cell.opaque === true])).toEqual([
      ["dir", true],
      ["absent", false],
      ["dir", false],
    ]);
    expect(stepEnd.layers.find((row) => row.path === "lib/libbig.so")?.lowers[2]).toMatchObject({ kind: "file", hidden: true });

    // The kept workspace is the learner's until cleanup removes it, mounts and all.
    expect(overlayMountsBeneath(parent()).length).toBe(1);
    const cleanup = await runCli(["cleanup", "--dir", parent()]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(overlayMountsBeneath(parent())).toEqual([]);
    expect(readdirSync(parent())).toEqual([]);
  });

  it.each([
    ["--lang", "ja", {}, /イメージ|レイヤー/],
    ["--lang", "zh", {}, /镜像|层/],
    [undefined, undefined, { LANG: "ja_JP.UTF-8" }, /イメージ|レイヤー/],
  ] as const)("a human run in %s %s %j: every check held, in that language, nothing left", async (flag, lang, env, words) => {
    const args = ["layers-demo", "--yes", "--dir", parent(), ...(flag && lang ? [flag, lang] : [])];
    const result = await runCli(args, { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(words);
    expect(result.stdout).toMatch(/6\/6/);
    expect(result.stdout).not.toContain("✗");
    expect(overlayMountsBeneath(parent())).toEqual([]);
    expect(readdirSync(parent())).toEqual([]);
  });

  // A new user read `du -sb` print 32998 for merged next to "the container can see 230 B". On a
  // real terminal, in each language and width, every figure du prints is split on screen into
  // the files' bytes the lesson counts and the directories it does not (whitespace dropped
  // before comparing: a narrow terminal wraps anywhere).
  const WORDS = { en, zh, ja };
  it.for(LANG_WIDTHS)("in %s at %i columns, du's figures and the lesson's agree on screen", async ([lang, columns], context) => {
    skipUnless(context, "tmux");
    const w = WORDS[lang];
    const terminal = new Terminal(
      [process.execPath, CLI, "layers-demo", "--yes", "--lang", lang, "--dir", parent()],
      { NO_COLOR: "1" },
      { columns },
    );
    let screen = "";
    try {
      expect(await terminal.exitCode(60_000)).toBe(0);
      screen = terminal.screen();
    } finally {
      terminal.close();
    }
    const flat = squash(screen);
    expect(flat).toContain(squash(w.hidden.layersHold));
    const du = [...screen.matchAll(/^\s+(\d+)\s+(layers\/\S+\/diff|merged)$/gm)].map(
      ([, bytes = "", path = ""]) => [path, Number(bytes)] as const,
    );
    expect(du).toHaveLength(8);
    for (const [path, bytes] of du) expect(flat).toContain(`${path}${formatCount(bytes)}B=`);
    // merged's split names the very bytes "the container can see" says.
    const shows = new RegExp(`${squash(w.hidden.mergedShows)}(\\d+B)`).exec(flat)?.[1] ?? "";
    expect(shows).toMatch(/^\d+B$/);
    const mergedDu = du.find(([path]) => path === "merged")?.[1] ?? 0;
    const split = flat.slice(flat.indexOf(`merged${formatCount(mergedDu)}B=`)).split(squash(w.hidden.layersHold))[0] ?? "";
    expect(split).toContain(shows);
    expect(formatBytes(Number.parseInt(shows, 10))).toBe(shows.replace("B", " B"));
    expect(overlayMountsBeneath(parent())).toEqual([]);
  });

  it("step ids are the same in every language", async () => {
    const ids = async (lang: string): Promise<string[]> => {
      const result = await runCli(["layers-demo", "--json", "--lang", lang, "--dir", parent()]);
      expect(result.code, result.stderr).toBe(0);
      return (summaryOf(result) as unknown as Summary).steps.map((step) => step.id);
    };
    expect(await ids("ja")).toEqual(STEPS);
    expect(await ids("zh")).toEqual(STEPS);
    expect(readdirSync(parent())).toEqual([]);
  });
});
