// What overlayfs does on this kernel when a mount does not say: the module's defaults
// (/sys/module/overlay/parameters/*: redirect_dir, index, metacopy, xino_auto, nfs_export, …), and
// the options the overlays mounted here were given. doctor shows both: whether `mv` of an image's
// directory copies it up, whether a chown copies a whole file, whether hard links hold, is decided
// there, and engines mount with their own (podman's metacopy=on, containerd's index=off).
import { readdirSync, readFileSync } from "node:fs";
import { release } from "node:os";
import { type DiscoveredOverlay, discoverOverlays } from "./discover.js";

const PARAMETERS = "/sys/module/overlay/parameters";

/** The parameters that change what a layer holds, in the order doctor explains them. */
export const EXPLAINED = ["redirect_dir", "metacopy", "index", "xino_auto"] as const;
export type ExplainedParameter = (typeof EXPLAINED)[number];

export interface OverlayDefaults {
  kernel: string;
  /** Each parameter's value as the kernel shows it ("Y", "N", "256"); empty when the module is not loaded. */
  parameters: Record<string, string>;
}

export function overlayDefaults(directory = PARAMETERS): OverlayDefaults {
  const parameters: Record<string, string> = {};
  let names: string[] = [];
  try {
    names = readdirSync(directory).sort();
  } catch {
    // Not loaded yet (it loads on the first overlay mount), or no /sys: nothing to say.
  }
  for (const name of names) {
    try {
      parameters[name] = readFileSync(`${directory}/${name}`, "utf8").trim();
    } catch {
      // A parameter only root may read: left out.
    }
  }
  return { kernel: release(), parameters };
}

/** Is a Y/N parameter on? */
export const isOn = (value: string | undefined): boolean => value === "Y" || value === "y" || value === "1";

const defaultsRead = new Map<string, boolean>();

/** Is the module's default for `parameter` on (read once per run)? Off where it cannot be read. */
export function defaultOn(parameter: string, directory = PARAMETERS): boolean {
  const path = `${directory}/${parameter}`;
  let on = defaultsRead.get(path);
  if (on === undefined) {
    try {
      on = isOn(readFileSync(path, "utf8").trim());
    } catch {
      on = false;
    }
    defaultsRead.set(path, on);
  }
  return on;
}

/**
 * Is metacopy in effect on `overlay`? The kernel shows `metacopy=` in mountinfo only where it
 * differs from the module's default (ovl_show_options), so a mount that says nothing has the
 * default; data-only layers are reached through metacopy files whatever it says.
 */
export function metacopyInEffect(overlay: Pick<DiscoveredOverlay, "options" | "dataLower">, directory = PARAMETERS): boolean {
  const said = overlay.options.metacopy;
  return said === "on" || (said === undefined && defaultOn("metacopy", directory)) || overlay.dataLower.length > 0;
}

/** An overlay's own options, as mount shows them: every one but the layer directories and rw, sorted. */
export function mountOptionsOf(overlay: Pick<DiscoveredOverlay, "options">): string {
  return Object.entries(overlay.options)
    .filter(([key]) => key !== "rw")
    .map(([key, value]) => (value === "" ? key : `${key}=${value}`))
    .sort()
    .join(",");
}

/** Every overlay mounted here (in every namespace that could be read). */
export function mountedOverlays(): DiscoveredOverlay[] {
  return discoverOverlays().overlays;
}
