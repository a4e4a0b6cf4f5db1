import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { summarizeHost } from "../../src/inspect/summary/count.js";
import { SharedImages } from "../../src/layers/shared-image.js";
import type { StoreContents } from "../../src/runtime/adapter.js";
import { generatedStackReason } from "../helpers/generated-stack.js";
import { diskOf, handLayer } from "../helpers/hand-layers.js";
import { announceSkip } from "../helpers/needs.js";

const reason = generatedStackReason();
if (reason !== undefined) announceSkip("the host summary's arithmetic", reason);

let root = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ol-summary-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const layer = (name: string, files: Record<string, number | "whiteout">): string => handLayer(root, name, files);

it.skipIf(reason !== undefined)("images, containers, stores and unused layers, each layer counted once", async () => {
  const base = layer("base", { a: 1000, b: 2000, "d/c": 500 });
  const top1 = layer("top1", { b: "whiteout", e: 300 });
  const top2 = layer("top2", { f: 700 });
  const upper1 = layer("upper1", { a: 1001, g: 100 }); // a copy-up of a, a new g
  const upper2 = layer("upper2", { d: "whiteout" }); // deletes d/c
  const unused = layer("unused", { x: 4000 });
  const contents: StoreContents = {
    runtime: "podman",
    store: { kind: "containers-storage", root, layers: root },
    driver: "overlay",
    owner: null,
    layers: [base, top1, top2, upper1, upper2, unused].map((dir, index) => ({ id: `l${index}`, dir })),
    images: [
      { id: "i1".padEnd(64, "0"), names: ["localhost/one:latest"], layers: [top1, base] },
      { id: "i2".padEnd(64, "0"), names: [], layers: [top2, base] },
    ],
    containers: [
      {
        id: "c1",
        name: "web",
        image: "localhost/one:latest",
        imageId: "i1".padEnd(64, "0"),
        state: "running",
        pod: null,
        labels: {},
        upper: upper1,
        lower: [top1, base],
        mergedDir: undefined,
      },
      {
        id: "c2",
        name: "old",
        image: "localhost/one:latest",
        imageId: "i1".padEnd(64, "0"),
        state: "stopped",
        pod: null,
        labels: {},
        upper: upper2,
        lower: [top1, base],
        mergedDir: undefined,
      },
    ],
    problems: [],
  };
  const summary = await summarizeHost([contents], { root: "/", images: new SharedImages(10), top: 10, onUnreadable: () => undefined });
  expect(
    summary.images.map(({ name, bytes, sharedBytes, uniqueBytes, hiddenBytes, containers }) => ({
      name,
      bytes,
      sharedBytes,
      uniqueBytes,
      hiddenBytes,
      containers,
    })),
  ).toEqual(
    [
      { name: null, bytes: 4200, sharedBytes: 3500, uniqueBytes: 700, hiddenBytes: 0, containers: [] },
      { name: "localhost/one:latest", bytes: 3800, sharedBytes: 3500, uniqueBytes: 300, hiddenBytes: 2000, containers: ["web", "old"] },
    ].sort((a, b) => b.bytes - a.bytes),
  );
  expect(summary.containers.map(({ name, state, writableBytes, hiddenBytes }) => ({ name, state, writableBytes, hiddenBytes }))).toEqual([
    { name: "web", state: "running", writableBytes: 1101, hiddenBytes: 1000 },
    { name: "old", state: "stopped", writableBytes: 0, hiddenBytes: 500 },
  ]);
  expect(summary.containers[0]?.writableDiskBytes).toBe(diskOf(upper1));
  expect(summary.unusedLayers).toMatchObject({ count: 1, bytes: 4000, diskBytes: diskOf(unused), reclaim: ["podman system prune --all"] });
  const allDirs = [base, top1, top2, upper1, upper2, unused];
  expect(summary.stores).toEqual([
    {
      runtime: "podman",
      root,
      driver: "overlay",
      owner: null,
      bytes: 3500 + 300 + 700 + 1101 + 0 + 4000,
      diskBytes: allDirs.reduce((sum, dir) => sum + diskOf(dir), 0),
      layers: 6,
      fullCopies: false,
      problems: [],
    },
  ]);
  expect(summary.totals).toMatchObject({
    stores: 1,
    images: 2,
    containers: 2,
    running: 1,
    stopped: 1,
    writableBytes: 1101,
    imageHiddenBytes: 2000,
    containerHiddenBytes: 1500,
  });
});

it.skipIf(reason !== undefined)(
  "of images as large, the named one first: a build's intermediate images come after the image they became",
  async () => {
    const base = layer("base", { a: 1000 });
    const top = layer("top", { b: 200 });
    const image = (id: string, names: string[]) => ({ id: id.padEnd(64, "0"), names, layers: [top, base] });
    const contents: StoreContents = {
      runtime: "podman",
      store: { kind: "containers-storage", root, layers: root },
      driver: "overlay",
      owner: null,
      layers: [base, top].map((dir, index) => ({ id: `l${index}`, dir })),
      // As images.json lists them: the intermediate image (podman build --layers) first.
      images: [image("a1", []), image("b2", ["localhost/app:latest"]), image("c3", [])],
      containers: [],
      problems: [],
    };
    const summary = await summarizeHost([contents], { root: "/", images: new SharedImages(10), top: 10, onUnreadable: () => undefined });
    expect(summary.images.map(({ name, diskBytes }) => [name, diskBytes])).toEqual([
      ["localhost/app:latest", diskOf(base) + diskOf(top)],
      [null, diskOf(base) + diskOf(top)],
      [null, diskOf(base) + diskOf(top)],
    ]);
  },
);
