// inspect --image on real podman images built here: a file added then removed by a later RUN
// (whiteout), a directory rm -rf'd and made again (opaque), a file of the base overwritten by a
// later COPY (newer copy), and ENV, LABEL and CMD steps that make no layer. Every figure is
// checked against counts made without inspect: find(1) over podman's own layer dirs, the kernel's
// read-only overlay of them, and `podman history`; then the CI gate's exit codes and refusals.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { JsonImageReport } from "../../src/inspect/image/json.js";
import { runCli } from "../helpers/cli.js";
import { fileSizes, hasOpaqueXattr, mountImageView, snapshot, totals, unmountIfMounted } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { BASE_FILE, buildBusyboxBase, buildImage, cleanupTestContainersAndImages, podman, podmanEnv, testName } from "../helpers/podman.js";

const MiB = 1024 * 1024;
const NEW_RELEASE = "overwritten by a later COPY\n";
const CONTAINERFILE = (base: string) => `FROM ${base}
ENV OL_STEP=one
RUN mkdir -p /data/cache /data/keep && dd if=/dev/zero of=/data/cache/blob bs=1024 count=2048 && dd if=/dev/zero of=/data/tmpfile bs=1024 count=1024 && dd if=/dev/zero of=/data/keep/k bs=1024 count=3
RUN rm /data/tmpfile
RUN rm -rf /data/cache && mkdir /data/cache && echo fresh > /data/cache/fresh
COPY ol-release /etc/ol-release
LABEL ol.test=yes
CMD ["sh"]
`;
/** The steps that make no layer, as they appear in the Containerfile above. */
const EMPTY_STEP = /#\(nop\) (?:ENV|LABEL|CMD) /;

interface HistoryLine {
  CreatedBy: string;
  size: number;
}

/** Every entry of a layer (files, dirs, symlinks, whiteouts): each has a tar header. */
function entryCount(dir: string): number {
  return execFileSync("find", [dir, "-mindepth", "1", "-printf", "."], { encoding: "utf8" }).length;
}

function parseReport(stdout: string): JsonImageReport {
  const lines = stdout.split("\n").filter((line) => line !== "");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? "") as JsonImageReport;
}

describeWith(["root", "podman"], "inspect --image on real podman images", () => {
  const base = `localhost/${testName("image-base")}`;
  const image = `localhost/${testName("image-waste")}`;
  const env = podmanEnv();
  let dirs: string[] = [];
  let scratch = "";
  let view = "";

  beforeAll(() => {
    buildBusyboxBase(base);
    buildImage(image, CONTAINERFILE(base), { "ol-release": NEW_RELEASE });
    const format = (field: string) => podman(["image", "inspect", "--format", `{{.GraphDriver.Data.${field}}}`, image]).trim();
    dirs = [
      format("UpperDir"),
      ...format("LowerDir")
        .split(":")
        .filter((dir) => dir !== ""),
    ];
    scratch = mkdtempSync(join(tmpdir(), `${testName("image-view")}-`));
    view = join(scratch, "view");
    mkdirSync(view);
    mountImageView(dirs, view);
  }, 600_000);

  afterAll(() => {
    try {
      if (view !== "") unmountIfMounted(view);
      if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
    } finally {
      podman(["rmi", "--force", "--ignore", image, base], { allowFailure: true });
      cleanupTestContainersAndImages();
    }
  }, 300_000);

  it("lists podman's layers top first, each with its step, and every figure as find, the kernel and podman history count it", async () => {
    const before = snapshot(dirs);
    const result = await runCli(["inspect", "--image", image, "--json"], { env, timeoutMs: 180_000 });
    expect(snapshot(dirs)).toEqual(before); // it only reads
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    const id = podman(["image", "inspect", "--format", "{{.Id}}", image]).trim();
    expect(report.image).toEqual({ name: image, id, runtime: "podman" });
    expect(report.layers.map((layer) => layer.dir)).toEqual(dirs);
    expect(dirs).toHaveLength(5); // base, RUN dd, RUN rm, RUN rm -rf, COPY
    expect(report.layers.map((layer) => layer.number)).toEqual([5, 4, 3, 2, 1]); // top first, numbered from the base

    // podman history, newest first: the steps that made a layer are the layers, top first.
    const history = JSON.parse(podman(["history", "--no-trunc", "--format", "json", image])) as HistoryLine[];
    const layerSteps = history.filter((step) => !EMPTY_STEP.test(step.CreatedBy));
    expect(report.layers.map((layer) => layer.createdBy)).toEqual(layerSteps.map((step) => step.CreatedBy));
    expect(report.emptySteps).toEqual(
      history
        .filter((step) => EMPTY_STEP.test(step.CreatedBy))
        .map((step) => step.CreatedBy)
        .reverse(),
    );
    expect(report.emptySteps.map((step) => /#\(nop\) (\w+)/.exec(step)?.[1])).toEqual(["ENV", "LABEL", "CMD"]);
    const [copy, rmRf, rm, dd, first] = report.layers;
    expect(copy?.createdBy).toMatch(/COPY .* in \/etc\/ol-release/);
    expect(rmRf?.createdBy).toContain("rm -rf /data/cache");
    expect(rm?.createdBy).toBe("/bin/sh -c rm /data/tmpfile");
    expect(dd?.createdBy).toContain("dd if=/dev/zero of=/data/cache/blob");
    expect(first?.createdBy).toContain("ADD");
    // A layer's tar (podman's size) holds its files' bytes, a 512 B header per entry and padding
    // to 512 B per file: a layer of one whiteout is not 0 B there, and it is 0 B here.
    report.layers.forEach((layer, index) => {
      const size = layerSteps[index]?.size ?? -1;
      expect(size).toBeGreaterThanOrEqual(layer.bytes);
      expect(size).toBeLessThanOrEqual(layer.bytes + 1024 * entryCount(layer.dir) + 10240);
    });
    expect(rm).toMatchObject({ bytes: 0, files: 0 });
    expect(layerSteps[2]?.size).toBeGreaterThan(0);

    // Bytes and files per layer as find counts them; the image as the kernel shows it.
    expect(report.layers.map(({ bytes, files, diskBytes }) => ({ bytes, files, diskBytes }))).toEqual(dirs.map(totals));
    const onDisk = dirs.reduce((sum, dir) => sum + totals(dir).bytes, 0);
    const seen = totals(view).bytes;
    expect(report.bytes).toBe(onDisk);
    expect(report.visibleBytes).toBe(seen);
    expect(report.imageHiddenBytes).toBe(onDisk - seen);
    expect(report.imageHiddenBytes).toBe(2 * MiB + MiB + BASE_FILE.content.length); // by hand
    expect(report.hiddenPercent).toBeCloseTo((report.imageHiddenBytes / onDisk) * 100, 1);

    // Per layer, what is still seen: each file the kernel shows comes from the topmost layer holding a file there.
    const layerFiles = dirs.map(fileSizes);
    const seenPerLayer = dirs.map(() => 0);
    for (const [path, size] of fileSizes(view)) {
      const from = layerFiles.findIndex((files) => files.has(path));
      expect(layerFiles[from]?.get(path)).toBe(size);
      seenPerLayer[from] = (seenPerLayer[from] ?? 0) + size;
    }
    expect(report.layers.map((layer) => layer.visibleBytes)).toEqual(seenPerLayer);
    expect(report.layers.map((layer) => layer.hiddenBytes)).toEqual(
      report.layers.map((layer, index) => layer.bytes - (seenPerLayer[index] ?? 0)),
    );

    // What each layer hides, and how, as the layers themselves record it.
    expect(hasOpaqueXattr(join(dirs[1] ?? "", "data/cache"))).toBe(true);
    expect(execFileSync("stat", ["-c", "%F %t:%T", join(dirs[2] ?? "", "data/tmpfile")], { encoding: "utf8" }).trim()).toBe(
      "character special file 0:0",
    );
    expect(report.layers.map((layer) => layer.hides)).toEqual([
      { whiteout: 0, opaque: 0, "newer-copy": BASE_FILE.content.length },
      { whiteout: 0, opaque: 2 * MiB, "newer-copy": 0 },
      { whiteout: MiB, opaque: 0, "newer-copy": 0 },
      { whiteout: 0, opaque: 0, "newer-copy": 0 },
      { whiteout: 0, opaque: 0, "newer-copy": 0 },
    ]);
    expect(report.layers.map((layer) => layer.hidesBytes)).toEqual([BASE_FILE.content.length, 2 * MiB, MiB, 0, 0]);

    // The largest hidden item names the RUN that added it and the RUN that hid it.
    expect(report.hidden).toEqual([
      {
        path: "/data/cache/blob",
        bytes: 2 * MiB,
        files: 1,
        addedBy: dd?.createdBy,
        hiddenBy: rmRf?.createdBy,
        how: "opaque",
        hiddenAt: "/data/cache",
        layer: 3,
        hiddenByLayer: 1,
        layerNumber: 2,
        hiddenByLayerNumber: 4,
      },
      {
        path: "/data/tmpfile",
        bytes: MiB,
        files: 1,
        addedBy: dd?.createdBy,
        hiddenBy: rm?.createdBy,
        how: "whiteout",
        hiddenAt: "/data/tmpfile",
        layer: 3,
        hiddenByLayer: 2,
        layerNumber: 2,
        hiddenByLayerNumber: 3,
      },
      {
        path: BASE_FILE.path,
        bytes: BASE_FILE.content.length,
        files: 1,
        addedBy: first?.createdBy,
        hiddenBy: copy?.createdBy,
        how: "newer-copy",
        hiddenAt: BASE_FILE.path,
        layer: 4,
        hiddenByLayer: 0,
        layerNumber: 1,
        hiddenByLayerNumber: 5,
      },
    ]);
    expect(report.ci).toBeNull();
    expect(report.notes).toEqual([]);
  });

  it("tells a person which step wasted the bytes, which hid them, and the fix", async () => {
    const result = await runCli(["inspect", "--image", image], { env, timeoutMs: 180_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("layers, top first (numbered in build order: #1 is the base):");
    expect(result.stdout).toMatch(/#3 {2}RUN rm \/data\/tmpfile\n.*hides 1 MiB of earlier layers \(whiteout\)/);
    expect(result.stdout).toMatch(
      /2 MiB \/data\/cache\/blob, added by `RUN mkdir -p .*` \(layer #2\), hidden by `RUN rm -rf \/data\/cache .*` \(layer #4, opaque dir\)/,
    );
    expect(result.stdout).toContain("3 steps made no layer (ENV, LABEL, CMD)");
    expect(result.stdout).toContain("do both in one RUN), or use a multi-stage build");
    const zh = await runCli(["inspect", "--image", image, "--lang", "zh"], { env, timeoutMs: 180_000 });
    expect(zh.stdout).toContain("（#4 层，不透明目录）遮住");
  });

  it("is a CI gate: exit 1 with the report and one stderr line when a rule is crossed, 0 within it", async () => {
    const crossed = await runCli(["inspect", "--image", image, "--ci", "--max-hidden", "1MiB"], { env, timeoutMs: 180_000 });
    expect(crossed.code).toBe(1);
    expect(crossed.stderr.trim().split("\n")).toEqual([
      `overlay-lesson: CI gate failed: --max-hidden 1 MiB crossed: the image hides 3 MiB`,
    ]);
    expect(crossed.stdout).toContain("CI --max-hidden 1 MiB: crossed");
    expect(crossed.stdout).toContain("largest hidden:");

    const within = await runCli(["inspect", "--image", image, "--ci", "--max-hidden", "1GiB"], { env, timeoutMs: 180_000 });
    expect(within.stderr).toBe("");
    expect(within.code).toBe(0);

    const json = await runCli(["inspect", "--image", image, "--json", "--ci", "--max-hidden", "1GiB", "--max-hidden-percent", "5"], {
      env,
      timeoutMs: 180_000,
    });
    expect(json.code).toBe(1);
    expect(json.stderr.trim().split("\n")).toHaveLength(1);
    expect(json.stderr).toMatch(/--max-hidden-percent 5% crossed: the image hides \d+(\.\d)?%/);
    const report = parseReport(json.stdout);
    expect(report.ci?.passed).toBe(false);
    expect(report.ci?.rules.map((rule) => [rule.rule, rule.crossed])).toEqual([
      ["max-hidden", false],
      ["max-hidden-percent", true],
    ]);
  });

  it("a one-layer image hides nothing: the gate passes even at 0", async () => {
    const result = await runCli(["inspect", "--image", base, "--json", "--ci", "--max-hidden", "0"], { env, timeoutMs: 180_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    const upper = podman(["image", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", base]).trim();
    expect(report.layers.map((layer) => layer.dir)).toEqual([upper]);
    expect(report.imageHiddenBytes).toBe(0);
    expect(report.visibleBytes).toBe(totals(upper).bytes);
    expect(report.hidden).toEqual([]);
  });

  it("exits 2 with one line for an image no runtime knows and for bad thresholds", async () => {
    const missing = `localhost/${testName("no-such-image")}`;
    for (const args of [
      ["inspect", "--image", missing],
      ["inspect", "--image", missing, "--runtime", "podman", "--json"],
      ["inspect", "--image", image, "--ci", "--max-hidden", "lots"],
      ["inspect", "--image", image, "--ci", "--max-hidden-percent", "250"],
      ["inspect", "--image", image, "--ci"],
      ["inspect", "--image", image, "--runtime", "lxc"],
    ]) {
      const result = await runCli(args, { env, timeoutMs: 180_000 });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    const missingResult = await runCli(["inspect", "--image", missing], { env, timeoutMs: 180_000 });
    expect(missingResult.stderr).toContain(`image '${missing}' is not known to`);
  });
});
