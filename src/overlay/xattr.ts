// Extended attributes, the overlay's own notes in its layers: `overlay.opaque`, `overlay.origin`,
// `overlay.redirect`, `overlay.metacopy`, `overlay.impure`. Node cannot read xattrs; this module is
// the only importer of @napi-rs/xattr (prebuilt N-API binaries), which esbuild leaves out of the
// bundle so its `.node` binary loads from node_modules at run time. It is loaded on first use, so
// `--help` and lessons that never read an xattr do not pay for it.
//
// No call here follows a symlink. @napi-rs/xattr wraps the Rust `xattr` crate, whose get/list/set
// are the l*xattr calls (lgetxattr, llistxattr, lsetxattr; its `*_deref` variants, which this
// binding does not expose, follow). Verified on Linux 6.18: a symlink to a file with
// `user.test` lists nothing, and `trusted.*` set through the symlink's path lands on the symlink.
//
// What the kernel writes (Linux 6.18, trusted namespace, default mount options):
// - `rm -rf merged/d && mkdir merged/d` (d from lower): upper/d gets `overlay.opaque` = "y".
// - a copy-up (file or symlink): upper/<path> gets `overlay.origin`, a binary file handle of the
//   lower inode (struct ovl_fb: version 0, magic 0xfb, length, flags, type, uuid, fid).
// - upper's root: `overlay.impure` = "y" once it holds copied-up entries, and `overlay.uuid`.
// - `overlay.redirect` (a renamed lower directory, with redirect_dir=on) and `overlay.metacopy`
//   (a copy-up of metadata only, with metacopy=on) only with those mount options.
// - Since 6.8 (and 6.7.y), `overlay.opaque` = "x" marks a directory in a lower layer that is NOT
//   opaque but may hold "xwhiteouts" (entries carrying `overlay.whiteout`, a whiteout that can
//   itself be stored in an overlay, as composefs does), so the kernel must look for them there.
//   Only "y" makes a directory opaque.
// Under `-o userxattr` (unprivileged mounts) the same names live in the `user.` namespace.
import { lstatSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { arch, platform, version } from "node:process";
import type * as NapiXattr from "@napi-rs/xattr";

export type XattrNamespace = "trusted" | "user";

export interface OverlayXattrs {
  /** "y": an opaque directory. "x": a lower directory that may hold xwhiteouts (not opaque). */
  opaque?: string;
  /** Where a renamed directory came from: a path from the layer root ("/a/b") or a name. */
  redirect?: string;
  /** The file handle of the lower inode a copy-up came from, as hex of the raw bytes. */
  origin?: string;
  /** Only the metadata was copied up: the data is still read from a lower layer. */
  metacopy?: boolean;
  /** "y": a directory holding copied-up or renamed entries, whose inode numbers need care. */
  impure?: string;
}

type Binding = Pick<typeof NapiXattr, "getAttributeSync" | "listAttributesSync" | "setAttributeSync">;

let binding: Binding | undefined;

function native(): Binding {
  if (binding === undefined) {
    try {
      binding = createRequire(import.meta.url)("@napi-rs/xattr") as Binding;
    } catch (error) {
      throw new Error(
        `cannot load @napi-rs/xattr, the native module that reads extended attributes (${platform}-${arch}, Node ${version}): ` +
          "reinstall overlay-lesson with npm (with optional dependencies) so its prebuilt binary for this platform is installed",
        { cause: error },
      );
    }
  }
  return binding;
}

/** errno names for the numbers @napi-rs/xattr reports only inside its message: "… (os error 2)". */
const NOTHING_THERE = new Set(["ENOENT", "ENOTDIR", "ENOTSUP", "EOPNOTSUPP", "ENODATA"]);
const ERRNO_NAMES = new Map<number, string>(Object.entries(constants.errno).map(([name, number]) => [number, name]));

/** The errno name of a failure of @napi-rs/xattr (it throws GenericFailure with "(os error N)"). */
function errnoOf(error: unknown): string | undefined {
  const match = error instanceof Error ? /\(os error (\d+)\)/.exec(error.message) : null;
  return match?.[1] === undefined ? undefined : ERRNO_NAMES.get(Number(match[1]));
}

/** Names of every xattr on path (no follow); [] when the path is gone or has no xattr support. */
export function listXattrs(path: string): string[] {
  const { listAttributesSync } = native();
  try {
    return listAttributesSync(path);
  } catch (error) {
    if (NOTHING_THERE.has(errnoOf(error) ?? "")) return [];
    throw new Error(`cannot list the extended attributes of ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** The raw bytes of one xattr (no follow), or undefined: absent, vanished, unsupported, or unreadable. */
function readRaw(path: string, name: string): Buffer | undefined {
  // getAttributeSync turns every failure into null (the binding does `.ok().flatten()`).
  return native().getAttributeSync(path, name) ?? undefined;
}

function isText(value: Buffer): boolean {
  const text = value.toString("utf8");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
  return Buffer.from(text, "utf8").equals(value) && !/[\u0000-\u001f\u007f]/.test(text);
}

/**
 * The value of one named xattr (e.g. "trusted.overlay.opaque") on path itself (no follow), or
 * undefined. Text is returned as it is; a binary value (overlay.origin) as `0x` and hex, the way
 * `getfattr -e hex` prints it.
 */
export function readXattr(path: string, name: string): string | undefined {
  const value = readRaw(path, name);
  if (value === undefined) return undefined;
  return isText(value) ? value.toString("utf8") : `0x${value.toString("hex")}`;
}

/** The other namespace: where a stack made by the other kind of mount keeps its notes. */
const OTHER: Record<XattrNamespace, XattrNamespace> = { trusted: "user", user: "trusted" };

/**
 * One of overlay's notes (`key`: "opaque", "redirect", "metacopy", …) on path itself, in
 * `namespace` first, else in the other one: a stack is read whoever made it (a rootless podman's
 * layers, user.overlay.*, read by root from its store; a root-made stack read for a userxattr
 * mount's lower). Costs a second lgetxattr only where the first finds nothing.
 */
export function readOverlayXattr(path: string, key: string, namespace: XattrNamespace): string | undefined {
  return readXattr(path, `${namespace}.overlay.${key}`) ?? readXattr(path, `${OTHER[namespace]}.overlay.${key}`);
}

/**
 * The overlay.* xattrs of path, in the namespace or else the other; never follows a symlink (returns {} for a
 * symlink); {} when none, unsupported, or vanished. Synchronous.
 *
 * A symlink is skipped after lstat because a copied-up symlink carries its own overlay.origin,
 * which is not what a caller asking about "the file at this path" wants. The lstat is not what
 * keeps a symlink from being followed (the l*xattr calls do that): if the path is swapped for a
 * symlink between the lstat and the read, the worst case is that symlink's own xattrs.
 */
export function readOverlayXattrs(path: string, namespace: XattrNamespace): OverlayXattrs {
  try {
    if (lstatSync(path).isSymbolicLink()) return {};
  } catch (error) {
    if (error instanceof Error && "code" in error && NOTHING_THERE.has(String(error.code))) return {};
    throw error;
  }
  const names = listXattrs(path);
  const preferred = `${namespace}.overlay.`;
  const prefix = names.some((name) => name.startsWith(preferred)) ? preferred : `${OTHER[namespace]}.overlay.`;
  const xattrs: OverlayXattrs = {};
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const value = readRaw(path, name);
    if (value === undefined) continue; // removed since the listing
    switch (name.slice(prefix.length)) {
      case "opaque":
        xattrs.opaque = value.toString("utf8");
        break;
      case "redirect":
        xattrs.redirect = value.toString("utf8");
        break;
      case "origin":
        xattrs.origin = value.toString("hex");
        break;
      case "metacopy":
        // Empty, or (with verity) a digest of the lower data: its presence is what matters.
        xattrs.metacopy = true;
        break;
      case "impure":
        xattrs.impure = value.toString("utf8");
        break;
    }
  }
  return xattrs;
}

/**
 * Set one xattr on path itself (lsetxattr: a symlink gets it, never what it points to), as
 * `setfattr -h -n NAME -v VALUE` does: how a tool that builds layers (composefs's mkcomposefs)
 * writes overlay's notes where the kernel did not. Throws with the path and the errno's message.
 */
export function writeXattr(path: string, name: string, value: string): void {
  try {
    native().setAttributeSync(path, name, value);
  } catch (error) {
    throw new Error(`cannot set ${name} on ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
