// inspect's JSON line for an analysis of a stack, as `inspect --json` writes it: what the
// equivalence tests compare byte for byte, however the stack was walked.
import { pathToFileURL } from "node:url";
import { JsonMountWriter } from "../../src/inspect/json.js";
import { mountReport } from "../../src/inspect/report.js";
import type { InspectTarget } from "../../src/inspect/targets.js";
import type { AnalysisTotals } from "../../src/layers/analysis.js";
import type { Change } from "../../src/layers/changes.js";
import type { StackReading } from "../../src/layers/read-ahead.js";
import { ROOT } from "./cli.js";

/** The built worker (`npm test` builds first): the tests of the source walk with the shipped one. */
export const BUILT_WORKER = pathToFileURL(`${ROOT}/dist/read-ahead-worker.js`);

/**
 * A reading of a generated stack (its dirs, top first) that keeps every change for jsonLine and
 * fails on a directory it cannot list: so few kept (`top` 2) that ties at the cut are common.
 */
export function keptReading(
  dirs: readonly string[],
  hasUpper: boolean,
  workers: "never" | "always",
): { reading: StackReading; changes: Change[] } {
  const changes: Change[] = [];
  const reading: StackReading = {
    dirs,
    hasUpper,
    namespace: "user",
    top: 2,
    onChange: (change) => changes.push(change),
    onUnreadable: (dir, code) => {
      throw new Error(`${dir}: ${code}`);
    },
    workers,
    workerUrl: BUILT_WORKER,
  };
  return { reading, changes };
}

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
