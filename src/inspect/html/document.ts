// The report as one self-contained HTML file: the page's script and styles inline, the data as a
// JSON script element, and a Content-Security-Policy that lets the page load nothing at all (no
// request, no font, no image from anywhere), so that the file opens offline, mailed or attached
// to a CI run, and a stranger's file name in a layer can never become a request or a script.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PageData } from "./page-data.js";
import { PAGE_STYLE } from "./style.js";
import { hostWhere, htmlWords } from "./words/index.js";

/** The page's script, bundled for the browser by scripts/build.mjs beside the CLI's bundle. */
export function defaultPageScript(): string {
  const url = new URL(import.meta.url.includes("/chunks/") ? "../report-page.js" : "./report-page.js", import.meta.url);
  return readFileSync(url, "utf8");
}

/** Text for inside a script element: `<` escaped, so `</script>` or `<!--` in a name stays data. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

const HTML_LANG = { en: "en", zh: "zh-CN", ja: "ja" } as const;

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function pageTitle(data: PageData): string {
  const words = htmlWords(data.lang);
  if (data.kind === "image") return words.pageTitleImage(data.json.image.name);
  if (data.kind === "host") return words.pageTitleHost(hostWhere(data.json.root, data.lang));
  const [first] = data.mounts;
  return words.pageTitleMount(first?.json.container?.name ?? first?.json.mountPoint ?? "overlay");
}

export function reportDocument(data: PageData, script: string = defaultPageScript()): string {
  if (/<\/script/i.test(script)) throw new Error("the page's script holds </script: it cannot be inlined");
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(PAGE_STYLE)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return [
    "<!doctype html>",
    `<html lang="${HTML_LANG[data.lang]}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(pageTitle(data))}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head>",
    "<body>",
    `<noscript>${escapeText(htmlWords(data.lang).noScript)}</noscript>`,
    '<main id="report"></main>',
    `<script id="report-data" type="application/json">${scriptSafeJson(data)}</script>`,
    `<script>${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
