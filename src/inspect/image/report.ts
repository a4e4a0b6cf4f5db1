// One image, read: walk its layers (read ahead in worker threads, as `inspect` does for a mount)
// into per-layer and per-image figures, each layer named by the build step that made it, each
// hidden group by the step that added its bytes and the step that hid them. Nothing here
// writes, and nothing follows a symlink (the walk lstats; xattrs are read with l*xattr).
import type { AnalysisTotals } from "../../layers/analysis.js";
import { emptyLayer, type LayerTotals } from "../../layers/bytes.js";
import { analyzeStack, type StackReading } from "../../layers/read-ahead.js";
import type { HideReason } from "../../layers/walk.js";
import type { XattrNamespace } from "../../overlay/xattr.js";
import type { HistoryEntry } from "../../runtime/index.js";
import type { InspectWords } from "../words/index.js";
import { type LayerSteps, matchSteps } from "./history.js";
import type { ImageSource } from "./source.js";
import { hiddenPercent } from "./thresholds.js";

export interface ImageLayerReport extends LayerTotals {
  dir: string;
  /** Build order: 1 is the base, the top layer has the highest number. */
  number: number;
  /** The step that made it, or undefined when the history cannot say. */
  step: HistoryEntry | undefined;
}

/** Hidden files of one layer, hidden by one entry of a later layer. */
export interface HiddenItemReport {
  /** The hidden file, when the group is one file; else the hiding entry's path (a directory). */
  path: string;
  /** The entry that hides them: the whiteout, the opaque directory, the newer copy. */
  hiddenAt: string;
  bytes: number;
  files: number;
  /** The layer holding the bytes (index in the image's layers, top first). */
  layer: number;
  /** The layer whose entry hides them (index, top first). */
  hiddenByLayer: number;
  how: HideReason;
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

export interface ReadImageOptions {
  top: number;
  words: InspectWords;
  /** Reads and counts the layers: analyzeStack, or the HTML report's walk that also builds its treemap. */
  analyze?: (reading: StackReading) => Promise<AnalysisTotals>;
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
  const analysis = await (options.analyze ?? analyzeStack)({
    dirs,
    hasUpper: false,
    namespace: xattrNamespace(),
    top: options.top,
    onUnreadable: (dir, code) => {
      partial = true;
      if (notes.length < 20) notes.push(options.words.unreadable(dir, code));
    },
    // Let the event loop run now and then, so that the runtime's answers about the history (two
    // commands, one after the other) arrive during the walk.
    backpressure: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const bytes = analysis.layers.reduce((sum, layer) => sum + layer.bytes, 0);
  const matched = matchSteps(dirs.length, await source.history);
  const stepOf = (layer: number) => matched.steps[layer]?.createdBy ?? null;
  if (matched.mismatch !== undefined) notes.push(options.words.image.mismatch(matched.mismatch.layers, matched.mismatch.steps));
  return {
    image: { name: source.name, id: source.id, runtime: source.runtime },
    layers: dirs.map((dir, layer) => ({
      dir,
      number: dirs.length - layer,
      step: matched.steps[layer],
      ...(analysis.layers[layer] ?? emptyLayer()),
    })),
    bytes,
    files: analysis.layers.reduce((sum, layer) => sum + layer.files, 0),
    visibleBytes: analysis.visibleBytes,
    imageHiddenBytes: analysis.imageHiddenBytes,
    hiddenPercent: hiddenPercent(analysis.imageHiddenBytes, bytes),
    hidden: analysis.hidden.map((group) => ({
      // A lone file is named by its own path, as a learner looks for it; a group by the hiding entry.
      path: group.files === 1 ? group.firstPath : group.path,
      hiddenAt: group.path,
      bytes: group.bytes,
      files: group.files,
      layer: group.layer,
      hiddenByLayer: group.hiddenByLayer ?? 0,
      how: group.cause,
      addedBy: stepOf(group.layer),
      hiddenBy: stepOf(group.hiddenByLayer ?? 0),
    })),
    hiddenGroups: analysis.hiddenGroups,
    emptySteps: matched.emptySteps,
    mismatch: matched.mismatch,
    notes,
    partial,
  };
}
