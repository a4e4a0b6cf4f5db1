// Language choice and the runner's and CLI's catalogue (each lesson keeps its own words in its
// folder). The catalogues are small and bundled: choosing one costs nothing at start-up.
import { en, type Messages } from "./en.js";
import { ja } from "./ja.js";
import { zh } from "./zh.js";

export type { Messages };
export type Lang = "en" | "zh" | "ja";
export const LANGS: readonly Lang[] = ["zh", "en", "ja"];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * --lang wins; else the first set of LC_ALL, LC_MESSAGES, LANG (POSIX precedence) decides:
 * zh_CN.UTF-8, zh_TW, zh… mean Chinese; ja_JP… Japanese; anything else English.
 */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined && isLang(flag)) return flag;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "")?.toLowerCase();
  if (locale?.startsWith("zh")) return "zh";
  if (locale?.startsWith("ja")) return "ja";
  return "en";
}

const CATALOGUES: Record<Lang, Messages> = { en, zh, ja };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** The locale pretty-bytes and numbers use for the learner's language. */
export function numberLocale(lang: Lang): string {
  return lang === "zh" ? "zh-CN" : lang === "ja" ? "ja-JP" : "en";
}
