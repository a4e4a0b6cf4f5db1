import type { Lang } from "../i18n/index.js";

export async function cleanupCommand(_flags: unknown, _lang: Lang): Promise<number> {
  return 0;
}
