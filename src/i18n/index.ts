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

// Full-width punctuation (、。：（）「」…, U+3000–U+303F and U+FF00–U+FF65) carries its own spacing.
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/**
 * Words the code puts side by side ("Workspace:" and a path), with a space between them, except
 * where full-width punctuation meets it: "工作区：/tmp…", "分层图（▶ …）", never "工作区： /tmp".
 */
export function joinWords(...words: readonly string[]): string {
  return words.filter((word) => word !== "").reduce((joined, word) => (joined === "" ? word : `${joined}${gap(joined, word)}${word}`), "");
}

/** The space to put between `left` and `right`: none where full-width punctuation meets. */
export function gap(left: string, right: string): string {
  return FULL_WIDTH_PUNCTUATION.test(left.at(-1) ?? "") || FULL_WIDTH_PUNCTUATION.test(right[0] ?? "") ? "" : " ";
}
