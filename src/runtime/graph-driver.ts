// A container's or an image's GraphDriver, the same shape in docker (overlay2) and podman
// (overlay): { Name, Data: { LowerDir, UpperDir, MergedDir, WorkDir } }.
//
// LowerDir is absolute diff directories joined by ':' top first, exactly as `lowerdir=` orders
// them: "/var/lib/containers/storage/overlay/<id>/diff:…". The mount itself (mountinfo) names
// the same layers by their `l/<SHORTID>` links instead (absolute for podman, relative to the
// store for docker when the options would not fit a page); DESIGN.md, Facts.
import { type JsonRecord, recordField, stringField } from "./json.js";
import type { GraphDriverDirs, GraphDriverLayers } from "./types.js";

/** "a:b:c" → ["a", "b", "c"], top first; an absent or empty LowerDir (a one-layer image) → []. */
export function splitLowerDir(lowerDir: string | undefined): string[] {
  if (lowerDir === undefined || lowerDir === "") return [];
  return lowerDir.split(":").filter((dir) => dir !== "");
}

/** The driver's name and its directories; undefined when the report has no UpperDir (not an overlay). */
export function graphDriverOf(inspected: JsonRecord): { driver: string; dirs: GraphDriverDirs } | undefined {
  const graphDriver = recordField(inspected, "GraphDriver");
  const data = recordField(graphDriver, "Data");
  const upper = stringField(data, "UpperDir");
  if (upper === undefined) return undefined;
  return {
    driver: stringField(graphDriver, "Name") ?? "",
    dirs: {
      lower: splitLowerDir(stringField(data, "LowerDir")),
      upper,
      merged: stringField(data, "MergedDir"),
      work: stringField(data, "WorkDir"),
    },
  };
}

export function layerStackOf(inspected: JsonRecord): { driver: string; stack: GraphDriverLayers } | undefined {
  const found = graphDriverOf(inspected);
  if (found === undefined) return undefined;
  return { driver: found.driver, stack: { lower: found.dirs.lower, upper: found.dirs.upper } };
}
