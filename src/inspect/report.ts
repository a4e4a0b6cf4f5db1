// One mount, read: walk its layers (through /proc/<pid>/root when it lives in another mount
// namespace) into a report. A layer that cannot be read leaves a note and the rest is still
// counted; nothing here writes, and nothing follows a symlink (the walk lstats; a directory's
// xattrs are read with the l*xattr calls).

import type { AnalysisTotals } from "../layers/analysis.js";
import { type ByteTotals, emptyBytes } from "../layers/bytes.js";
import type { Change, ChangeKind, ChangeTotals } from "../layers/changes.js";
import type { HiddenGroup } from "../layers/hidden.js";
import { analyzeStack, type StackReading } from "../layers/read-ahead.js";
import { hostPath } from "../overlay/namespaces.js";
import type { RuntimeName } from "../runtime/index.js";
import { noteText } from "./layer-problems.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

export interface LayerReport extends ByteTotals {
  dir: string;
  /** Build order, as a Containerfile reads and `inspect --image` numbers: 1 is the base, the top the highest. */
  number: number;
}

export interface MountReport {
  mountPoint: string | null;
  container: { runtime: RuntimeName; id: string; name: string } | null;
  layers: LayerReport[];
  upper: (ByteTotals & { dir: string }) | null;
  imageHiddenBytes: number;
  containerHiddenBytes: number;
  /** The largest hidden groups (at most --top), largest first. */
  hidden: HiddenGroup[];
  /** How many hidden groups there are in all: `hidden` lists the largest of them. */
  hiddenGroups: number;
  /** The image's own largest hidden group, whatever --top keeps (the verdict names it). */
  largestImageHidden: HiddenGroup | null;
  changeTotals: Record<ChangeKind, ChangeTotals>;
  copyUps: number;
  /** Changes that copied only the metadata up (metacopy=on). */
  metacopies: number;
  largestChanges: Change[];
  /** How many changes write or hide a byte: `largestChanges` lists the largest of them. */
  listableChanges: number;
  /** The first renamed directories (at most --top), in path order. */
  renames: Change[];
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
  /** Reads and counts the stack: analyzeStack, or the HTML report's walk that also builds its treemap. */
  analyze?: (reading: StackReading) => Promise<AnalysisTotals>;
}

export async function readMount(target: InspectTarget, options: ReadOptions): Promise<MountReport> {
  const notes = target.problems.map((note) => noteText(note, options.words));
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
  const analysis = await (options.analyze ?? analyzeStack)({
    dirs,
    hasUpper: target.upper !== undefined,
    namespace: target.userXattr ? "user" : "trusted",
    metacopyOn: target.metacopyOn === true,
    top: options.top,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    ...(options.backpressure ? { backpressure: options.backpressure } : {}),
    onUnreadable: (dir, code) => {
      // A directory that vanished mid-walk (a live container) is simply gone, not unreadable.
      if (code === "ENOENT") return;
      partial = true;
      if (notes.length < 20) notes.push(options.words.unreadable(dir, code));
    },
  });
  return mountReport(target, analysis, notes, partial);
}

/** What inspect reports of one mount, from its stack's analysis. */
export function mountReport(target: InspectTarget, analysis: AnalysisTotals, notes: string[], partial: boolean): MountReport {
  return {
    mountPoint: target.mountPoint,
    container:
      target.container === null ? null : { runtime: target.container.runtime, id: target.container.id, name: target.container.name },
    layers: target.lower.map((dir, index) => {
      const { bytes, files, apparentBytes, diskBytes } = analysis.layers[index] ?? emptyBytes();
      return { dir, number: target.lower.length - index, bytes, files, apparentBytes, diskBytes };
    }),
    upper: target.upper === undefined || analysis.upper === null ? null : { dir: target.upper, ...analysis.upper },
    imageHiddenBytes: analysis.imageHiddenBytes,
    containerHiddenBytes: analysis.containerHiddenBytes,
    hidden: analysis.hidden,
    hiddenGroups: analysis.hiddenGroups,
    largestImageHidden: analysis.largestImageHidden,
    changeTotals: analysis.changes.totals,
    copyUps: analysis.changes.copyUps,
    metacopies: analysis.changes.metacopies,
    largestChanges: analysis.changes.largest,
    listableChanges: analysis.changes.listable,
    renames: analysis.changes.renames,
    notes,
    partial,
  };
}
