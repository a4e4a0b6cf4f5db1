// Which of the mounts inspect reads share an image's layers: each such image is counted once for
// all its containers (layers/shared-image.ts), so that inspect of a host with many containers of
// one image costs one walk of the image and a look at each container's own layers.
import type { AnalysisTotals } from "../layers/analysis.js";
import type { StackReading } from "../layers/read-ahead.js";
import { analyzeOnImage, type SharedImages, sharedImageLayers } from "../layers/shared-image.js";
import { hostPath } from "../overlay/namespaces.js";
import type { InspectTarget } from "./targets.js";

/** Per mount that shares its image with another: how to count it on the shared image. */
export function sharedAnalyses(
  targets: readonly InspectTarget[],
  images: SharedImages,
): Map<InspectTarget, (reading: StackReading) => Promise<AnalysisTotals>> {
  const analyses = new Map<InspectTarget, (reading: StackReading) => Promise<AnalysisTotals>>();
  // Only containers (an upper over the image), with every layer found, and one xattr namespace.
  for (const userXattr of [false, true]) {
    const group = targets.filter(
      (target) => target.upper !== undefined && target.userXattr === userXattr && target.lower.every((dir) => dir.startsWith("/")),
    );
    if (group.length < 2) continue;
    const lowers = group.map((target) => target.lower.map((dir) => hostPath(target.namespace, dir)));
    sharedImageLayers(lowers).forEach((dirs, index) => {
      const target = group[index];
      if (dirs === undefined || target === undefined) return;
      const image = images.of(dirs, userXattr ? "user" : "trusted");
      analyses.set(target, (reading) => analyzeOnImage(reading, image));
    });
  }
  return analyses;
}
