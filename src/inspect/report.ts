// One mount, read: walk its layers (through /proc/<pid>/root when it lives in another mount
// namespace) into a report. A layer that cannot be read leaves a note and the rest is still
// counted; nothing here writes, and nothing follows a symlink (the walk lstats; a directory's
// xattrs are read with the l*xattr calls).
import { hostPath } from "../overlay/namespaces.js";
import type { RuntimeName } from "../runtime/index.js";
import { type Change, type HiddenGroup, type StackAnalysis, StackAnalyzer } from "./analyze.js";
import { readAhead } from "./read-ahead.js";
import { InspectWalk } from "./stack-walk.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

export interface LayerReport {
  dir: string;
  /** Build order, as a Containerfile reads and `inspect --image` numbers: 1 is the base, the top the highest. */
  number: number;
  bytes: number;
  files: number;
}

export interface MountReport {
  mountPoint: string | null;
  container: { runtime: RuntimeName; id: string; name: string } | null;
  layers: LayerReport[];
  upper: { dir: string; bytes: number; files: number } | null;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  /** The largest hidden groups (at most --top), largest first. */
  hidden: HiddenGroup[];
  hiddenGroups: StackAnalysis["hiddenGroups"];
  largestImageHidden: StackAnalysis["largestImageHidden"];
  changeTotals: StackAnalysis["changeTotals"];
  copyUps: number;
  largestChanges: Change[];
  listableChanges: StackAnalysis["listableChanges"];
  /** Something could not be read or resolved: the numbers are what could be. */
  notes: string[];
  /** True when a layer (or part of one) could not be read. */
  partial: boolean;
}

export interface ReadOptions {
  top: number;
  words: InspectWords;
  /** Each change as soon as it is final, in path order (the JSON writer streams them). */
  onChange?: (change: Change) => void;
  /** Asked after each path: a promise to wait for (stdout is full) before walking on. */
  backpressure?: () => Promise<void> | undefined;
}

/** How many paths the walk takes between two looks at the output's backpressure. */
const PATHS_BETWEEN_PAUSES = 1024;

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}

export async function readMount(target: InspectTarget, options: ReadOptions): Promise<MountReport> {
  const notes = [...target.problems];
  let partial = false;
  const layerDirs = target.upper === undefined ? target.lower : [target.upper, ...target.lower];
  // A layer discovery could not resolve (still relative) is never read relative to our cwd.
  const resolved = layerDirs.map((dir) => dir.startsWith("/"));
  resolved.forEach((ok, index) => {
    if (!ok) {
      notes.push(options.words.unresolved(layerDirs[index] ?? ""));
      partial = true;
    }
  });
  // An unresolved layer gets "": its listing fails with ENOENT, so nothing of it is walked.
  const dirs = layerDirs.map((dir, index) => (resolved[index] ? hostPath(target.namespace, dir) : ""));
  const analyzer = new StackAnalyzer({
    hasUpper: target.upper !== undefined,
    lowerCount: target.lower.length,
    top: options.top,
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  const namespace = target.userXattr ? "user" : "trusted";
  const onUnreadable = (dir: string, error: unknown) => {
    // A directory that vanished mid-walk (a live container) is simply gone, not unreadable.
    if (errorCode(error) === "ENOENT") return;
    partial = true;
    if (notes.length < 20) notes.push(options.words.unreadable(dir, errorCode(error)));
  };
  const reader = readAhead(dirs, namespace, onUnreadable);
  try {
    const walk = new InspectWalk(reader, analyzer, { dirs, hasUpper: target.upper !== undefined, namespace });
    // The walk is synchronous; the output may not be (a pipe): pause it, not the pipe's reader.
    while (walk.step(PATHS_BETWEEN_PAUSES)) {
      const waiting = options.backpressure?.();
      if (waiting !== undefined) await waiting;
    }
  } finally {
    reader.close();
  }
  return mountReport(target, analyzer.result(), notes, partial);
}

/** The report of one mount from its analysis: layers top first, each numbered in build order. */
export function mountReport(target: InspectTarget, analysis: StackAnalysis, notes: string[], partial: boolean): MountReport {
  return {
    mountPoint: target.mountPoint,
    container:
      target.container === null ? null : { runtime: target.container.runtime, id: target.container.id, name: target.container.name },
    layers: target.lower.map((dir, index) => ({
      dir,
      number: target.lower.length - index,
      ...(analysis.layers[index] ?? { bytes: 0, files: 0 }),
    })),
    upper: target.upper === undefined || analysis.upper === null ? null : { dir: target.upper, ...analysis.upper },
    imageHiddenBytes: analysis.imageHiddenBytes,
    containerHiddenBytes: analysis.containerHiddenBytes,
    hidden: analysis.hidden,
    hiddenGroups: analysis.hiddenGroups,
    largestImageHidden: analysis.largestImageHidden,
    changeTotals: analysis.changeTotals,
    copyUps: analysis.copyUps,
    largestChanges: analysis.largestChanges,
    listableChanges: analysis.listableChanges,
    notes,
    partial,
  };
}
