// The mounts inspect reads, one after the other: each counted (on its image's shared count where
// containers share one, layers/shared-image.ts), streamed as --json lines in the order found, or
// kept for a person's report, which is printed once all are read.
import type { Change } from "../layers/changes.js";
import type { SharedImages } from "../layers/shared-image.js";
import { isStillMounted } from "../overlay/discover.js";
import type { ReadMount } from "./host.js";
import type { HtmlReport } from "./html/command.js";
import { JsonMountWriter } from "./json.js";
import { type MountReport, readMount } from "./report.js";
import { sharedAnalyses } from "./shared.js";
import type { InspectTarget } from "./targets.js";
import type { InspectWords } from "./words/index.js";

/**
 * Resolves on "drain". Not events.once: it listens for "error" too and would turn the reader
 * going away (EPIPE) into a rejection here; left unhandled, bin.ts exits 141 as for SIGPIPE.
 */
export function drained(): Promise<void> {
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}

/**
 * stdout, and when to wait for it. process.stdout on a pipe is asynchronous: a 7 MB line is mostly
 * still queued when the walk ends, and bin.ts's process.exit would drop it. So the walk waits for
 * "drain" whenever a write filled the pipe.
 */
export class Output {
  private full = false;

  write(text: string): void {
    if (!process.stdout.write(text)) this.full = true;
  }

  /** Asked by the walk between paths: a promise to wait for, when the pipe is full. */
  readonly backpressure = (): Promise<void> | undefined => {
    if (!this.full) return undefined;
    this.full = false;
    return drained();
  };

  /** Everything written has reached the reader's pipe. */
  async flushed(): Promise<void> {
    if (process.stdout.writableLength > 0) await drained();
  }
}

export interface MountsRun {
  top: number;
  words: InspectWords;
  json: boolean;
  html: Pick<HtmlReport, "mount"> | undefined;
  images: SharedImages;
  output: Output;
}

/** Read every mount: the reports kept for a person (none with --json), and the mounts read only in part. */
export async function readMounts(targets: readonly InspectTarget[], run: MountsRun): Promise<{ read: ReadMount[]; partial: string[] }> {
  const { top, words, output } = run;
  const partial: string[] = [];
  const read: ReadMount[] = [];
  // Containers of one image: the image's layers are read once for all of them.
  const shared = sharedAnalyses(targets, run.images);
  for (const mount of targets) {
    // Gone since it was found (a container stopped meanwhile): nothing of it to read or report.
    if (mount.mounted && mount.mountPoint !== null && !isStillMounted(mount.mountPoint, mount.namespace)) continue;
    let report: MountReport;
    // With --html, one walk gives the figures and the page's tree, and the page keeps the changes.
    const page = run.html?.mount(mount);
    const analyze = page?.analyze ?? shared.get(mount);
    const counting = analyze === undefined ? {} : { analyze };
    if (run.json) {
      // Streamed as the walk finds the changes, so in the order the mounts were found.
      const writer = new JsonMountWriter((text) => output.write(text));
      writer.start(mount);
      const onChange = (change: Change) => {
        writer.change(change);
        page?.change(change);
      };
      report = await readMount(mount, { top, words, backpressure: output.backpressure, ...counting, onChange });
      writer.end(report);
    } else {
      const onChange = page === undefined ? {} : { onChange: (change: Change) => page.change(change) };
      report = await readMount(mount, { top, words, ...counting, ...onChange });
      read.push({ target: mount, report });
    }
    page?.end(report);
    // A layer that could not be read because its mount went away mid-walk is no reading's failure.
    const vanished = report.partial && mount.mounted && mount.mountPoint !== null && !isStillMounted(mount.mountPoint, mount.namespace);
    const at = read.findIndex((entry) => entry.report === report);
    if (vanished && at !== -1) read.splice(at, 1);
    else if (!vanished && report.partial) partial.push(report.mountPoint ?? mount.upper ?? "?");
  }
  return { read, partial };
}
