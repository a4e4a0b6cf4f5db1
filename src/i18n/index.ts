// Language choice and the runner's and CLI's catalogue (each lesson keeps its own words in its
// folder). English is bundled with the CLI; Chinese and Japanese are loaded when chosen, so that
// `--help` compiles one catalogue, not three.
import { en, type Messages } from "./en.js";

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

const loaded: Partial<Record<Lang, Messages>> = { en };

/** Load a language's catalogue; main() does this once, before anything asks for messages(). */
export async function loadMessages(lang: Lang): Promise<Messages> {
  if (loaded[lang] === undefined) loaded[lang] = lang === "zh" ? (await import("./zh.js")).zh : (await import("./ja.js")).ja;
  return loaded[lang];
}

/** The catalogue of a language loaded by loadMessages (English until then). */
export function messages(lang: Lang): Messages {
  return loaded[lang] ?? en;
}
