// `inspect --summary` and the head of `inspect` with no TARGET: the host summary, from every
// store's own files (runtime/stores.ts readStoresUnder), counted with the images shared with the mounts' reports
// (a container read for its report is not read again here).
import type { SharedImages } from "../../layers/shared-image.js";
import { discoverOverlays, hostPath } from "../../overlay/discover.js";
import { readStoresUnder, type StoreContents, uppersOf } from "../../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import type { ReadMount } from "../host.js";
import { targetsUnderRoot } from "../stored-targets.js";
import type { InspectWords } from "../words/index.js";
import { countHost, type HostCount, type KnownContainer } from "./count.js";

export interface SummaryRun {
  /** "/", or --root DIR. */
  root: string;
  images: SharedImages;
  top: number;
  /** The stores, read already (inspect with no TARGET read them to find its targets). */
  stores: readonly StoreContents[];
  /** Mounts read already: their containers' figures are taken from their reports. */
  read?: readonly ReadMount[];
}

/** What `--summary` cannot go with: a TARGET or --image (one thing is inspected, or the host). */
export function checkSummaryFlags(target: string | undefined, image: string | undefined, words: InspectWords): void {
  const other = target ?? (image === undefined ? undefined : `--image ${image}`);
  if (other !== undefined) throw new ExitError(EXIT_USAGE, words.summary.notWith(other));
}

function knownContainers(read: readonly ReadMount[]): Map<string, KnownContainer> {
  const known = new Map<string, KnownContainer>();
  for (const { target, report } of read) {
    if (target.upper === undefined || report.upper === null || report.partial) continue;
    const figures: KnownContainer = { upper: report.upper, layers: report.layers, containerHiddenBytes: report.containerHiddenBytes };
    // The store names the upper as the host sees it; a rootless mount's namespace may see it elsewhere.
    known.set(target.upper, figures);
    known.set(hostPath(target.namespace, target.upper), figures);
  }
  return known;
}

/** Every store of this host (or beneath --root DIR), with which of its containers run now. */
export async function storesToSummarize(root: string | undefined, words: InspectWords): Promise<StoreContents[]> {
  // Beneath --root, as inspect --root reads them (refusing a DIR that holds no store).
  if (root !== undefined) return (await targetsUnderRoot(root, undefined, words)).stores ?? [];
  return readStoresUnder("/", uppersOf(discoverOverlays().overlays));
}

/**
 * The summary (with who holds each layer, for the HTML page), the directories that could not be
 * read for it, and under --root the layers its stores list that are not on disk.
 */
export async function readHostSummary(run: SummaryRun): Promise<HostCount & { unreadable: string[]; missing: string[] }> {
  // Each once: an image's layers are read for the image and for each container of it.
  const unreadable = new Set<string>();
  const missing = new Set<string>();
  const counted = await countHost(run.stores, {
    root: run.root,
    images: run.images,
    top: run.top,
    known: knownContainers(run.read ?? []),
    onUnreadable: (dir, code) => {
      // On a live host a directory gone since the store was read was removed meanwhile (a
      // container or image removed): not a failure. A disk under --root is at rest: a layer its
      // store lists and that is not there is missing, and its bytes are not counted.
      if (code !== "ENOENT") unreadable.add(`${dir} (${code})`);
      else if (run.root !== "/") missing.add(dir);
    },
  });
  return { ...counted, unreadable: [...unreadable], missing: [...missing] };
}
