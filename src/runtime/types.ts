// The shapes the rest of the program sees of a runtime's containers and images, whichever adapter
// found them. docker's and podman's CLIs answer in JSON that differs in small ways (an array or
// one object per line, labels as an object or "k=v,k=v"); these types are what is left once that
// difference has been parsed away.
import type { PodRef } from "./adapter.js";
import type { RuntimeName } from "./registry.js";

/** A stack of layer directories as the runtime reports them (its GraphDriver.Data). */
export interface GraphDriverLayers {
  /** The lower layers, top first, as `lowerdir=` orders them (leftmost wins). Empty for a single-layer image. */
  lower: string[];
  /** A container's writable layer; for an image, its top layer's diff directory. */
  upper: string;
}

/** A container's overlay: its layers plus where they are mounted. */
export interface GraphDriverDirs extends GraphDriverLayers {
  /** Undefined for a container that was created but never started (podman reports no MergedDir then). */
  merged: string | undefined;
  work: string | undefined;
}

export interface ContainerInfo {
  runtime: RuntimeName;
  id: string;
  name: string;
  /** The image as the container was created from it (a name, or an id). */
  image: string;
  labels: Record<string, string>;
  /** The runtime's storage driver (RuntimeAdapter.overlayDrivers for the overlays we read). */
  driver: string;
  graphDriver: GraphDriverDirs;
  /** The main process on the host while the container runs; its /proc/PID/mountinfo shows the overlay. */
  pid: number | undefined;
  /**
   * Its Kubernetes pod, where the adapter read it from more than the labels (a spec's CRI
   * annotations); absent: read it from the labels (pods.ts podOf).
   */
  pod?: PodRef | null;
}

export interface ContainerSummary {
  runtime: RuntimeName;
  id: string;
  names: string[];
  image: string;
  labels: Record<string, string>;
  /** "running", "exited", "created", … as the runtime words it. */
  state: string;
}

export interface ImageInfo {
  runtime: RuntimeName;
  id: string;
  /** Repository:tag names, e.g. "localhost/ol-test-base:latest"; empty for an untagged image. */
  names: string[];
  driver: string;
  /** Lower layers top first, and the image's top layer as `upper`. */
  graphDriver: GraphDriverLayers;
}

export interface ImageSummary {
  runtime: RuntimeName;
  id: string;
  names: string[];
  /** Bytes, as the runtime counts them (shared layers counted in every image). */
  size: number | undefined;
}

export interface HistoryEntry {
  /** The image id that step left behind, or undefined where the runtime says "<missing>". */
  id: string | undefined;
  createdBy: string;
  /** Bytes the step's layer adds (the size of its tar, so a layer of whiteouts is not 0). */
  size: number;
  /** True for a step that made no layer (CMD, ENV, LABEL, …); undefined when the runtime does not say. */
  emptyLayer: boolean | undefined;
}
