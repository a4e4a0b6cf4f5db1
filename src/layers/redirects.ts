// Renamed directories. With redirect_dir=on (and under metacopy=on, which turns it on), renaming a
// directory the image holds copies nothing: the upper gets a directory of the new name carrying
// `overlay.redirect` = where its contents still are (a name beside it, or a path from the root),
// and a whiteout at the old name (the kernel's Documentation/filesystems/overlayfs.rst,
// "Renaming directories"). Walked naively, that reads as the old directory deleted, hiding all its
// bytes, and a new empty one: wrong twice. So before the walk, the upper's directories are read
// for their redirect marks (directories only: a listing each, and one lgetxattr), which tells the
// walk, for each renamed directory, where its contents are in the layers below, and which lower
// paths were moved away (and are no longer where they were).
//
// Only the upper's marks are read: image layers come from tar files, which hold none. Where a
// renamed directory's source is, in each lower layer, is looked up from that layer's root; an
// opaque directory above the source in a higher lower layer (which would stop the kernel's
// lookup) is not looked for.
import { readOverlayXattr, type XattrNamespace } from "../overlay/xattr.js";
import { PathOpener } from "./paths.js";

export interface Redirects {
  /** Per renamed directory (its merged path): where its contents are in the layers below. */
  sourceOf: ReadonlyMap<string, string>;
  /** The lower paths that were renamed away: no longer there in the merged view. */
  moved: ReadonlySet<string>;
  /** Per merged directory: the names in it that are renamed directories. */
  renamedIn: ReadonlyMap<string, readonly string[]>;
}

const join = (parent: string, name: string): string => (parent === "" ? name : `${parent}/${name}`);
const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf("/")));

/** The redirects of these renamed directories ([merged path, source in the layers below]). */
export function redirectsOf(pairs: ReadonlyArray<readonly [string, string]>): Redirects {
  const renamedIn = new Map<string, string[]>();
  for (const [merged] of pairs) {
    const names = renamedIn.get(parentOf(merged)) ?? [];
    names.push(merged.slice(merged.lastIndexOf("/") + 1));
    renamedIn.set(parentOf(merged), names);
  }
  return { sourceOf: new Map(pairs), moved: new Set(pairs.map(([, source]) => source)), renamedIn };
}

export const NO_REDIRECTS: Redirects = redirectsOf([]);

/** Where a redirect points, relative to the lower layers' roots: a name beside `lowerParent`, or a path from the root. */
export function redirectTarget(lowerParent: string, redirect: string): string {
  return redirect.startsWith("/") ? redirect.replace(/^\/+/, "") : join(lowerParent, redirect);
}

/** Where the layers below hold merged path `merged`: under the nearest renamed directory's source. */
export function lowerPath(redirects: Redirects, merged: string): string {
  if (redirects.sourceOf.size === 0) return merged;
  for (let end = merged.length; end > 0; end = merged.lastIndexOf("/", end - 1)) {
    const source = redirects.sourceOf.get(merged.slice(0, end));
    if (source !== undefined) return source + merged.slice(end);
  }
  return merged;
}

/** Read the renamed directories of `upper` (its directories only, never through a symlink). */
export function findRedirects(upper: string, namespace: XattrNamespace): Redirects {
  const pairs: Array<[string, string]> = [];
  const paths = new PathOpener();
  // Each directory with its merged path and where the layers below hold its contents.
  const pending: Array<[string, string]> = [["", ""]];
  try {
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [merged, lower] = next;
      const dir = merged === "" ? upper : `${upper}/${merged}`;
      let listed: ReturnType<PathOpener["list"]>;
      try {
        listed = paths.list(dir);
      } catch {
        continue; // unreadable or vanished: the walk reports it
      }
      for (let at = 0; at < listed.entries.length; at++) {
        const child = listed.names[at];
        if (child === undefined || listed.entries[at]?.isDirectory() !== true) continue;
        const redirect = readOverlayXattr(`${paths.xattrPath(dir)}/${child}`, "redirect", namespace);
        const childLower = redirect === undefined ? join(lower, child) : redirectTarget(lower, redirect);
        if (redirect !== undefined) pairs.push([join(merged, child), childLower]);
        pending.push([join(merged, child), childLower]);
      }
    }
  } finally {
    paths.close();
  }
  return redirectsOf(pairs);
}
