// The HTML report's words in the chosen language, for the CLI and for the page alike.
import type { Lang } from "../../../i18n/index.js";
import { en, type HtmlWords } from "./en.js";
import { ja } from "./ja.js";
import { zh } from "./zh.js";

export type { HtmlWords };

export function htmlWords(lang: Lang): HtmlWords {
  return { en, zh, ja }[lang];
}
