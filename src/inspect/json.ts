// `inspect --json`: one JSON object per overlay mount, one line each. The changes are written as
// the walk finds them (a container may have changed millions of paths: they are never all held),
// so `changes` comes first and the totals, known only at the end of the walk, after it.
import type { Change } from "../layers/changes.js";
import type { HiddenGroup } from "../layers/hidden.js";
import { podOf } from "../runtime/index.js";
import type { MountReport } from "./report.js";
import type { InspectTarget } from "./targets.js";

/** The fields a consumer reads, as README's inspect section documents them. */
export interface JsonHidden {
  path: string;
  bytes: number;
  files: number;
  /** Index into `layers` (top first), and the layer's number in build order (1 is the base). */
  layer: number;
  layerNumber: number;
  cause: HiddenGroup["cause"];
  scope: HiddenGroup["scope"];
  /** Index into `layers` and build-order number of the image layer that hides them; null: the container. */
  hiddenByLayer: number | null;
  hiddenByLayerNumber: number | null;
}

export interface JsonLayer {
  dir: string;
  /** Build order: 1 is the base, as `inspect --image` and a Containerfile number layers. */
  number: number;
  bytes: number;
  files: number;
  /** What the layer's regular files take on disk, each inode once (st_blocks × 512). */
  diskBytes: number;
  /** Their st_size, where it differs from `bytes` (metacopies hold no data). */
  apparentBytes?: number;
}

const FLUSH_AT = 64 * 1024;

/** The apparent size beside the data bytes, only where they differ (metacopies hold no data). */
const apparent = (bytes: number, apparentBytes: number): { apparentBytes?: number } => (apparentBytes === bytes ? {} : { apparentBytes });

export class JsonMountWriter {
  private buffer = "";
  private changes = 0;

  constructor(private readonly write: (text: string) => void) {}

  private put(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer === "") return;
    this.write(this.buffer);
    this.buffer = "";
  }

  start(target: InspectTarget): void {
    const found = target.container;
    const container =
      found === null
        ? null
        : { runtime: found.runtime, id: found.id, name: found.name, image: found.image === "" ? null : found.image, pod: podOf(found) };
    this.changes = 0;
    // mounted: false for a container read from its layers alone (stopped, or under --root); owner: a rootless store's user.
    const state = `"mounted":${target.mounted},"owner":${JSON.stringify(target.owner ?? null)}`;
    this.put(`{"mountPoint":${JSON.stringify(target.mountPoint)},${state},"container":${JSON.stringify(container)},"changes":[`);
  }

  change(change: Change): void {
    // Written by hand: JSON.stringify of a whole object per change cost a tenth of a 100,000-change walk.
    const separator = this.changes++ === 0 ? "" : ",";
    const metacopy = change.metacopy === true ? `,"metacopy":true` : "";
    const from = change.from === undefined ? "" : `,"from":${JSON.stringify(change.from)}`;
    this.put(
      `${separator}{"path":${JSON.stringify(change.path)},"kind":"${change.kind}"${from},"bytes":${change.bytes},"diskBytes":${change.diskBytes},"hiddenBytes":${change.hiddenBytes}${metacopy}}`,
    );
  }

  end(report: MountReport): void {
    // Build order counts from the base: the top layer (index 0) has the highest number.
    const numberOf = (layer: number) => report.layers.length - layer;
    const hidden: JsonHidden[] = report.hidden.map(({ path, bytes, files, layer, cause, scope, hiddenByLayer }) => ({
      path,
      bytes,
      files,
      layer,
      layerNumber: numberOf(layer),
      cause,
      scope,
      hiddenByLayer,
      hiddenByLayerNumber: hiddenByLayer === null ? null : numberOf(hiddenByLayer),
    }));
    const layers: JsonLayer[] = report.layers.map(({ dir, number, bytes, files, apparentBytes, diskBytes }) => ({
      dir,
      number,
      bytes,
      files,
      diskBytes,
      ...apparent(bytes, apparentBytes),
    }));
    const upper = report.upper;
    const rest = {
      layers,
      upper:
        upper === null
          ? null
          : { dir: upper.dir, bytes: upper.bytes, diskBytes: upper.diskBytes, ...apparent(upper.bytes, upper.apparentBytes) },
      imageHiddenBytes: report.imageHiddenBytes,
      containerHiddenBytes: report.containerHiddenBytes,
      hidden,
      notes: report.notes,
    };
    this.put(`],${JSON.stringify(rest).slice(1)}\n`);
    this.flush();
  }
}
