// The HTML report's words in the chosen language, for the CLI and for the page alike.
import type { Lang } from "../../../i18n/index.js";
import { inspectWords } from "../../words/index.js";
import { en, type HtmlWords } from "./en.js";
import { ja } from "./ja.js";
import { zh } from "./zh.js";

export type { HtmlWords };

export function htmlWords(lang: Lang): HtmlWords {
  return { en, zh, ja }[lang];
}

/** What a host page is of: "this host", or "the stores under --root DIR", as the terminal's summary says it. */
export function hostWhere(root: string, lang: Lang): string {
  const words = inspectWords(lang).summary;
  return root === "/" ? words.thisHost : words.underRoot(root);
}
