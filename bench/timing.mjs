// Timing whole processes for the benchmarks: alternating runs so that drift hits both sides
// alike, medians with their spread, and the ratio of medians (and of minimums) against a baseline
// measured in the same run. Shared by bench/run.mjs and bench/inspect-image.mjs.
import { spawnSync } from "node:child_process";

/**
 * One run's wall time, in ms. `flush`: start from a flushed disk (untimed), for disk-heavy runs.
 * `env`: the child's environment (podman's CONTAINERS_CONF).
 */
export function timeOnce(argv, { flush = false, env = process.env } = {}) {
  // Disk-heavy runs start from a flushed disk (untimed), so that one run's writeback and
  // freed blocks do not land inside the next run's fsyncs.
  if (flush) {
    spawnSync("sync");
    // Then wait long enough to be past the short window right after a sync in which this VM's
    // disk is briefly fast: a bare script that starts its first write within ~50 ms of the sync
    // lands in it and a Node process (which needs 50 ms to start) never does, which measured
    // Node's start-up as 400 ms of disk time (a bare script delayed by 0.1 s ran 0.4 s slower).
    spawnSync("sleep", ["2"]);
  }
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value) {
  return Math.round(value * 100) / 100;
}

/** `count` alternating pairs of subject and baseline; prints and returns the row (`target` undefined: a reference row, no target). */
export function pairs(name, subject, baseline, count, target, { flush = false, env = process.env, extra = {} } = {}) {
  timeOnce(subject, { flush, env });
  timeOnce(baseline, { flush, env }); // warm both: page cache, dynamic linker, node's code cache
  const a = [];
  const b = [];
  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
      a.push(timeOnce(subject, { flush, env }));
      b.push(timeOnce(baseline, { flush, env }));
    } else {
      b.push(timeOnce(baseline, { flush, env }));
      a.push(timeOnce(subject, { flush, env }));
    }
  }
  const ratio = median(a) / median(b);
  const row = {
    name,
    pairs: count,
    ...extra,
    subjectMs: round(median(a)),
    subjectRangeMs: [round(Math.min(...a)), round(Math.max(...a))],
    baselineMs: round(median(b)),
    baselineRangeMs: [round(Math.min(...b)), round(Math.max(...b))],
    ratio: round(ratio),
    minRatio: round(Math.min(...a) / Math.min(...b)),
    target: target ?? null,
    ok: target === undefined || ratio <= target,
  };
  const mark = target === undefined ? "·" : row.ok ? "✓" : "✗";
  const goal = target === undefined ? "a reference, no target" : `target ≤ ${target}`;
  console.log(
    `${mark} ${name.padEnd(33)} ${row.subjectMs} ms [${row.subjectRangeMs.join("–")}] vs ${row.baselineMs} ms [${row.baselineRangeMs.join("–")}]  ratio ${row.ratio.toFixed(2)} (${goal}), of minimums ${row.minRatio.toFixed(2)}`,
  );
  return row;
}

/**
 * Until the returned function is called, SIGINT, SIGTERM and SIGHUP end the bench with their
 * exit codes, after `cleanUp` (what a bench made and must not leave: a signal's exit skips the
 * finally blocks of the code it interrupts).
 */
export function exitOnSignals(cleanUp = () => undefined) {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const onSignal = (signal) => {
    cleanUp();
    process.exit(codes[signal]);
  };
  for (const signal of Object.keys(codes)) process.on(signal, onSignal);
  return () => {
    for (const signal of Object.keys(codes)) process.off(signal, onSignal);
  };
}
