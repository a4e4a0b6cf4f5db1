// One image, read: walk its layers (read ahead in worker threads, as `inspect` does for a mount)
// into per-layer and per-image figures, each layer named by the build step that made it, each
// hidden group by the step that added its bytes and the step that hid them. Nothing here
// writes, and nothing follows a symlink (the walk lstats; xattrs are read with l*xattr).
import { walkStack } from "../../layers/walk.js";
import type { XattrNamespace } from "../../overlay/xattr.js";
import type { HistoryEntry } from "../../runtime/index.js";
import { readAhead } from "../read-ahead.js";
import type { InspectWords } from "../words/index.js";
import { type HiddenGroup, ImageAnalyzer, type ImageLayerTotals } from "./analyze.js";
import { type LayerSteps, matchSteps } from "./history.js";
import type { ImageSource } from "./source.js";
import { hiddenPercent } from "./thresholds.js";

export interface ImageLayerReport extends ImageLayerTotals {
  dir: string;
  /** Build order: 1 is the base, the top layer has the highest number. */
  number: number;
  /** The step that made it, or undefined when the history cannot say. */
  step: HistoryEntry | undefined;
}

export interface HiddenItemReport extends HiddenGroup {
  /** The whole instruction of the step that added the bytes, and of the one that hid them (null: unknown). */
  addedBy: string | null;
  hiddenBy: string | null;
}

export interface ImageReport {
  image: { name: string; id: string; runtime: ImageSource["runtime"] };
  /** Top first. */
  layers: ImageLayerReport[];
  bytes: number;
  files: number;
  visibleBytes: number;
  imageHiddenBytes: number;
  /** imageHiddenBytes as a share of bytes, in percent. */
  hiddenPercent: number;
  /** The largest hidden groups (at most --top), largest first. */
  hidden: HiddenItemReport[];
  /** How many hidden groups there are in all: `hidden` lists the largest of them. */
  hiddenGroups: number;
  /** Steps that made no layer, oldest first. */
  emptySteps: HistoryEntry[];
  mismatch: LayerSteps["mismatch"];
  notes: string[];
  /** True when a layer (or part of one) could not be read. */
  partial: boolean;
}

/** Paths walked between two turns of the event loop (each turn costs microseconds). */
const YIELD_EVERY = 2048;

export interface ReadImageOptions {
  top: number;
  words: InspectWords;
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}

/**
 * Root reads the `trusted.` overlay xattrs of a rootful store; a user's own store (rootless
 * podman, native overlay with userxattr) keeps them under `user.`, and a user cannot read
 * `trusted.` at all.
 */
function xattrNamespace(): XattrNamespace {
  return process.getuid?.() === 0 ? "trusted" : "user";
}

export async function readImage(source: ImageSource, options: ReadImageOptions): Promise<ImageReport> {
  const { dirs } = source;
  const notes: string[] = [];
  let partial = false;
  const onUnreadable = (dir: string, error: unknown) => {
    partial = true;
    if (notes.length < 20) notes.push(options.words.unreadable(dir, errorCode(error)));
  };
  const namespace = xattrNamespace();
  const analyzer = new ImageAnalyzer(dirs.length, options.top);
  const reader = readAhead(dirs, namespace, onUnreadable);
  try {
    let paths = 0;
    for (const found of walkStack(dirs, { namespace, onUnreadable, list: reader.list })) {
      analyzer.add(found);
      // The walk is synchronous: let the event loop run now and then, so that the runtime's
      // answers about the history (two commands, one after the other) arrive during the walk.
      if (++paths % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    reader.close();
  }
  const analysis = analyzer.result();
  const matched = matchSteps(dirs.length, await source.history);
  const stepOf = (layer: number) => matched.steps[layer]?.createdBy ?? null;
  if (matched.mismatch !== undefined) notes.push(options.words.image.mismatch(matched.mismatch.layers, matched.mismatch.steps));
  return {
    image: { name: source.name, id: source.id, runtime: source.runtime },
    layers: dirs.map((dir, layer) => ({
      dir,
      number: dirs.length - layer,
      step: matched.steps[layer],
      ...(analysis.layers[layer] ?? {
        bytes: 0,
        files: 0,
        visibleBytes: 0,
        hiddenBytes: 0,
        hides: { whiteout: 0, opaque: 0, "newer-copy": 0 },
      }),
    })),
    bytes: analysis.bytes,
    files: analysis.files,
    visibleBytes: analysis.visibleBytes,
    imageHiddenBytes: analysis.hiddenBytes,
    hiddenPercent: hiddenPercent(analysis.hiddenBytes, analysis.bytes),
    hidden: analysis.hidden.map((group) => ({ ...group, addedBy: stepOf(group.layer), hiddenBy: stepOf(group.hiddenByLayer) })),
    hiddenGroups: analysis.hiddenGroups,
    emptySteps: matched.emptySteps,
    mismatch: matched.mismatch,
    notes,
    partial,
  };
}
