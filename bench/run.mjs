// Whole-process benchmarks (`npm run bench`): each lesson against a bare shell script doing the
// same kernel work, timed in alternating pairs (A B, then B A, …) so that drift hits both
// sides alike, reported as the ratio of medians. Timing never happens in tests.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const node = process.execPath;

if (process.getuid?.() !== 0) {
  console.error("bench: mount-demo and cow-demo mount overlays: run as root (sudo npm run bench)");
  process.exit(2);
}

function timeOnce(argv) {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function pairs(name, subject, baseline, count, target) {
  timeOnce(subject);
  timeOnce(baseline); // warm both: page cache, dynamic linker, node's code cache
  const a = [];
  const b = [];
  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
      a.push(timeOnce(subject));
      b.push(timeOnce(baseline));
    } else {
      b.push(timeOnce(baseline));
      a.push(timeOnce(subject));
    }
  }
  const ratio = median(a) / median(b);
  const row = {
    name,
    pairs: count,
    subjectMs: round(median(a)),
    baselineMs: round(median(b)),
    ratio: round(ratio),
    target,
    ok: ratio <= target,
  };
  console.log(
    `${row.ok ? "✓" : "✗"} ${name.padEnd(34)} ${String(row.subjectMs).padStart(9)} ms vs ${String(row.baselineMs).padStart(9)} ms  ratio ${row.ratio.toFixed(2)} (target ≤ ${target})`,
  );
  return row;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

/** Peak RSS of the node process (KiB): GNU time when present, else VmHWM polled from /proc. */
async function peakRss(argv) {
  if (existsSync("/usr/bin/time")) {
    const result = spawnSync("/usr/bin/time", ["-f", "%M", ...argv], { stdio: ["ignore", "ignore", "pipe"] });
    const lines = result.stderr.toString().trim().split("\n");
    return Number(lines.at(-1));
  }
  return new Promise((resolvePromise) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: "ignore" });
    let peak = 0;
    const timer = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peak = Math.max(peak, Number(match[1]));
      } catch {}
    }, 20);
    child.on("exit", () => {
      clearInterval(timer);
      resolvePromise(peak);
    });
  });
}

const parent = mkdtempSync(join(tmpdir(), "ol-bench-"));
try {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${tmpdir()} on this machine's disk`,
  );
  const rows = [];
  rows.push(pairs("--help vs node -e 0", [node, cli, "--help"], [node, "-e", "0"], 21, 1.3));
  rows.push(
    pairs(
      "mount-demo --yes --json vs bare",
      [node, cli, "mount-demo", "--yes", "--json", "--dir", parent],
      ["bash", join(root, "bench/bare-mount-demo.sh"), parent],
      11,
      2.5,
    ),
  );
  rows.push(
    pairs(
      "cow-demo 256M --trials 1 vs bare",
      [node, cli, "cow-demo", "--yes", "--json", "--size", "256M", "--trials", "1", "--dir", parent],
      ["bash", join(root, "bench/bare-cow-demo.sh"), parent, "256", "1"],
      7,
      1.2,
    ),
  );
  const rssKiB = await peakRss([node, cli, "cow-demo", "--yes", "--json", "--size", "1G", "--trials", "1", "--dir", parent]);
  const rss = { name: "cow-demo --size 1G peak RSS", mib: round(rssKiB / 1024), target: 100, ok: rssKiB / 1024 <= 100 };
  console.log(`${rss.ok ? "✓" : "✗"} ${rss.name.padEnd(34)} ${rss.mib} MiB (target ≤ ${rss.target} MiB)`);
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/latest.json"), `${JSON.stringify({ date: new Date().toISOString(), rows, rss }, null, 2)}\n`);
} finally {
  rmSync(parent, { recursive: true, force: true });
}
