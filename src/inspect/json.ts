// `inspect --json`: one JSON object per overlay mount, one line each. The changes are written as
// the walk finds them (a container may have changed millions of paths: they are never all held),
// so `changes` comes first and the totals, known only at the end of the walk, after it.
import type { Change } from "../layers/changes.js";
import type { HiddenGroup } from "../layers/hidden.js";
import type { MountReport } from "./report.js";
import type { InspectTarget } from "./targets.js";

/** The fields a consumer reads, as README's inspect section documents them. */
export interface JsonHidden {
  path: string;
  bytes: number;
  files: number;
  layer: number;
  cause: HiddenGroup["cause"];
  scope: HiddenGroup["scope"];
  hiddenByLayer: number | null;
}

const FLUSH_AT = 64 * 1024;

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
    const container =
      target.container === null ? null : { runtime: target.container.runtime, id: target.container.id, name: target.container.name };
    this.changes = 0;
    this.put(`{"mountPoint":${JSON.stringify(target.mountPoint)},"container":${JSON.stringify(container)},"changes":[`);
  }

  change(change: Change): void {
    // Written by hand: JSON.stringify of a whole object per change cost a tenth of a 100,000-change walk.
    const separator = this.changes++ === 0 ? "" : ",";
    this.put(
      `${separator}{"path":${JSON.stringify(change.path)},"kind":"${change.kind}","bytes":${change.bytes},"hiddenBytes":${change.hiddenBytes}}`,
    );
  }

  end(report: MountReport): void {
    const hidden: JsonHidden[] = report.hidden.map(({ path, bytes, files, layer, cause, scope, hiddenByLayer }) => ({
      path,
      bytes,
      files,
      layer,
      cause,
      scope,
      hiddenByLayer,
    }));
    const rest = {
      layers: report.layers.map(({ dir, bytes, files }) => ({ dir, bytes, files })),
      upper: report.upper === null ? null : { dir: report.upper.dir, bytes: report.upper.bytes },
      imageHiddenBytes: report.imageHiddenBytes,
      containerHiddenBytes: report.containerHiddenBytes,
      hidden,
      notes: report.notes,
    };
    this.put(`],${JSON.stringify(rest).slice(1)}\n`);
    this.flush();
  }
}
