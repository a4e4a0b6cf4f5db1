import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { countHost } from "../../src/inspect/summary/count.js";
import { SharedImages } from "../../src/layers/shared-image.js";
import type { StoreContents, StoredContainer } from "../../src/runtime/adapter.js";
import { generatedStackReason } from "../helpers/generated-stack.js";
import { handLayer } from "../helpers/hand-layers.js";
import { announceSkip } from "../helpers/needs.js";

const reason = generatedStackReason();
if (reason !== undefined) announceSkip("the host summary's layer map", reason);

let root = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ol-layer-map-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const layer = (name: string, files: Record<string, number | "whiteout">): string => handLayer(root, name, files);

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function container(name: string, upper: string, lower: string[], state: StoredContainer["state"]): StoredContainer {
  const imageId = "i1".padEnd(64, "0");
  return { id: name, name, image: "localhost/one:latest", imageId, state, pod: null, labels: {}, upper, lower, mergedDir: undefined };
}

it.skipIf(reason !== undefined)("names every layer's holders, and its figures add up to the summary's stores and images", async () => {
  const base = layer("base", { a: 1000, b: 2000 });
  const top1 = layer("top1", { b: "whiteout", e: 300 });
  const top2 = layer("top2", { f: 700 });
  const init = layer("init", { "etc/hosts": 50 });
  const upper1 = layer("upper1", { a: 1001 });
  const upper2 = layer("upper2", { g: 10 });
  const unused = layer("unused", { x: 4000 });
  const dirs = [base, top1, top2, init, upper1, upper2, unused];
  const contents: StoreContents = {
    runtime: "podman",
    store: { kind: "containers-storage", root, layers: root },
    driver: "overlay",
    owner: null,
    layers: dirs.map((dir, index) => ({ id: `l${index}`, dir })),
    images: [
      { id: "i1".padEnd(64, "0"), names: ["localhost/one:latest"], layers: [top1, base] },
      { id: "i2".padEnd(64, "0"), names: [], layers: [top2, base] },
    ],
    containers: [container("web", upper1, [init, top1, base], "running"), container("old", upper2, [top1, base], "stopped")],
    problems: [],
  };
  const { summary, layerMap } = await countHost([contents], {
    root: "/",
    images: new SharedImages(10),
    top: 10,
    onUnreadable: () => undefined,
  });
  const [store] = layerMap.stores;
  if (store === undefined) throw new Error("no store in the map");
  expect(layerMap.stores).toHaveLength(summary.stores.length);
  const one = summary.images.findIndex((image) => image.name === "localhost/one:latest");
  const two = summary.images.findIndex((image) => image.name === null);
  const web = summary.containers.findIndex((row) => row.name === "web");
  const old = summary.containers.findIndex((row) => row.name === "old");
  expect(store.images).toEqual([0, 1]);
  expect(store.containers).toEqual(
    [
      { index: web, image: one },
      { index: old, image: one },
    ].sort((a, b) => a.index - b.index),
  );
  const holders = (dir: string) => {
    const found = store.layers.find((at) => at.dir === dir);
    return { images: found?.images, container: found?.container };
  };
  // The images in the summary's order (the largest first), each with the layer's number in its build order.
  expect(holders(base)).toEqual({
    images: [
      [0, 1],
      [1, 1],
    ],
    container: null,
  });
  expect(holders(top1)).toEqual({ images: [[one, 2]], container: null });
  expect(holders(top2)).toEqual({ images: [[two, 2]], container: null });
  expect(holders(init)).toEqual({ images: [], container: { index: web, writable: false } });
  expect(holders(upper1)).toEqual({ images: [], container: { index: web, writable: true } });
  expect(holders(upper2)).toEqual({ images: [], container: { index: old, writable: true } });
  expect(holders(unused)).toEqual({ images: [], container: null });
  // Every layer once, as the store lists them; their figures are the summary's.
  expect(store.layers.map((at) => at.dir)).toEqual(dirs);
  expect(sum(store.layers.map((at) => at.diskBytes))).toBe(summary.stores[0]?.diskBytes);
  expect(sum(store.layers.map((at) => at.bytes))).toBe(summary.stores[0]?.bytes);
  expect(store.layers.find((at) => at.dir === top1)).toMatchObject({ bytes: 300, files: 1 });
  for (const [index, image] of summary.images.entries()) {
    const held = store.layers.filter((at) => at.images.some(([holder]) => holder === index));
    const shared = held.filter((at) => at.images.length > 1);
    expect([sum(held.map((at) => at.diskBytes)), sum(shared.map((at) => at.diskBytes))]).toEqual([image.diskBytes, image.sharedDiskBytes]);
    expect([sum(held.map((at) => at.bytes)), sum(shared.map((at) => at.bytes))]).toEqual([image.bytes, image.sharedBytes]);
  }
  for (const [index, row] of summary.containers.entries()) {
    const writable = store.layers.find((at) => at.container?.index === index && at.container.writable);
    expect([writable?.bytes, writable?.diskBytes]).toEqual([row.writableBytes, row.writableDiskBytes]);
  }
  const nobody = store.layers.filter((at) => at.images.length === 0 && at.container === null);
  expect([nobody.length, sum(nobody.map((at) => at.diskBytes))]).toEqual([summary.unusedLayers.count, summary.unusedLayers.diskBytes]);
});
