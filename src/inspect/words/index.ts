// inspect's words in the learner's language.
import type { Lang } from "../../i18n/index.js";
import { en, type InspectWords } from "./en.js";
import { ja } from "./ja.js";
import { zh } from "./zh.js";

export type { InspectWords };

export function inspectWords(lang: Lang): InspectWords {
  return { en, zh, ja }[lang];
}
