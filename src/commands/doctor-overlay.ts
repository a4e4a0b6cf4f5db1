// doctor's part about overlayfs itself: the kernel's defaults for what a mount does not say, and
// the options the overlays mounted on this host were given, grouped by the store they belong to
// (so a learner sees podman's metacopy=on beside a kernel whose default is off).

import { formatCount } from "../i18n/format.js";
import type { Messages } from "../i18n/index.js";
import { EXPLAINED, isOn, mountedOverlays, mountOptionsOf, overlayDefaults } from "../overlay/features.js";
import { classifyStore } from "../runtime/index.js";

export interface OverlayReport {
  kernel: string;
  parameters: Record<string, string>;
  /** Per store kind and option set: how many overlays were mounted so. */
  mounts: Array<{ store: string; options: string; count: number }>;
}

export function readOverlayReport(): OverlayReport {
  const { kernel, parameters } = overlayDefaults();
  const counts = new Map<string, { store: string; options: string; count: number }>();
  for (const overlay of mountedOverlays()) {
    const store = classifyStore(overlay).kind;
    const options = mountOptionsOf(overlay);
    const key = `${store}\0${options}`;
    const entry = counts.get(key) ?? { store, options, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const mounts = [...counts.values()].sort((a, b) => b.count - a.count || a.store.localeCompare(b.store));
  return { kernel, parameters, mounts };
}

/** The report as doctor's lines: a title, then each a line of its own. */
export function overlayLines(t: Messages, report: OverlayReport): Array<{ title: boolean; text: string }> {
  const lines: Array<{ title: boolean; text: string }> = [{ title: true, text: t.doctor.overlayTitle(report.kernel) }];
  const names = Object.keys(report.parameters);
  if (names.length === 0) lines.push({ title: false, text: t.doctor.overlayNotLoaded });
  for (const name of EXPLAINED) {
    if (report.parameters[name] !== undefined)
      lines.push({ title: false, text: t.doctor.overlayFeature[name](isOn(report.parameters[name])) });
  }
  if (names.length > 0) {
    lines.push({ title: false, text: t.doctor.overlayParameters(names.map((name) => `${name}=${report.parameters[name]}`).join(" ")) });
  }
  lines.push({ title: true, text: t.doctor.mountsTitle });
  if (report.mounts.length === 0) lines.push({ title: false, text: t.doctor.noMounts });
  for (const mount of report.mounts) {
    // "plain" is --json's kind for an overlay in no store we know: said in words here.
    const store = mount.store === "plain" ? t.doctor.plainStore : mount.store;
    lines.push({ title: false, text: t.doctor.mountsOf(store, formatCount(mount.count), mount.options) });
  }
  return lines;
}
