// `inspect --image IMAGE --json`: one JSON object on one line, as README's `inspect --image
// --json` section documents it. Instructions are whole here (shortened only on screen).
import type { HideReason } from "../../layers/walk.js";
import type { ImageReport } from "./report.js";
import type { RuleResult } from "./thresholds.js";

export interface JsonImageLayer {
  dir: string;
  /** Build order: 1 is the base (the first layer the Containerfile makes), the top the highest. */
  number: number;
  /** The step that made the layer, whole; null when the history cannot say. */
  createdBy: string | null;
  bytes: number;
  files: number;
  /** What the layer's regular files take on disk, each inode once (st_blocks × 512). */
  diskBytes: number;
  /** Their st_size, where it differs from `bytes` (metacopies hold no data). */
  apparentBytes?: number;
  visibleBytes: number;
  hiddenBytes: number;
  hidesBytes: number;
  hides: Record<HideReason, number>;
}

export interface JsonHiddenItem {
  path: string;
  bytes: number;
  files: number;
  addedBy: string | null;
  hiddenBy: string | null;
  how: HideReason;
  hiddenAt: string;
  /** Indexes into `layers` (top first), and the same layers' numbers in build order. */
  layer: number;
  hiddenByLayer: number;
  layerNumber: number;
  hiddenByLayerNumber: number;
}

export interface JsonImageReport {
  image: ImageReport["image"];
  layers: JsonImageLayer[];
  bytes: number;
  files: number;
  visibleBytes: number;
  imageHiddenBytes: number;
  hiddenPercent: number;
  hidden: JsonHiddenItem[];
  emptySteps: string[];
  ci: { passed: boolean; rules: RuleResult[] } | null;
  notes: string[];
}

/** Percentages to 1/100 of a percent: enough for a gate, stable to compare. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function imageJson(report: ImageReport, rules: readonly RuleResult[] | undefined): JsonImageReport {
  return {
    image: report.image,
    layers: report.layers.map((layer) => ({
      dir: layer.dir,
      number: layer.number,
      createdBy: layer.step?.createdBy ?? null,
      bytes: layer.bytes,
      files: layer.files,
      diskBytes: layer.diskBytes,
      ...(layer.apparentBytes === layer.bytes ? {} : { apparentBytes: layer.apparentBytes }),
      visibleBytes: layer.visibleBytes,
      hiddenBytes: layer.hiddenBytes,
      hidesBytes: layer.hides.whiteout + layer.hides.opaque + layer.hides["newer-copy"],
      hides: layer.hides,
    })),
    bytes: report.bytes,
    files: report.files,
    visibleBytes: report.visibleBytes,
    imageHiddenBytes: report.imageHiddenBytes,
    hiddenPercent: round(report.hiddenPercent),
    hidden: report.hidden.map((item) => ({
      path: item.path,
      bytes: item.bytes,
      files: item.files,
      addedBy: item.addedBy,
      hiddenBy: item.hiddenBy,
      how: item.how,
      hiddenAt: item.hiddenAt,
      layer: item.layer,
      hiddenByLayer: item.hiddenByLayer,
      // Build order counts from the base: the top layer (index 0) has the highest number.
      layerNumber: report.layers.length - item.layer,
      hiddenByLayerNumber: report.layers.length - item.hiddenByLayer,
    })),
    emptySteps: report.emptySteps.map((step) => step.createdBy),
    ci:
      rules === undefined
        ? null
        : { passed: rules.every((rule) => !rule.crossed), rules: rules.map((rule) => ({ ...rule, value: round(rule.value) })) },
    notes: report.notes,
  };
}

export function imageJsonLine(report: ImageReport, rules: readonly RuleResult[] | undefined): string {
  return `${JSON.stringify(imageJson(report, rules))}\n`;
}
