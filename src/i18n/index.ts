// Language choice and the catalogue. Both catalogues are small and bundled: choosing one costs
// nothing at start-up.
import { en, type Messages } from "./en.js";
import { zh } from "./zh.js";

export type { Messages };
export type Lang = "en" | "zh";
export const LANGS: readonly Lang[] = ["zh", "en"];

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/**
 * --lang wins; else the first set of LC_ALL, LC_MESSAGES, LANG (POSIX precedence) decides:
 * zh_CN.UTF-8, zh_TW, zh… mean Chinese; anything else English.
 */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined && isLang(flag)) return flag;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== "");
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function messages(lang: Lang): Messages {
  return lang === "zh" ? zh : en;
}
