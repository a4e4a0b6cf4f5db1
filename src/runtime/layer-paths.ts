// What the store layouts share: a layer directory read from its path, and read-only looks at the
// disk where two layouts share a shape. Never a write, never a followed symlink (lstat).
import { lstatSync } from "node:fs";
import { hostPath, type MountNamespace } from "../overlay/namespaces.js";

/** `<home>/<id>/diff`, `<home>/<id>/diff1` …: the layer dirs of docker's overlay2 and of containers-storage's overlay. */
const DRIVER_LAYER = /^(.+)\/([^/]+)\/diff(\d*)$/;

export interface DriverLayer {
  home: string;
  id: string;
  /** "" for `diff`, "1" for `diff1` (containers-storage's extra diffs of one layer). */
  diffNumber: string;
}

/** A graph driver's layer dir; undefined for anything else, and for the short links' own `l/` dir. */
export function driverLayer(path: string): DriverLayer | undefined {
  const [, home, id, diffNumber] = DRIVER_LAYER.exec(path) ?? [];
  if (home === undefined || id === undefined || diffNumber === undefined || id === "l") return undefined;
  return { home, id, diffNumber };
}

/** A directory (not a symlink to one) at `path` as `namespace` sees it. */
export function isDirectoryIn(namespace: MountNamespace, path: string): boolean {
  return isDirectory(hostPath(namespace, path));
}

/** A directory (not a symlink to one) at `path` here. */
export function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
