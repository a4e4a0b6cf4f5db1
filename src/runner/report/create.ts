// The reporters a run writes to: the terminal or --json, plus --transcript's Markdown. Each is
// loaded only when used: --json never loads chalk or ora.
import type { Lang, Messages } from "../../i18n/index.js";
import type { Reporter } from "./reporter.js";

export async function createReporter(common: {
  json: boolean;
  color: boolean;
  lang: Lang;
  t: Messages;
  transcript?: string;
}): Promise<Reporter> {
  const { t } = common;
  const screen: Reporter = common.json
    ? (await import("./json.js")).createJsonReporter()
    : await (await import("./human.js")).createHumanReporter({
        t,
        lang: common.lang,
        color: common.color,
        // A terminal that does not know its width (columns 0: script(1) without a tty above it, some
        // CI and container ptys) gets no spinner: ora divides by the columns to clear its lines, and
        // with 0 loops forever in one synchronous call, where not even Ctrl-C can end the lesson.
        live: process.stdout.isTTY === true && (process.stdout.columns ?? 0) > 0 && !process.env.CI && process.env.TERM !== "dumb",
      });
  if (common.transcript === undefined) return screen;
  const { createMarkdownReporter, teeReporter } = await import("./markdown.js");
  return teeReporter(screen, createMarkdownReporter(common.transcript, t, common.lang));
}
