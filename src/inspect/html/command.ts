// `--html FILE` on `inspect TARGET`, `inspect --image IMAGE` and `inspect --summary`: the path is
// checked before anything is read, each stack is walked once for both the --json figures and the
// treemap (the host's treemap is the summary's own per-layer figures: nothing is walked for it),
// the very --json document of each is kept for the page, and the file is written once the report
// is whole (before a --ci gate decides the exit code). Loaded only when --html is given, so that
// --help and --json never load it.
import pkg from "../../../package.json" with { type: "json" };
import type { Lang } from "../../i18n/index.js";
import type { Change } from "../../layers/changes.js";
import { EXIT_USAGE, ExitError } from "../../sys/errors.js";
import { imageJson } from "../image/json.js";
import type { ImageReport } from "../image/report.js";
import type { RuleResult } from "../image/thresholds.js";
import { JsonMountWriter } from "../json.js";
import { layout } from "../layout.js";
import type { MountReport } from "../report.js";
import type { HostLayerMap } from "../summary/layer-map.js";
import type { HostSummary } from "../summary/model.js";
import type { InspectTarget } from "../targets.js";
import { type TreeReading, treeReading } from "./analyze.js";
import { reportDocument } from "./document.js";
import { checkReportPath, writeReport } from "./file.js";
import { type JsonMountDocument, MAX_PAGE_CHANGES, type MountSection, type PageData } from "./page-data.js";
import { type HtmlWords, htmlWords } from "./words/index.js";

/** One mount's part of the page, fed as the mount is read. */
export interface MountPart {
  analyze: TreeReading["analyze"];
  change(change: Change): void;
  end(report: MountReport): void;
}

export class HtmlReport {
  readonly words: HtmlWords;
  private readonly mounts: MountSection[] = [];
  private readonly base: Pick<PageData, "lang" | "program" | "madeAt">;

  /** Exit 2, before anything is read, when `path` cannot take the report. */
  constructor(
    readonly path: string,
    lang: Lang,
    private readonly script?: string,
  ) {
    this.words = htmlWords(lang);
    checkReportPath(path, this.words);
    this.base = { lang, program: `${pkg.name} ${pkg.version}`, madeAt: new Date().toISOString() };
  }

  /** The line a person reads once the file is written, fitted to the terminal's `width` (none in a pipe). */
  writtenLine(width: number | undefined): string {
    return `${layout([{ indent: 0, text: this.words.written(this.path) }], width)}\n`;
  }

  private write(data: PageData): void {
    writeReport(this.path, reportDocument(data, this.script), this.words);
  }

  /** A reading of an image's layers that also builds its tree. */
  imageReading(): TreeReading {
    return treeReading();
  }

  /** The image's report, with the tree `reading` built while its layers were walked. */
  writeImage(report: ImageReport, rules: readonly RuleResult[] | undefined, reading: TreeReading): void {
    this.write({ ...this.base, kind: "image", json: imageJson(report, rules), tree: reading.tree(), hiddenGroups: report.hiddenGroups });
  }

  mount(target: InspectTarget): MountPart {
    const reading = treeReading();
    const chunks: string[] = [];
    const writer = new JsonMountWriter((text) => chunks.push(text));
    writer.start(target);
    let changes = 0;
    return {
      analyze: reading.analyze,
      change(change) {
        if (changes++ < MAX_PAGE_CHANGES) writer.change(change);
      },
      end: (report) => {
        writer.end(report);
        this.mounts.push({
          json: JSON.parse(chunks.join("")) as JsonMountDocument,
          tree: reading.tree(),
          store: target.store,
          image: target.container?.image ?? null,
          hiddenGroups: report.hiddenGroups,
          changes,
        });
      },
    };
  }

  /** The host summary's page: the very object --summary --json prints, and who holds each layer it counted. */
  writeHost(summary: HostSummary, layerMap: HostLayerMap): void {
    this.write({ ...this.base, kind: "host", json: summary, layerMap });
  }

  /** Every mount read: write the page of them. */
  writeMounts(): void {
    this.write({ ...this.base, kind: "mount", mounts: this.mounts });
  }
}

/**
 * The report `--html FILE` asks for, checked before anything is read: exit 2 when FILE cannot take
 * it, or when nothing names what to report (a TARGET, --image or --summary: `inspect` with no
 * TARGET reports every overlay, which is no one page).
 */
export function openHtmlReport(path: string, lang: Lang, named: boolean): HtmlReport {
  if (!named) throw new ExitError(EXIT_USAGE, htmlWords(lang).needsTarget);
  return new HtmlReport(path, lang);
}
