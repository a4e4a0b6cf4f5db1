// The terminal reporter's larger blocks (human.ts holds one handler per event): the run's head,
// a command's output, a check, the layer map, --keep's directions, the summary.
import type { ChalkInstance } from "chalk";
import { gap, type Lang, type Messages } from "../../i18n/index.js";
import { mountsBeneath } from "../../overlay/mountinfo.js";
import type { FoundWorkspace } from "../../overlay/workspace.js";
import { shellQuote } from "../../sys/exec.js";
import { asTyped, readerIsRoot } from "../../sys/sudo.js";
import { cleanupCommandLine } from "../preflight.js";
import type { CheckRecord, LessonMode, StepRecord } from "../types.js";
import { renderLayerTable } from "./layer-table.js";
import type { Summary, WorkspaceJson } from "./reporter.js";
import type { Screen, Style } from "./screen.js";
import { displayWidth, expandTabs, padEnd } from "./text.js";

/** What the terminal reporter's handlers share: the screen, the words, the colours, the step running. */
export interface HumanView {
  readonly screen: Screen;
  readonly t: Messages;
  readonly lang: Lang;
  readonly c: ChalkInstance;
  /** "Step 3/8 · title": the spinner's text and the step's closing line. */
  stepLabel: string;
  /** Out of all the lesson's steps, not only those that ran before an interruption. */
  stepsTotal: number;
}

export const plain: Style = (text) => text;

const MAX_OUTPUT_LINES = 40;

/** The lesson's name and title, the mode, what a killed run left and was removed, the workspace. */
export function lessonHead(
  view: HumanView,
  lesson: string,
  title: string,
  workspace: WorkspaceJson,
  staleRemoved: readonly FoundWorkspace[],
  mode: LessonMode,
): void {
  const { screen, t, c } = view;
  const name = `overlay-lesson · ${lesson}`;
  screen.lead(c.bold(name) + c.dim(" — "), displayWidth(`${name} — `), title, "  ", c.dim);
  screen.prose(t.report.mode[mode], "", c.dim);
  for (const found of staleRemoved) screen.prose(t.report.staleRemoved(found.path, found.marker?.pid ?? 0), "", c.yellow);
  workspaceLine(view, workspace.root);
}

/** A command's output as it came, never reflowed: a line too wide is cut under a mark. */
export function outputBlock({ screen, t, c }: HumanView, text: string, indent: string, style: Style): void {
  if (text === "") return;
  // Tabs (du's "4.0K<TAB>upper") would jump to the terminal's tab stops, not ours: expand them.
  const rows = shortenHashes(expandTabs(text)).split("\n");
  const shown = rows.slice(0, MAX_OUTPUT_LINES);
  for (const row of shown) screen.raw(row, indent, style, c.dim);
  if (rows.length > shown.length) screen.line(indent + c.dim(t.report.moreLines(rows.length - shown.length)));
}

/** ✓ label, or ✗ label with what was expected and what the kernel showed, each under its label. */
export function checkLines({ screen, t, c }: HumanView, record: CheckRecord): void {
  if (record.ok) {
    screen.prose(`✓ ${record.label}`, "  ", plain, c.green);
    return;
  }
  screen.prose(`✗ ${record.label}`, "  ", c.red);
  screen.labelled("      ", labelHead(t.report.expected, record.expected), record.expected, c.dim, plain);
  screen.labelled("      ", labelHead(t.report.observed, record.observed), record.observed, c.dim, plain);
}

/** The run in one line (steps ok, checks held), then one line per check that did not hold. */
export function summaryLines({ screen, t, c, stepsTotal }: HumanView, summary: Summary): void {
  const checks = summary.steps.flatMap((step) => step.checks);
  const held = checks.filter((check) => check.ok).length;
  const stepsOk = summary.steps.filter((step) => step.status === "passed").length;
  const skipped = summary.steps.filter((step) => step.status === "skipped");
  screen.line();
  if (summary.interrupted !== undefined) screen.prose(t.report.interrupted(summary.interrupted), "", c.yellow.bold);
  const text =
    t.report.summary(stepsOk, Math.max(stepsTotal, summary.steps.length), held, checks.length) +
    (skipped.length > 0 ? t.report.summarySkipped(skipped.length) : "");
  screen.prose(summary.ok ? `✔ ${text}` : `✖ ${text}`, "", summary.ok ? c.green.bold : c.red.bold);
  for (const step of skipped) screen.prose(`↷ ${step.id}: ${step.reason ?? ""}`, "  ", c.yellow);
  for (const step of summary.steps) {
    for (const check of step.checks.filter((item) => !item.ok)) {
      screen.prose(`✗ ${t.report.failedCheck(`${step.id} / ${check.id}`, check.expected, check.observed)}`, "  ", c.red);
    }
  }
}

/** "expected: " or, after full-width punctuation, "预期：" with no space. */
function labelHead(label: string, value: string): string {
  return `${label}${gap(label, value)}`;
}

/** `Workspace: /tmp/…/overlay-lesson-XXXX  (the commands below run from here)`, fitted. */
function workspaceLine({ screen, t, c }: HumanView, root: string): void {
  const head = labelHead(t.report.workspace, root);
  const note = t.report.commandsRunHere;
  // Two spaces set the note apart; a full-width "（" carries its own.
  const apart = gap(root, note) === "" ? "" : "  ";
  if (displayWidth(`${head}${root}${apart}${note}`) <= screen.width) {
    screen.line(`${head}${c.cyan(root)}${apart}${c.dim(note)}`);
    return;
  }
  screen.labelled("", head, root, plain, c.cyan, "raw");
  screen.prose(note, " ".repeat(Math.min(displayWidth(head), 12)), c.dim);
}

/** The map is shown when this step changed a layer: it is the picture of the step. */
export function layerMap({ screen, t, lang, c }: HumanView, record: StepRecord): void {
  if (record.layers === undefined || record.layers.length === 0) return;
  if (record.newStack !== true && !record.layers.some((row) => row.changed)) return;
  const head = labelHead(t.report.layersTitle, t.report.layersLegend);
  screen.lead(
    `  ${c.bold(t.report.layersTitle)}${head.slice(t.report.layersTitle.length)}`,
    2 + displayWidth(head),
    t.report.layersLegend,
    "    ",
    c.dim,
  );
  const style = { changed: c.yellow.bold, dim: c.dim, whiteout: c.magenta, header: c.underline };
  for (const row of renderLayerTable(record.layers, t, lang, screen.columns, style, record.layerNames, record.upperName)) screen.line(row);
}

/** --keep: where the layers are, how to look at them, how to remove them. */
export function keptBlock({ screen, t, c }: HumanView, workspace: WorkspaceJson, rootless: boolean): void {
  screen.line();
  screen.prose(rootless ? t.report.keptRootlessTitle : t.report.keptTitle, "", c.bold.yellow);
  if (rootless) screen.prose(t.report.keptRootlessWhy, "  ");
  const rows: Array<[string, string]> = [
    ["root", workspace.root],
    ["lower", workspace.lower.join(":")],
    ["upper", workspace.upper],
    ["work", workspace.work],
    ["merged", workspace.merged],
  ];
  for (const [name, path] of rows) screen.labelled("  ", `${padEnd(name, 7)} `, path, plain, c.cyan, "raw");
  const command = (text: string, style: Style): void => screen.copyable("  ", text, style);
  screen.prose(t.report.keptLook, "");
  command(`ls -la ${shellQuote([workspace.upper])}`, c.bold);
  if (!rootless) command(`findmnt ${shellQuote([workspace.merged])}`, c.bold);
  screen.prose(t.report.keptRemove, "");
  command(cleanupCommandLine(parentOf(workspace.root), process.argv, !rootless && !readerIsRoot()), c.bold);
  screen.prose(t.report.keptManual, "", c.dim);
  if (rootless) command(`chmod -R u+rwx ${shellQuote([workspace.root])} && rm -rf ${shellQuote([workspace.root])}`, c.dim);
  else command(asTyped(`sudo umount ${shellQuote(keptMounts(workspace))} && sudo rm -rf ${shellQuote([workspace.root])}`), c.dim);
}

/** What --keep left mounted beneath the workspace, deepest first (features-demo keeps a dozen); merged when nothing is. */
function keptMounts(workspace: WorkspaceJson): string[] {
  const mounts = mountsBeneath(workspace.root).map((mount) => mount.mountPoint);
  return mounts.length > 0 ? mounts : [workspace.merged];
}

/**
 * Container and layer ids are 64 hex digits: on screen the first 12 say as much (docker does the
 * same); --json and the transcript keep them whole.
 */
export function shortenHashes(text: string): string {
  return text.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, "$1…");
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}
