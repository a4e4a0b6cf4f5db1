// Overlay xattrs in tests, apart from the program's own reader (src/overlay/xattr.ts). Fixtures
// are written with lsetxattr, the call setfattr -h makes, so that making a stack needs no attr
// package. Checks read them back with getfattr where attr is installed, an independent program
// (a broken one fails the suite, as it should), and else with lgetxattr through the native binding
// directly, without the program's parsing: a fresh machine still checks every xattr.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import type * as NapiXattr from "@napi-rs/xattr";

const binding = createRequire(import.meta.url)("@napi-rs/xattr") as typeof NapiXattr;

const getfattrInstalled = spawnSync("getfattr", ["--version"], { stdio: "ignore" }).status === 0;

/** lsetxattr(path, name, value): never through a symlink. */
export function setXattr(path: string, name: string, value: string): void {
  binding.setAttributeSync(path, name, value);
}

/** The xattr's value as text, or undefined when the entry has none of that name. */
export function readXattr(path: string, name: string): string | undefined {
  if (!getfattrInstalled) return binding.getAttributeSync(path, name)?.toString("utf8") ?? undefined;
  const probe = spawnSync("getfattr", ["--only-values", "--no-dereference", "-n", name, path], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout : undefined;
}

/** Who read the xattrs, for the messages of failed checks. */
export const XATTR_READER = getfattrInstalled ? "getfattr" : "lgetxattr (getfattr is not installed: apt-get install attr)";
