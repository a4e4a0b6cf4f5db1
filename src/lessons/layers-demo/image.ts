// The image layers-demo builds: its Dockerfile, where each layer lives in the workspace (the
// same <layer>/diff, work, merged layout as docker's overlay2), and the files of each layer.
import type { LayersDemoWords } from "./en.js";

export const MiB = 1024 * 1024;
/** The big library of the base image: big enough to matter, small enough to write in a blink. */
export const BIG_BYTES = 4 * MiB;
/** The base image's package cache, emptied by the RUN. */
export const CACHE_DB_BYTES = 512 * 1024;

/** The Dockerfile, one instruction per layer, with the layer folder each one makes. */
export const DOCKERFILE: ReadonlyArray<readonly [string, string]> = [
  ["FROM lesson-base", "layers/1-from"],
  ["COPY context/ /", "layers/2-copy"],
  ["RUN rm /lib/libbig.so && rm -rf /var/cache/app && mkdir /var/cache/app", "layers/3-run"],
];

export interface BuildLayer {
  name: string;
  /** The layer itself: what an instruction's upperdir became. */
  diff: string;
  work: string;
  merged: string;
}

const layer = (name: string): BuildLayer => ({
  name,
  diff: `layers/${name}/diff`,
  work: `layers/${name}/work`,
  merged: `layers/${name}/merged`,
});

export const FROM = layer("1-from");
export const COPY = layer("2-copy");
export const RUN = layer("3-run");
/** The same image built in one RUN on an empty base ("FROM scratch"). */
export const SINGLE = layer("single");
export const SCRATCH = "layers/scratch";

/** The container's lower layers, top first, as its lowerdir lists them. */
export const IMAGE_LAYERS = [RUN, COPY, FROM];

export const BIG = "lib/libbig.so";
export const CACHE = "var/cache/app";

export interface TextFile {
  path: string;
  content: string;
}

export function baseFiles(w: LayersDemoWords): TextFile[] {
  return [
    { path: "etc/os-release", content: `# ${w.files.osRelease}\nNAME="Lesson Linux"\nVERSION_ID=1.0\n` },
    { path: "bin/app", content: `#!/bin/sh\necho "${w.files.appV1}"\n` },
    { path: `${CACHE}/pkg.list`, content: `# ${w.files.pkgList}\nlibbig 1.0\nlibsmall 2.3\n` },
  ];
}

/** What `COPY context/ /` brings: a config and a new bin/app that replaces the base's. */
export function contextFiles(w: LayersDemoWords): TextFile[] {
  return [
    { path: "app/config.yaml", content: `# ${w.files.config}\nlisten: 8080\nlog_level: info\n` },
    { path: "bin/app", content: `#!/bin/sh\necho "${w.files.appV2}"\nexec /app/server --config /app/config.yaml\n` },
  ];
}

/** dd that writes `bytes` of zeros: the base image's big binary blobs. */
export function ddZeros(path: string, bytes: number): string[] {
  return ["dd", "if=/dev/zero", `of=${path}`, "bs=64K", `count=${bytes / (64 * 1024)}`, "status=none"];
}
