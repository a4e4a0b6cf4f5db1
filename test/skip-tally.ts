// The run's last line: how many tests were skipped, and why, grouped by reason, e.g.
//   skipped 38 of 420 tests: 27 podman is not installed (apt-get install podman runc busybox-static); 11 tmux is not installed (apt-get install tmux)
// Reasons come from test/helpers/needs.ts (a suite skipped for what the machine lacks) and from a
// test's own `skip(note)`; a skip with neither says so, so that no skip goes unexplained.
import type { Reporter, TestCase, TestModule, TestSuite } from "vitest/node";
import type { SkipRecord } from "./helpers/needs.js";
import { readRecords, SUITE_DIR_VARIABLE } from "./helpers/suite.js";

/** The names of the suites a test is in, innermost first. */
function suitesOf(test: TestCase): string[] {
  const names: string[] = [];
  for (let parent: TestCase["parent"] | TestSuite["parent"] = test.parent; parent.type === "suite"; parent = parent.parent)
    names.push(parent.name);
  return names;
}

export default class SkipTally implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const dir = process.env[SUITE_DIR_VARIABLE];
    const bySuite = new Map(
      (dir === undefined ? [] : readRecords<SkipRecord>("skips", dir)).map((record) => [record.suite, record.reason]),
    );
    const byReason = new Map<string, number>();
    let total = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        total++;
        const result = test.result();
        // Skipped, or never started ("pending": a test of a suite nested in a skipped one): not run either way.
        if (result.state === "passed" || result.state === "failed") continue;
        // The outermost skipped suite is why: a suite inside it (tmux's, in podman's) never ran for its own reason.
        const suite = suitesOf(test)
          .reverse()
          .find((name) => bySuite.has(name));
        const reason =
          (result.state === "skipped" ? result.note : undefined) ??
          (suite === undefined ? undefined : bySuite.get(suite)) ??
          "skipped in its test file, without a reason";
        byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      }
    }
    const skipped = [...byReason.values()].reduce((sum, count) => sum + count, 0);
    if (skipped === 0) {
      process.stdout.write(`\nskipped none of ${total} tests: every suite ran\n`);
      return;
    }
    const reasons = [...byReason].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${count} ${reason}`);
    process.stdout.write(`\nskipped ${skipped} of ${total} tests: ${reasons.join("; ")}\n`);
  }
}
