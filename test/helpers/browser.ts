// The HTML report in a real browser: Debian's Chromium, found on PATH and launched offline with a
// fresh profile in the test's own directory by scripts/chromium.mjs (the bench and the screenshots
// launch it the same way), driven by playwright-core, which downloads nothing by itself.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { chromiumPath, launchOffline } from "../../scripts/chromium.mjs";
import type { HostLayerMap } from "../../src/inspect/summary/layer-map.js";
import type { HostSummary } from "../../src/inspect/summary/model.js";

/** Debian's chromium as PATH finds it: the suite probes, it does not assume /usr/bin. */
const CHROMIUM = chromiumPath();

export function chromiumReason(): string | undefined {
  const probe = CHROMIUM === undefined ? undefined : spawnSync(CHROMIUM, ["--version"], { stdio: "ignore", timeout: 20_000 });
  return probe?.status === 0 ? undefined : "chromium is not installed (apt-get install chromium)";
}

/** The file loads nothing: a policy that lets nothing load, and no element or attribute outside the scripts that would. */
export function expectSelfContained(html: string): void {
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
  expect(markup).not.toMatch(/<(?:link|img|iframe|object|embed|base)\b/i);
  expect(markup).not.toMatch(/\s(?:src|href)=/i);
  expect(html).not.toMatch(/<script[^>]+src=/i);
}

export interface OpenedReport {
  page: Page;
  /** Every request the page made, the file itself first. */
  requests: string[];
  /** Script errors, CSP violations, dialogs (an alert() from a name would land here). */
  problems: string[];
  close(): Promise<void>;
}

/** Open `file` from disk (a file:// URL) in a fresh Chromium profile under `scratch`, once the page has drawn itself. */
export async function openReport(file: string, scratch: string, viewport = { width: 1280, height: 900 }): Promise<OpenedReport> {
  const profile = mkdtempSync(join(scratch, "chromium-profile-"));
  const context: BrowserContext = await launchOffline(profile, viewport);
  const requests: string[] = [];
  const problems: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, requests, problems, close: () => context.close() };
}

export interface PageFigures {
  /** The summary's figures by id (on-disk, seen, image-hidden, container-hidden, written): exact bytes and the text shown. */
  figures: Record<string, { bytes: number; text: string }>;
  largest: string;
  /** Per layer bar, in the page's order: its number ("upper" for a container's), bytes and bytes per fate. */
  layers: Array<{ layer: string; bytes: number; fateBytes: number[]; text: string }>;
  crumbs: string[];
  zoomed: { bytes: number; fateBytes: number[]; text: string };
  /** The treemap's boxes drawn, each with its kind and its label. */
  cells: Array<{ kind: string; layer: string | null; text: string }>;
}

// The few DOM names the functions below use inside the page (page.evaluate runs them there): the
// test's TypeScript has no DOM library, and should not get one for all of test/.
interface PageElement {
  id: string;
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getElementById(id: string): PageElement | null;
};

/** What the page shows, read from its elements (the figures as text, and the exact bytes beside them). */
export function readFigures(page: Page): Promise<PageFigures> {
  return page.evaluate(() => {
    const numbers = (text: string | undefined) =>
      (text ?? "")
        .split(",")
        .filter((part) => part !== "")
        .map(Number);
    const figures: Record<string, { bytes: number; text: string }> = {};
    for (const figure of document.querySelectorAll(".figure")) {
      figures[figure.id.replace(/^figure-/, "")] = {
        bytes: Number(figure.dataset.bytes),
        text: figure.querySelector(".value")?.textContent ?? "",
      };
    }
    const zoomed = document.querySelector(".zoomed");
    return {
      figures,
      largest: document.getElementById("largest")?.textContent ?? "",
      layers: [...document.querySelectorAll(".layer-row")].map((row) => ({
        layer: row.dataset.layer ?? "",
        bytes: Number(row.dataset.bytes),
        fateBytes: numbers(row.dataset.fateBytes),
        text: row.textContent ?? "",
      })),
      crumbs: [...document.querySelectorAll(".crumbs li")].map((item) => item.textContent ?? ""),
      zoomed: { bytes: Number(zoomed?.dataset.bytes), fateBytes: numbers(zoomed?.dataset.fateBytes), text: zoomed?.textContent ?? "" },
      cells: [...document.querySelectorAll(".cell")].map((cell) => ({
        kind: cell.dataset.kind ?? "",
        layer: cell.dataset.layer ?? null,
        text: cell.textContent ?? "",
      })),
    };
  });
}

/** One column of the hidden items table, top to bottom, as its cells' exact values. */
export function tableColumn(page: Page, column: string): Promise<string[]> {
  return page.$$eval(`#hidden td.${column}`, (cells) => cells.map((cell) => (cell as unknown as PageElement).dataset.value ?? ""));
}

/** One row of a page's sortable table: per column (its th's data-column), the cell's text, its data-value and its other data attributes. */
export type TableRow = Record<string, { text: string; value: string; data: Record<string, string | undefined> }>;

interface TableElement extends PageElement {
  querySelectorAll(selector: string): Iterable<TableElement>;
}

/** The rows of the table in panel `id` (stores, images, containers, unused), top to bottom as drawn. */
export function tableRows(page: Page, id: string): Promise<TableRow[]> {
  return page.evaluate((panel) => {
    const table = document.querySelector(`#${panel} table`) as TableElement | null;
    if (table === null) return [];
    const columns = [...table.querySelectorAll("thead th")].map((header) => header.dataset.column ?? "");
    return [...table.querySelectorAll("tbody tr")].map((row) => {
      const cells = [...row.querySelectorAll("td")];
      return Object.fromEntries(
        columns.map((column, index) => {
          const cell = cells[index];
          return [column, { text: cell?.textContent ?? "", value: cell?.dataset.value ?? "", data: { ...(cell?.dataset ?? {}) } }];
        }),
      );
    });
  }, id);
}

/** The host page's line of totals: its text and the counts in its data attributes. */
export function hostTotals(page: Page): Promise<{ text: string; counts: Record<string, number> }> {
  return page.evaluate(() => {
    const line = document.getElementById("totals");
    const counts: Record<string, number> = {};
    for (const key of ["stores", "images", "containers", "running", "stopped"]) counts[key] = Number(line?.dataset[key]);
    return { text: line?.textContent ?? "", counts };
  });
}

/** The page's embedded data (the `report-data` script), as the CLI wrote it. */
export function embeddedData(html: string): unknown {
  const data = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  if (data === undefined) throw new Error("no report-data in the page");
  return JSON.parse(data);
}

/** A host page's embedded data: the --summary --json object, and who holds each layer. */
export interface HostPageData {
  kind: string;
  json: HostSummary;
  layerMap: HostLayerMap;
}

/** The row whose name column holds `name` exactly. */
export function rowNamed(rows: readonly TableRow[], name: string): TableRow {
  const row = rows.find((at) => at.name?.value === name);
  if (row === undefined) throw new Error(`no row named ${name} in ${rows.map((at) => at.name?.value).join(", ")}`);
  return row;
}
