// Which layers are in use now: the upper directory of every overlay mounted on this host, in every
// mount namespace (a rootless user's are only in theirs). A store's files say which container
// owns a layer; only the mounts say whether it is mounted. A store beneath --root DIR has none:
// nothing on a disk read from elsewhere runs here.
import { discoverOverlays } from "../overlay/discover.js";
import type { StoreOnDisk } from "./adapter.js";

/** A path as overlay mounts and stores both write it: no trailing slash. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** The upper dirs of `overlays` (discovery's), as one set. */
export function uppersOf(overlays: ReadonlyArray<{ upper?: string | undefined }>): Set<string> {
  return new Set(overlays.flatMap((overlay) => (overlay.upper === undefined ? [] : [withoutTrailingSlash(overlay.upper)])));
}

/** For a reader not told what is mounted: this host's mounts for a store of this host, none beneath another root. */
export function mountedFor(store: StoreOnDisk, mounted: ReadonlySet<string> | undefined): ReadonlySet<string> {
  if (mounted !== undefined) return mounted;
  return store.under === undefined || store.under === "/" ? uppersOf(discoverOverlays().overlays) : new Set();
}
