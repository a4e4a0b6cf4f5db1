// Memory of a host-wide inspect (part 13: ≤ 300 MiB peak for 100 containers over 10 images of
// 30,000 files each): 10 image layers of 30,000 files, 100 overlay mounts over them (10 a layer),
// each with an upper of 200 files of its own and a whiteout, then `inspect --json` of the whole
// host under GNU time (peak RSS), and its time against `inspect ONE --json` (the shared image
// counts: all 100 must not cost 100 walks). Plain overlays, no runtime; everything is made under
// one directory and removed on every way out.
//   node bench/host-memory.mjs        the row alone (root)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "dist/overlay-lesson.js");
const IMAGES = 10;
const FILES = 30_000;
const PER_IMAGE = 10;

function makeImage(dir, image) {
  for (let directory = 0; directory < FILES / 100; directory++) {
    const path = join(dir, `d${directory}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < 100; file++) writeFileSync(join(path, `f${file}`), `${image}:${directory}:${file}\n`.repeat(4));
  }
}

function peak(argv) {
  const result = spawnSync("/usr/bin/time", ["-f", "%M %e", ...argv], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  const [kib, seconds] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { mib: Math.round(kib / 102.4) / 10, seconds, lines: result.stdout.trim().split("\n").length };
}

export function hostMemoryRow() {
  const parent = mkdtempSync("/var/tmp/ol-bench-memory-");
  const mounts = [];
  try {
    for (let image = 0; image < IMAGES; image++) {
      const lower = join(parent, `image${image}`);
      makeImage(lower, image);
      for (let index = 0; index < PER_IMAGE; index++) {
        const base = join(parent, `c${image}-${index}`);
        const [upper, work, merged] = ["upper", "work", "merged"].map((name) => join(base, name));
        for (const dir of [upper, work, merged]) mkdirSync(dir, { recursive: true });
        execFileSync("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${lower},upperdir=${upper},workdir=${work}`, merged]);
        mounts.push(merged);
        mkdirSync(join(merged, "own"));
        for (let file = 0; file < 200; file++) writeFileSync(join(merged, "own", `w${file}`), `${index}\n`);
        rmSync(join(merged, "d0", "f0"));
      }
    }
    const all = peak([process.execPath, cli, "inspect", "--json"]);
    const one = peak([process.execPath, cli, "inspect", mounts[0], "--json"]);
    const row = {
      name: "inspect --json, 100 overlays over 10 images of 30,000 files",
      mounts: all.lines,
      peakMiB: all.mib,
      seconds: all.seconds,
      oneSeconds: one.seconds,
      oneMiB: one.mib,
      target: 300,
      ok: all.mib <= 300,
    };
    console.log(
      `${row.ok ? "✓" : "✗"} ${row.name}: peak ${row.peakMiB} MiB (target ≤ 300), ${row.seconds} s; one of them ${row.oneSeconds} s, ${row.oneMiB} MiB`,
    );
    return row;
  } finally {
    for (const merged of mounts) spawnSync("umount", [merged]);
    rmSync(parent, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.getuid?.() !== 0) {
    console.error("bench: the memory row mounts overlays: run as root");
    process.exit(2);
  }
  console.log(JSON.stringify(hostMemoryRow()));
}
