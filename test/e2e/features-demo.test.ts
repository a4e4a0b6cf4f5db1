// features-demo through the built CLI on a real kernel: as root every step runs and every check
// holds, and each claim is read back from the kept layers without the lesson (lstat, the xattrs
// through test/helpers/xattrs.ts, the kernel's own mountinfo); as an ordinary user the steps
// userxattr rules out are skipped with the reason, and the lesson still exits 0.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeBarePath } from "../helpers/bare-path.js";
import { type CliResult, mountsAnywhere, overlayMountsBeneath, removeParent, runCli, summaryOf, useParent } from "../helpers/cli.js";
import { inspected } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { readXattr, XATTR_READER } from "../helpers/xattrs.js";

const STEPS = ["metacopy", "redirect-dir", "hardlinks", "volatile", "xino", "data-only-layers"];
const MiB = 1024 * 1024;
const NOBODY = 65534;

interface StepSummary {
  id: string;
  ok: boolean;
  status: string;
  reason?: string;
  checks: Array<{ id: string; ok: boolean; observed: string }>;
}

interface Summary {
  ok: boolean;
  kept: boolean;
  mode: string;
  workspace: { root: string; lower: string[]; upper: string; merged: string };
  steps: StepSummary[];
  metrics: Record<string, number | string>;
}

const summary = (result: CliResult): Summary => summaryOf(result) as unknown as Summary;
const onDisk = (path: string): number => lstatSync(path).blocks * 512;
const isWhiteout = (path: string): boolean => {
  const stats = lstatSync(path);
  return stats.isCharacterDevice() && stats.rdev === 0;
};

/** Every regular file beneath `dir`, relative, read with lstat. */
function regularFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = prefix === "" ? name : `${prefix}/${name}`;
    const stats = lstatSync(join(dir, path));
    return stats.isDirectory() ? regularFiles(dir, path) : stats.isFile() ? [path] : [];
  });
}

function optionsOf(merged: string): string {
  const line = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .findLast((entry) => entry.split(" ")[4] === merged);
  return line?.split(" - ")[1]?.split(" ")[2] ?? "(not mounted)";
}

/** The claims of steps 1 to 3, read back from what --keep left. */
function checkKeptCopyUps(root: string): void {
  const at = (path: string): string => join(root, path);
  // metacopy: the plain chown copied the library whole; with metacopy=on the small files it did not write stay metadata-only.
  expect(onDisk(at("metacopy/off/upper/opt/app/lib/libbig.so"))).toBeGreaterThanOrEqual(32 * MiB);
  const conf = at("metacopy/on/upper/opt/app/app.conf");
  expect(readXattr(conf, "trusted.overlay.metacopy"), `metacopy xattr, as ${XATTR_READER} reads it`).toBe("");
  expect(lstatSync(conf).size).toBe(lstatSync(at("metacopy/image/opt/app/app.conf")).size);
  expect(lstatSync(conf).uid).toBe(1000);
  // ...and the library, written through merged afterwards, has its data and no metacopy mark any more.
  expect(readXattr(at("metacopy/on/upper/opt/app/lib/libbig.so"), "trusted.overlay.metacopy")).toBeUndefined();
  expect(onDisk(at("metacopy/on/upper/opt/app/lib/libbig.so"))).toBeGreaterThanOrEqual(32 * MiB);
  expect(optionsOf(at("metacopy/on/merged"))).toContain("metacopy=on");

  // redirect-dir: mv copied the tree; the rename left a redirect, a whiteout, and no file.
  expect(regularFiles(at("redirect-dir/off/upper/srv/site")).sort()).toEqual(["app.js", "index.html", "logo.png", "video.mp4"]);
  expect(isWhiteout(at("redirect-dir/off/upper/srv/www"))).toBe(true);
  expect(readXattr(at("redirect-dir/on/upper/srv/site"), "trusted.overlay.redirect")).toBe("www");
  expect(regularFiles(at("redirect-dir/on/upper"))).toEqual([]);
  expect(isWhiteout(at("redirect-dir/on/upper/srv/www"))).toBe(true);
  expect(readdirSync(at("redirect-dir/on/merged/srv/site")).sort()).toEqual(["app.js", "index.html", "logo.png", "video.mp4"]);

  // hardlinks: the two names in merged, as the kernel reports them now.
  const off = [statSync(at("hardlinks/off/merged/data/state")), statSync(at("hardlinks/off/merged/data/state.link"))];
  expect(off[0]?.ino).not.toBe(off[1]?.ino);
  expect(readFileSync(at("hardlinks/off/merged/data/state.link"), "utf8")).toBe("version 1\n");
  const on = [statSync(at("hardlinks/on/merged/data/state")), statSync(at("hardlinks/on/merged/data/state.link"))];
  expect(on[0]?.ino).toBe(on[1]?.ino);
  expect(on.map((stats) => stats.nlink)).toEqual([2, 2]);
  expect(readFileSync(at("hardlinks/on/merged/data/state.link"), "utf8")).toBe("version 1\nversion 2, written through state\n");
  expect(readdirSync(at("hardlinks/on/work/index"))).toHaveLength(1);
}

/** The claims of steps 4 to 6, read back from what --keep left. */
function checkKeptMounts(root: string): void {
  const at = (path: string): string => join(root, path);
  // volatile: mounted again (volatile), so the mark is back; the kernel says fsync=volatile.
  expect(lstatSync(at("volatile/on/work/work/incompat/volatile")).isDirectory()).toBe(true);
  expect(optionsOf(at("volatile/on/merged"))).toMatch(/(^|,)(fsync=)?volatile(,|$)/);
  expect(lstatSync(at("volatile/on/merged/journal-1")).size).toBe(128 * 4096);

  // xino: the image's file reports the mount's device only with xino=on.
  const device = (path: string): bigint => statSync(at(path), { bigint: true }).dev;
  expect(device("xino/off/merged/usr/lib/libdata.so")).not.toBe(device("xino/off/merged"));
  expect(device("xino/on/merged/usr/lib/libdata.so")).toBe(device("xino/on/merged"));
  // Node reads st_ino as a signed 64-bit number: xino's top bit makes it negative.
  const inode = BigInt.asUintN(64, statSync(at("xino/on/merged/usr/lib/libdata.so"), { bigint: true }).ino);
  expect(inode).toBeGreaterThanOrEqual(2n ** 32n);
  expect(inode % 2n ** 32n).toBe(statSync(at("xino/image/usr/lib/libdata.so"), { bigint: true }).ino);

  // data-only-layers: the store's object is named by its sha256; both images read it; neither holds it.
  const store = at("data-only-layers/store/objects");
  const [prefix = ""] = readdirSync(store);
  const [rest = ""] = readdirSync(join(store, prefix));
  const object = readFileSync(join(store, prefix, rest));
  expect(createHash("sha256").update(object).digest("hex")).toBe(`${prefix}${rest}`);
  for (const image of ["a", "b"]) {
    expect(readFileSync(at(`data-only-layers/${image}/merged/usr/lib/libshared.so`)).equals(object)).toBe(true);
    expect(readdirSync(at(`data-only-layers/${image}/merged`)).sort()).toEqual(["etc", "usr"]);
    const meta = at(`data-only-layers/image-${image}/usr/lib/libshared.so`);
    expect(readXattr(meta, "trusted.overlay.redirect")).toBe(`/objects/${prefix}/${rest}`);
    expect(onDisk(meta)).toBeLessThan(MiB / 100);
  }
  expect(optionsOf(at("data-only-layers/a/merged"))).toContain("lowerdir=data-only-layers/image-a::data-only-layers/store");
}

/**
 * inspect reads every overlay the lesson kept, though the lesson mounted them with paths relative
 * to its workspace (`cd root && mount -o lowerdir=metacopy/image,… metacopy/on/merged`): each is
 * resolved against the workspace, which the kernel confirms where the overlay's root keeps its
 * upper's inode; only xino/off (image on tmpfs, upper on disk: the root's inode is the overlay's
 * own) is a guess, and says so. Exit 0, every layer counted as find counts it.
 */
async function checkInspectReadsKept(root: string): Promise<void> {
  const kept = overlayMountsBeneath(root).map((line) => line.split(" ")[4] ?? "");
  for (const merged of kept.filter((point) => point.endsWith("/merged"))) {
    const result = await runCli(["inspect", merged, "--json"]);
    expect(result.code, `${merged}: ${result.stderr}`).toBe(0);
    const [mount] = inspected(result);
    const guess = `resolved against ${root}: a guess, which nothing on the mount confirms`;
    expect(mount?.notes ?? [], merged).toEqual(merged.endsWith("xino/off/merged") ? [expect.stringContaining(guess)] : []);
    const step = merged.slice(root.length + 1).split("/")[0] ?? "";
    expect(mount?.upper?.dir).toBe(join(merged, "../upper"));
    expect(mount?.upper?.bytes).toBe(findBytes(join(merged, "../upper")));
    for (const layer of mount?.layers ?? []) {
      expect(layer.dir.startsWith(join(root, step))).toBe(true);
      expect(layer.bytes, layer.dir).toBe(findBytes(layer.dir));
    }
  }
}

/**
 * find's sum of the apparent sizes of the regular files beneath `dir`, but for metadata-only files
 * (overlay.metacopy): their size is data that another layer holds, and inspect counts it there.
 */
function findBytes(dir: string): number {
  const out = execFileSync("find", [dir, "-type", "f", "-printf", "%s %p\\n"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((row) => row !== "")
    .map((row) => [Number(row.slice(0, row.indexOf(" "))), row.slice(row.indexOf(" ") + 1)] as const)
    .filter(([, path]) => readXattr(path, "trusted.overlay.metacopy") === undefined)
    .reduce((sum, [size]) => sum + size, 0);
}

describeWith(["root"], "features-demo on a real kernel", () => {
  const parent = useParent({ clean: false });

  it("--json --keep as root: the six steps pass, the metrics say what the issue asks, and the kept layers agree", async () => {
    const result = await runCli(["features-demo", "--yes", "--json", "--keep", "--dir", parent()]);
    expect(result.code, result.stderr).toBe(0);
    const run = summary(result);
    expect(run).toMatchObject({ ok: true, kept: true, mode: "root" });
    expect(run.steps.map((step) => [step.id, step.status])).toEqual(STEPS.map((id) => [id, "passed"]));
    expect(run.steps.flatMap((step) => step.checks).filter((check) => !check.ok)).toEqual([]);
    const { metrics } = run;
    expect(metrics.renameWithoutRedirect).toBe("EXDEV");
    expect(Number(metrics.chownFullCopyUpBytes)).toBeGreaterThanOrEqual(32 * MiB);
    expect(Number(metrics.chownMetacopyUpperBytes)).toBeLessThan(Number(metrics.chownFullCopyUpBytes) / 100);
    for (const time of [
      "chownFullCopyUpMs",
      "chownMetacopyMs",
      "mvCopyMs",
      "renameRedirectMs",
      "plainDsyncWriteMs",
      "volatileDsyncWriteMs",
    ])
      expect(metrics[time], time).toBeGreaterThan(0);
    // The kernel's own reason for refusing the volatile remount, quoted from its log.
    const volatile = run.steps.find((step) => step.id === "volatile");
    expect(volatile?.checks.find((check) => check.id === "kernel-says-why")?.observed).toContain("incompat feature 'volatile'");

    // The layer map of each step is in its step-end event: redirect-dir's shows mv's copy and whiteout.
    const ends = result.events.filter((event) => event.type === "step-end");
    expect(ends.map((event) => event.status)).toEqual(STEPS.map(() => "passed"));
    const redirect = ends.find((event) => event.step === "redirect-dir") as unknown as {
      layers: Array<{ path: string; upper: { kind: string } }>;
    };
    expect(redirect.layers.find((row) => row.path === "srv/www")?.upper.kind).toBe("whiteout");
    const dataOnly = ends.find((event) => event.step === "data-only-layers") as unknown as { layerNames: string[] };
    expect(dataOnly.layerNames).toEqual(["image-a", "store"]);
    // The summary names the last step's container; its store is a data-only layer, after `::`.
    expect(run.workspace.lower).toEqual([join(run.workspace.root, "data-only-layers/image-a")]);
    expect(optionsOf(run.workspace.merged)).toContain("::data-only-layers/store");

    checkKeptCopyUps(run.workspace.root);
    checkKeptMounts(run.workspace.root);
    await checkInspectReadsKept(run.workspace.root);
    const cleanup = await runCli(["cleanup", "--dir", parent()]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(overlayMountsBeneath(parent())).toEqual([]);
    expect(readdirSync(parent())).toEqual([]);
  });

  it("--keep: the line that removes it by hand unmounts every overlay the lesson kept, then the workspace", async () => {
    // From a root shell: the command carries no sudo.
    const kept = await runCli(["features-demo", "--yes", "--keep", "--dir", parent()], { env: { SUDO_USER: "" } });
    expect(kept.code, kept.stderr).toBe(0);
    const lines = kept.stdout.split("\n");
    // The rows as printed, pasted as they are: each but the last ends in a line continuation.
    const rows: string[] = [];
    for (const line of lines.slice(lines.indexOf("or by hand:") + 1)) {
      rows.push(line);
      if (!line.endsWith("\\")) break;
    }
    const byHand = rows.join("\n");
    expect(byHand).not.toContain("sudo");
    expect(overlayMountsBeneath(parent()).length).toBeGreaterThan(10);
    const run = spawnSync("sh", ["-c", byHand], { encoding: "utf8" });
    expect(run.status, `${byHand}\n${run.stderr}`).toBe(0);
    expect(overlayMountsBeneath(parent())).toEqual([]);
    expect(readdirSync(parent())).toEqual([]);
  });

  it.each([
    ["zh", /✔ 6\/6 步成功，(\d+)\/\1 项检查成立/, /不复制数据的 chown/],
    ["ja", /✔ 6\/6 ステップ成功、(\d+)\/\1 チェック成立/, /メタデータだけの chown/],
  ])("--lang %s: every check held, in that language, nothing left", async (lang, summaryLine, title) => {
    const result = await runCli(["features-demo", "--yes", "--lang", lang, "--dir", parent()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(summaryLine);
    expect(result.stdout).toMatch(title);
    expect(result.stdout).not.toContain("✗");
    expect(overlayMountsBeneath(parent())).toEqual([]);
    expect(readdirSync(parent())).toEqual([]);
  });
});

describeWith(["root", "dpkg"], "features-demo with util-linux and coreutils only", () => {
  let bin = "";
  beforeAll(() => {
    bin = makeBarePath();
  });
  afterAll(() => {
    if (bin !== "") rmSync(bin, { recursive: true, force: true });
  });
  const parent = useParent();

  it("no perl, no attr: rename(2) through the node that runs the lesson, the xattrs read and set in-process; every check holds", async () => {
    const result = await runCli(["features-demo", "--yes", "--json", "--dir", parent()], { env: { PATH: bin } });
    expect(result.code, result.stderr).toBe(0);
    expect(summary(result).steps.map((step) => step.status)).toEqual(STEPS.map(() => "passed"));
    const programs = result.events.filter((event) => event.type === "command").map((event) => (event.argv as string[])[0]);
    expect(programs).toContain(process.execPath);
    expect(programs).not.toContain("perl");
    expect(programs).not.toContain("getfattr");
    expect(programs).not.toContain("setfattr");
    expect(summary(result).metrics.renameWithoutRedirect).toBe("EXDEV");
  });
});

describeWith(["root", "nobody"], "features-demo rootless", () => {
  const expectRootless = (run: Summary): void => {
    expect(run.ok).toBe(true);
    expect(run.mode).toBe("rootless");
    const status = Object.fromEntries(run.steps.map((step) => [step.id, step.status]));
    expect(status).toEqual({
      metacopy: "skipped",
      "redirect-dir": "skipped",
      hardlinks: "skipped",
      volatile: "passed",
      xino: "passed",
      "data-only-layers": "passed",
    });
    const reason = (id: string): string => run.steps.find((step) => step.id === id)?.reason ?? "";
    expect(reason("metacopy")).toMatch(/userxattr.*metacopy=on.*conflicting options/);
    expect(reason("redirect-dir")).toMatch(/userxattr.*redirect_dir=on/);
    expect(reason("hardlinks")).toMatch(/without index=on.*file handles/);
    expect(run.steps.flatMap((step) => step.checks).filter((check) => !check.ok)).toEqual([]);
  };

  it("as user nobody: exit 0, the steps userxattr rules out skipped with the reason, the others pass, nothing left", async () => {
    const home = mkdtempSync(join(tmpdir(), "ol-rootless-"));
    chownSync(home, NOBODY, NOBODY);
    try {
      const result = await runCli(["features-demo", "--yes", "--json", "--dir", home], { uid: NOBODY });
      expect(result.code, result.stderr).toBe(0);
      expectRootless(summary(result));
      expect(summary(result).steps.filter((step) => step.reason?.includes("with sudo") === true)).toHaveLength(2);
      expect(mountsAnywhere(home)).toEqual([]);
      expect(readdirSync(home)).toEqual([]);
      const zh = await runCli(["features-demo", "--yes", "--lang", "zh", "--dir", home], { uid: NOBODY });
      expect(zh.code, zh.stderr).toBe(0);
      expect(zh.stdout).toMatch(/✔ 3\/6 步成功，(\d+)\/\1 项检查成立，3 步已跳过/);
      expect(zh.stdout.replace(/\s+/g, "")).toContain("↷metacopy:rootless模式下overlay用userxattr挂载");
      expect(readdirSync(home)).toEqual([]);
    } finally {
      removeParent(home);
    }
  });

  it("as root with --rootless: the same steps skipped for the same reasons, and the way to see them is without --rootless", async () => {
    const home = mkdtempSync(join(tmpdir(), "ol-rootless-"));
    try {
      const result = await runCli(["features-demo", "--yes", "--json", "--rootless", "--dir", home]);
      expect(result.code, result.stderr).toBe(0);
      expectRootless(summary(result));
      // Root is root already: sudo would not show these steps; leaving --rootless off would.
      const reasons = summary(result).steps.flatMap((step) => (step.reason === undefined ? [] : [step.reason]));
      expect(reasons.filter((reason) => reason.includes("without --rootless"))).toHaveLength(2);
      expect(reasons.join(" ")).not.toContain("sudo");
      expect(mountsAnywhere(home)).toEqual([]);
    } finally {
      removeParent(home);
    }
  });
});
