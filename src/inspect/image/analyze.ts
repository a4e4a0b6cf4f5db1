// An image's layers, read path by path (the stack reader's walk over the image's own diff
// directories, top first, no upper), into what `inspect --image` reports per layer: its bytes and
// files, what of them the final image still shows, what later layers hide, and what of earlier
// layers it hides, and how (whiteout, opaque dir, newer copy). Every hidden byte is traced to the
// layer that holds it and the layer whose entry hides it: that is what names the two Dockerfile
// steps behind it.
//
// inspect's StackAnalyzer (../analyze.ts) counts a container's changes and splits hidden bytes
// between image and container; an image has no upper, and what it needs instead is each layer's
// share of the hiding, on both sides. Memory: one frame per directory on the current path; hidden
// bytes are summed per (hiding path, holding layer, hiding layer) and each group is handed to the
// top list as soon as the walk leaves the hiding path, so no more than a path's worth is held.
import { type PathFrame, PathFrames } from "../../layers/frames.js";
import { TopItems } from "../../layers/hidden.js";
import type { HideReason, StackPath } from "../../layers/walk.js";

export const HIDE_REASONS: readonly HideReason[] = ["whiteout", "opaque", "newer-copy"];

export interface ImageLayerTotals {
  /** Sum of st_size of the layer's regular files. */
  bytes: number;
  files: number;
  /** Of `bytes`, what a container of the final image sees. */
  visibleBytes: number;
  /** Of `bytes`, what later layers hide. */
  hiddenBytes: number;
  /** Bytes of earlier layers that this layer's entries hide, by how. */
  hides: Record<HideReason, number>;
}

/** Hidden files of one layer, hidden by one entry of a later layer. */
export interface HiddenGroup {
  /** The hidden file, when the group is one file; else the hiding entry's path (a directory). */
  path: string;
  /** The entry that hides them: the whiteout, the opaque directory, the newer copy. */
  hiddenAt: string;
  bytes: number;
  files: number;
  /** The layer holding the bytes (index in the walk's dirs, top first). */
  layer: number;
  /** The layer whose entry hides them (index, top first). */
  hiddenByLayer: number;
  how: HideReason;
}

export interface ImageAnalysis {
  layers: ImageLayerTotals[];
  bytes: number;
  files: number;
  visibleBytes: number;
  hiddenBytes: number;
  /** The largest hidden groups (at most `top`), largest first. */
  hidden: HiddenGroup[];
  /** How many hidden groups there are in all: `hidden` lists the largest of them. */
  hiddenGroups: number;
}

interface OpenGroup extends HiddenGroup {
  /** The first hidden file's path (the group's `path` when it stays one file). */
  firstPath: string;
}

interface Frame extends PathFrame {
  groups?: Map<string, OpenGroup>;
}

function emptyHides(): Record<HideReason, number> {
  return { whiteout: 0, opaque: 0, "newer-copy": 0 };
}

export class ImageAnalyzer {
  private readonly layers: ImageLayerTotals[];
  private visibleBytes = 0;
  private hiddenBytes = 0;
  private hiddenGroups = 0;
  private readonly top: TopItems<HiddenGroup>;
  private readonly frames = new PathFrames<Frame>({ path: "", prefix: "" }, (frame) => this.finish(frame));

  constructor(layerCount: number, top: number) {
    this.layers = Array.from({ length: layerCount }, () => ({ bytes: 0, files: 0, visibleBytes: 0, hiddenBytes: 0, hides: emptyHides() }));
    this.top = new TopItems(top, (group) => group.bytes);
  }

  add(found: StackPath): void {
    const { path, cells } = found;
    this.frames.leave(path);
    let here: Frame | undefined;
    if (cells.some((cell) => cell?.entry.kind === "dir")) {
      here = { path, prefix: `${path}/` };
      this.frames.push(here);
    }
    // Groups hidden at this very path when it is no directory: final once this path is counted.
    let local: Frame | undefined;
    cells.forEach((cell, layer) => {
      if (cell === undefined || cell.entry.kind !== "file") return;
      const totals = this.layers[layer];
      if (totals === undefined) return;
      const size = cell.entry.size;
      totals.bytes += size;
      totals.files++;
      const hiddenBy = cell.state === "hidden" ? cell.hiddenBy : undefined;
      if (hiddenBy === undefined) {
        totals.visibleBytes += size;
        this.visibleBytes += size;
        return;
      }
      totals.hiddenBytes += size;
      this.hiddenBytes += size;
      const hider = this.layers[hiddenBy.layer];
      if (hider !== undefined) hider.hides[hiddenBy.how] += size;
      let frame = this.frames.at(hiddenBy.path);
      if (frame === undefined) {
        local ??= { path, prefix: "" };
        frame = local;
      }
      frame.groups ??= new Map();
      const key = `${layer}:${hiddenBy.layer}:${hiddenBy.how}`;
      const group = frame.groups.get(key);
      if (group !== undefined) {
        group.bytes += size;
        group.files++;
      } else {
        frame.groups.set(key, {
          path: "",
          hiddenAt: `/${hiddenBy.path}`,
          firstPath: `/${path}`,
          bytes: size,
          files: 1,
          layer,
          hiddenByLayer: hiddenBy.layer,
          how: hiddenBy.how,
        });
      }
    });
    if (local !== undefined) this.finish(local);
  }

  private finish(frame: Frame): void {
    for (const { firstPath, ...group } of frame.groups?.values() ?? []) {
      this.top.add({ ...group, path: group.files === 1 ? firstPath : group.hiddenAt });
      this.hiddenGroups++;
    }
  }

  result(): ImageAnalysis {
    this.frames.drain();
    return {
      layers: this.layers,
      bytes: this.layers.reduce((sum, layer) => sum + layer.bytes, 0),
      files: this.layers.reduce((sum, layer) => sum + layer.files, 0),
      visibleBytes: this.visibleBytes,
      hiddenBytes: this.hiddenBytes,
      hidden: this.top.items,
      hiddenGroups: this.hiddenGroups,
    };
  }
}
