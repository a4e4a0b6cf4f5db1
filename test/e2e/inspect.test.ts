// inspect on real overlay mounts, checked against counts that do not use src/: find(1) sums,
// the kernel's own image-only view (a read-only overlay of the lower layers) and its merged
// view. Whiteouts and opaque directories are made both by hand in an image layer and by the
// kernel through the mount. Also: a docker-style store mounted with relative `l/` lowerdirs from
// a path with a space, a mount only in another mount namespace, bad targets, and a user who may
// not read the layers. Every mount, process and directory a test makes is removed after it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { runCli } from "../helpers/cli.js";
import {
  expectedChanges,
  hasOpaqueXattr,
  inspected,
  isMountPoint,
  JSON_FIELDS,
  makeKernelStack,
  makeStackDirs,
  mountImageView,
  snapshot,
  totals,
  unmountIfMounted,
  writeBytes,
} from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";

const byPath = <T extends { path: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

describeWith(["root"], "inspect on real overlay mounts", () => {
  let parent = "";
  let mounts: string[] = [];
  let child: ChildProcess | undefined;
  let childExited: Promise<void> = Promise.resolve();

  beforeEach(() => {
    // A space in every path: mountinfo escapes it (\040), inspect must undo that.
    parent = mkdtempSync(join(tmpdir(), "ol inspect e2e "));
    mounts = [];
  });

  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
    await childExited;
    child = undefined;
    for (const mountPoint of mounts.reverse()) unmountIfMounted(mountPoint);
    const left = mounts.filter((mountPoint) => isMountPoint(mountPoint));
    rmSync(parent, { recursive: true, force: true });
    expect(left).toEqual([]);
  });

  const write = writeBytes;
  const makeStack = () => makeKernelStack(parent, mounts);

  it("reports every number of a kernel-made stack as the kernel's own views count it, and changes nothing", async () => {
    const { top, bottom, upper, merged, image } = makeStack();
    const before = snapshot([top, bottom, upper]);
    const result = await runCli(["inspect", merged, "--json"]);
    const after = snapshot([top, bottom, upper]);
    expect(after).toEqual(before);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [report, ...others] = inspected(result);
    expect(others).toEqual([]);
    if (report === undefined) return;
    expect(Object.keys(report).sort()).toEqual(JSON_FIELDS);
    expect(report.mountPoint).toBe(merged);
    expect(report.container).toBeNull();
    // Top first, as lowerdir orders them; numbered in build order, the base #1.
    expect(report.layers).toEqual([
      { dir: top, number: 2, ...totals(top) },
      { dir: bottom, number: 1, ...totals(bottom) },
    ]);
    expect(report.upper).toEqual({ dir: upper, bytes: totals(upper).bytes, diskBytes: totals(upper).diskBytes });

    mountImageView([top, bottom], image);
    mounts.push(image);
    const lowerBytes = totals(top).bytes + totals(bottom).bytes;
    const imageVisible = totals(image).bytes;
    const lowerVisibleInMerged = totals(merged).bytes - totals(upper).bytes;
    expect(report.imageHiddenBytes).toBe(lowerBytes - imageVisible);
    expect(report.containerHiddenBytes).toBe(imageVisible - lowerVisibleInMerged);
    // The same, by hand: bottom's app.conf, /big and data/old; the copy-up, var/cache, data/new.
    expect(report.imageHiddenBytes).toBe(1000 + 10_000 + 2000);
    expect(report.containerHiddenBytes).toBe(1200 + 7000 + 500);
    expect(byPath(report.changes)).toEqual(expectedChanges(upper, image, (path) => hasOpaqueXattr(join(upper, path))));
    expect(report.changes.map((change) => change.kind).sort()).toEqual(
      ["added", "added", "added", "added", "changed", "changed", "changed", "deleted", "opaque"].sort(),
    );
    expect(report.hidden[0]).toEqual({
      path: "/big",
      bytes: 10_000,
      files: 1,
      layer: 1,
      layerNumber: 1,
      cause: "whiteout",
      scope: "image",
      hiddenByLayer: 0,
      hiddenByLayerNumber: 2,
    });
    expect(report.hidden).toContainEqual({
      path: "/var/cache",
      bytes: 7000,
      files: 2,
      layer: 1,
      layerNumber: 1,
      cause: "whiteout",
      scope: "container",
      hiddenByLayer: null,
      hiddenByLayerNumber: null,
    });
    expect(report.notes).toEqual([]);
  });

  it("says on screen, in every language, that a bare overlay's layers are in no store", async () => {
    const { merged } = makeStack();
    for (const lang of ["en", "zh", "ja"] as const) {
      const result = await runCli(["inspect", merged, "--lang", lang, "--top", "1"]);
      expect(result.code).toBe(0);
      expect(
        result.stdout.split("\n").map((line) => line.trim()),
        result.stdout,
      ).toContain(inspectWords(lang).storePlain);
    }
  });

  it("keeps --top to the JSON's hidden list", async () => {
    const { merged } = makeStack();
    const json = inspected(await runCli(["inspect", merged, "--json", "--top", "1"]));
    expect(json[0]?.hidden).toHaveLength(1);
    expect(json[0]?.imageHiddenBytes).toBe(13_000);
  });

  it("finds a docker-style store mounted with relative l/ lowerdirs, and reads its real layer dirs", async () => {
    const store = join(parent, "docker root/overlay2");
    const [bottom, container] = [randomBytes(32).toString("hex"), randomBytes(32).toString("hex")];
    const init = `${container}-init`;
    const links = [init, bottom].map((id) => ({ id, link: randomBytes(13).toString("hex").toUpperCase() }));
    for (const id of [bottom, init, container]) mkdirSync(join(store, id, "diff"), { recursive: true });
    mkdirSync(join(store, "l"));
    mkdirSync(join(store, container, "work"));
    mkdirSync(join(store, container, "merged"));
    for (const { id, link } of links) symlinkSync(`../${id}/diff`, join(store, "l", link));
    write(join(store, bottom, "diff/etc/os-release"), 321);
    write(join(store, init, "diff/etc/hosts"), 45);
    const merged = join(store, container, "merged");
    execFileSync(
      "mount",
      [
        "-t",
        "overlay",
        "overlay",
        "-o",
        `lowerdir=${links.map(({ link }) => `l/${link}`).join(":")},upperdir=${container}/diff,workdir=${container}/work`,
        `${container}/merged`,
      ],
      { cwd: store },
    );
    mounts.push(merged);
    write(join(merged, "etc/os-release"), 400);
    const result = await runCli(["inspect", "--json"]);
    const report = inspected(result).find((mount) => mount.mountPoint === merged);
    const disk = (dir: string) => totals(dir).diskBytes;
    expect(report?.layers).toEqual([
      { dir: join(store, init, "diff"), number: 2, bytes: 45, files: 1, diskBytes: disk(join(store, init, "diff")) },
      { dir: join(store, bottom, "diff"), number: 1, bytes: 321, files: 1, diskBytes: disk(join(store, bottom, "diff")) },
    ]);
    const upperDiff = join(store, container, "diff");
    expect(report?.upper).toEqual({ dir: upperDiff, bytes: 400, diskBytes: disk(upperDiff) });
    expect(report?.containerHiddenBytes).toBe(321);
    expect(report?.changes).toContainEqual({
      path: "/etc/os-release",
      kind: "changed",
      bytes: 400,
      diskBytes: disk(upperDiff),
      hiddenBytes: 321,
    });
  });

  it("finds and reads a mount that exists only in another mount namespace", async () => {
    const { lower, upper, work, merged } = makeStackDirs(parent);
    write(join(lower, "inside"), 1234);
    write(join(lower, "gone"), 99);
    const options = `lowerdir=${lower},upperdir=${upper},workdir=${work}`;
    child = spawn(
      "unshare",
      [
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        'mount -t overlay overlay -o "$1" "$2" && rm "$2/gone" && touch "$2/ready" && exec sleep 60',
        "sh",
        options,
        merged,
      ],
      { detached: true, stdio: "ignore" },
    );
    const started = child;
    childExited = new Promise((resolve) => started.once("exit", () => resolve()));
    const pid = started.pid;
    for (let attempt = 0; attempt < 100 && !totals(upper).files; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isMountPoint(merged)).toBe(false);
    expect(isMountPoint(merged, `/proc/${pid}/mountinfo`)).toBe(true);
    for (const args of [
      ["inspect", "--json"],
      ["inspect", merged, "--json"],
    ]) {
      const report = inspected(await runCli(args)).find((mount) => mount.mountPoint === merged);
      expect(report?.layers).toEqual([{ dir: lower, number: 1, bytes: 1333, files: 2, diskBytes: totals(lower).diskBytes }]);
      expect(report?.upper).toEqual({ dir: upper, bytes: 0, diskBytes: 0 });
      expect(byPath(report?.changes ?? [])).toEqual([
        { path: "/gone", kind: "deleted", bytes: 0, diskBytes: 0, hiddenBytes: 99 },
        { path: "/ready", kind: "added", bytes: 0, diskBytes: 0, hiddenBytes: 0 },
      ]);
    }
  });

  it("refuses a target that is neither a mount point nor a container, in one line, exit 2", async () => {
    const missing = join(parent, "no such mount");
    const result = await runCli(["inspect", missing], { env: { PATH: "/usr/bin:/bin" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`'${missing}'`);
    const badTop = await runCli(["inspect", "--top", "lots"]);
    expect(badTop.code).toBe(2);
    expect(badTop.stderr).toContain("--top");
  });

  it("as a user who may not read the layers: reports what it could, notes why, names the mount, exit 1", async () => {
    const { merged } = makeStack();
    const result = await runCli(["inspect", merged, "--json"], { uid: 65534 });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(merged);
    const [report] = inspected(result);
    expect(report?.notes.join("\n")).toContain("EACCES");
    expect(report?.layers.every((layer) => layer.bytes === 0)).toBe(true);
  });
});
