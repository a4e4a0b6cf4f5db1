// inspect's JSON line for an analysis of a stack, as `inspect --json` writes it: what the
// equivalence tests compare byte for byte, however the stack was walked.
import { JsonMountWriter } from "../../src/inspect/json.js";
import { mountReport } from "../../src/inspect/report.js";
import type { InspectTarget } from "../../src/inspect/targets.js";
import type { AnalysisTotals } from "../../src/layers/analysis.js";
import type { Change } from "../../src/layers/changes.js";

/** The line for the stack in `dirs` (its upper first when `hasUpper`), with its changes in order. */
export function jsonLine(dirs: readonly string[], hasUpper: boolean, analysis: AnalysisTotals, changes: readonly Change[]): string {
  const [upper, ...lower] = hasUpper ? dirs : [undefined, ...dirs];
  const target = { mountPoint: "/generated", container: null, lower, upper, problems: [] } as unknown as InspectTarget;
  let text = "";
  const writer = new JsonMountWriter((chunk) => {
    text += chunk;
  });
  writer.start(target);
  for (const change of changes) writer.change(change);
  writer.end(mountReport(target, analysis, [], false));
  return text;
}
