// `inspect` with no TARGET, for a person: every overlay on the host, the largest first (what
// eats the disk comes first), under one line of totals, and a closing note naming the processes
// whose mount namespace could not be read. A layer that several mounts share (an image's layers
// under each of its containers, a bind mount of one overlay) is one directory on disk: the
// total counts it once, by its device and inode as the mount's own namespace reaches it.
import { lstatSync } from "node:fs";
import type { ChalkInstance } from "chalk";
import { hostPath, type ProcessName } from "../overlay/discover.js";
import { formatters, mountBytes } from "./human.js";
import { layout } from "./layout.js";
import type { MountReport } from "./report.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

export interface ReadMount {
  target: InspectTarget;
  report: MountReport;
}

export interface HostTotals {
  mounts: number;
  /** Every layer of every mount, each counted once. */
  bytes: number;
  /** Layers that more than one mount holds. */
  shared: number;
}

/** How many processes the unreadable-namespace note names before "and N more". */
const NAMED_PROCESSES = 3;

/** The largest first; mounts of the same size keep the order they were found in. */
export function bySize(mounts: readonly ReadMount[]): ReadMount[] {
  return [...mounts].sort((a, b) => mountBytes(b.report) - mountBytes(a.report));
}

/** A layer directory's identity on disk; its path in its namespace when it cannot be stat'ed. */
function identity(target: InspectTarget, dir: string): string {
  try {
    const stats = lstatSync(hostPath(target.namespace, dir));
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return `${target.namespace.inode}:${dir}`;
  }
}

export function hostTotals(mounts: readonly ReadMount[]): HostTotals {
  const holders = new Map<string, { bytes: number; mounts: number }>();
  for (const { target, report } of mounts) {
    const layers = [...report.layers, ...(report.upper === null ? [] : [report.upper])];
    // A mount that lists one directory twice holds it once.
    const own = new Map(layers.map((layer) => [identity(target, layer.dir), layer.bytes]));
    for (const [id, bytes] of own) {
      const holder = holders.get(id);
      if (holder === undefined) holders.set(id, { bytes, mounts: 1 });
      else holder.mounts++;
    }
  }
  let bytes = 0;
  let shared = 0;
  for (const holder of holders.values()) {
    bytes += holder.bytes;
    if (holder.mounts > 1) shared++;
  }
  return { mounts: mounts.length, bytes, shared };
}

export function hostTotalLine(totals: HostTotals, words: InspectWords, chalk: ChalkInstance, width: number | undefined): string {
  const { bytes, count } = formatters;
  const text = words.hostTotal(count(totals.mounts), bytes(totals.bytes), count(totals.shared));
  return `${layout([{ indent: 0, text, style: chalk.bold }], width)}\n\n`;
}

/** The closing note: overlays may hide in namespaces we could not read; say whose they are. */
export function namespacesNote(
  processes: readonly ProcessName[],
  root: boolean,
  words: InspectWords,
  chalk: ChalkInstance,
  width: number | undefined,
): string {
  const named = processes.slice(0, NAMED_PROCESSES).map((process) => words.process(process.pid, process.command));
  const who = words.processes(named, formatters.count(processes.length - named.length));
  const note = root ? words.hiddenNamespaces : words.hiddenNamespacesNotRoot;
  return `${layout([{ indent: 0, text: note(formatters.count(processes.length), who), style: chalk.yellow }], width)}\n`;
}
