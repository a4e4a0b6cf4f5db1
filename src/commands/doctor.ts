import type { Lang } from "../i18n/index.js";

export async function doctorCommand(_flags: unknown, _lang: Lang): Promise<number> {
  return 0;
}
