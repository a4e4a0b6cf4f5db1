// What a store's own files could not tell (runtime/store-problems.ts keeps it as data), in the
// reader's words: the summary's rows, the closing note of inspect, the host page.
import { formatBytes } from "../i18n/format.js";
import type { StoreProblem } from "../runtime/store-problems.js";
import type { InspectWords } from "./words/index.js";

/** One problem as a line. A value read from a file (a bad id) is quoted as JSON: no control character reaches the screen. */
export function storeProblemText(problem: StoreProblem, words: InspectWords): string {
  const w = words.storeProblem;
  switch (problem.kind) {
    case "unreadable":
      return w.unreadable(problem.path, problem.code);
    case "symlink":
      return w.symlink(problem.path);
    case "too-big":
      return w.tooBig(problem.path, formatBytes(problem.limit));
    case "not-a-file":
      return w.notAFile(problem.path);
    case "not-json":
      return w.notJson(problem.path, problem.error);
    case "not-json-array":
      return w.notJsonArray(problem.path);
    case "not-json-object":
      return w.notJsonObject(problem.path);
    case "no-layer":
      return w.noLayer(problem.list, problem.layer);
    case "not-layer-id":
      return w.notLayerId(problem.path, problem.value === undefined ? "" : JSON.stringify(problem.value));
    case "container-without-layer":
      return w.containerWithoutLayer(problem.container, problem.list);
    case "container-layer-gone":
      return w.containerLayerGone(problem.container, problem.layer);
    case "container-other-driver":
      return w.containerOtherDriver(problem.container, problem.driver, problem.home);
    case "bundle-unreadable":
      return w.bundleUnreadable(problem.mountPoint);
    case "daemon-silent":
      return w.daemonUnknown(w.daemonSilent(problem.address, w.daemonStates[problem.state] ?? problem.state), problem.database);
    case "daemon-elsewhere":
      return w.daemonUnknown(w.daemonElsewhere(problem.address, problem.snapshots), problem.database);
    case "daemon-stopped":
      return w.daemonUnknown(w.daemonStopped(problem.error), problem.database);
  }
}
