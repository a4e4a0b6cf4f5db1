// The host summary (`inspect --summary`): what eats this host's disk, store by store, image by
// image, container by container, and what nothing uses. Its --json is one object of this shape
// (README: "inspect --summary --json"); every figure is counted from the layers on disk (a
// layer's files once, however many images and containers hold it), none asked of a runtime.
import type { ClosedStore, PodRef, RuntimeName, StoreProblem } from "../../runtime/index.js";

export interface SummaryStore {
  runtime: RuntimeName;
  /** Where the runtime keeps everything (docker's data-root, a graphroot, containerd's root). */
  root: string;
  driver: string;
  /** Whose store it is: null for root's, else the user's name. */
  owner: string | null;
  /** The data its layers hold (each layer once). */
  bytes: number;
  /** What its layers take on disk, as du counts (each inode once per layer). */
  diskBytes: number;
  layers: number;
  /** Said of a vfs store: each container a full copy of its image. */
  fullCopies: boolean;
  /** What the store's own files could not tell, as data (`kind`, and the file): inspect/store-problems.ts words it. */
  problems: StoreProblem[];
}

export interface SummaryImage {
  runtime: RuntimeName;
  /** Its first name, or null for an untagged image. */
  name: string | null;
  id: string;
  layers: number;
  /** The data its layers hold, hidden or not: what pulling it stored. */
  bytes: number;
  diskBytes: number;
  /** Of `bytes`, what layers that other images use too hold. */
  sharedBytes: number;
  /** `bytes − sharedBytes`: what removing the image alone would free. */
  uniqueBytes: number;
  /** The same two on disk (st_blocks): what the screen shows. */
  sharedDiskBytes: number;
  uniqueDiskBytes: number;
  /** Bytes its own later layers hide (`RUN rm` in a later step). */
  hiddenBytes: number;
  /** The names of its containers. */
  containers: string[];
}

export interface SummaryContainer {
  runtime: RuntimeName;
  id: string;
  name: string;
  image: string;
  state: "running" | "stopped";
  pod: PodRef | null;
  /** What its writable layer holds. */
  writableBytes: number;
  writableDiskBytes: number;
  /** Bytes of its image it hides (copy-ups, deletes). */
  hiddenBytes: number;
}

export interface UnusedLayers {
  count: number;
  bytes: number;
  diskBytes: number;
  /** The runtimes' own commands that would reclaim them: printed, never run. */
  reclaim: string[];
}

export interface HostSummary {
  type: "host";
  /** Where the stores were looked for: "/" for this host, else the --root DIR (a disk from elsewhere). */
  root: string;
  stores: SummaryStore[];
  images: SummaryImage[];
  containers: SummaryContainer[];
  unusedLayers: UnusedLayers;
  /** System stores that are there but that this user may not look into: nothing of them is counted above. */
  closedStores: ClosedStore[];
  totals: {
    stores: number;
    images: number;
    containers: number;
    running: number;
    stopped: number;
    bytes: number;
    diskBytes: number;
    writableBytes: number;
    /** What the images' own later layers hide, each byte once where one image is the bottom of another. */
    imageHiddenBytes: number;
    /** Two images that only share a base both hide bytes: the same base file may be in imageHiddenBytes twice. */
    imageHiddenMayRepeat: boolean;
    containerHiddenBytes: number;
  };
}
