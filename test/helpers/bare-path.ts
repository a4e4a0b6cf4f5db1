// A PATH that holds only what a minimal Debian or Ubuntu install has for sure: util-linux, mount,
// coreutils, findutils and dash, each program linked into a directory of the suite's. A lesson run
// with it proves it needs nothing else (no attr, no tmux, no runtime), whatever this machine has.
import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { findProgram } from "../../src/sys/host.js";

export const MINIMAL_PACKAGES = ["util-linux", "mount", "coreutils", "findutils", "dash"] as const;

/** Why a bare PATH cannot be made here (no dpkg to say what the packages hold), or undefined. */
export function barePathReason(): string | undefined {
  return findProgram("dpkg") === undefined
    ? "dpkg is not here to list what util-linux and coreutils install (a Debian or Ubuntu machine has it)"
    : undefined;
}

/** A directory of links to the programs of MINIMAL_PACKAGES (`sh` among them), for PATH. */
export function makeBarePath(): string {
  const listed = spawnSync("dpkg", ["-L", ...MINIMAL_PACKAGES], { encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`dpkg -L ${MINIMAL_PACKAGES.join(" ")} failed: ${listed.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), "ol-bare-path-"));
  const seen = new Set<string>();
  for (const path of listed.stdout.split("\n")) {
    if (!/\/s?bin\/[^/]+$/.test(path)) continue;
    const name = basename(path);
    if (seen.has(name) || findProgram(name, path.slice(0, -name.length - 1)) === undefined) continue;
    seen.add(name);
    symlinkSync(path, join(dir, name));
  }
  return dir;
}
