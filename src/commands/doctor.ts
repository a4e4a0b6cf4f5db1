// `overlay-lesson doctor`: the lessons' own preflight, one line per check, each ✗ with its fix.
import { tmpdir } from "node:os";
import { Chalk } from "chalk";
import prettyBytes from "pretty-bytes";
import type { DoctorFlags } from "../cli.js";
import { type Lang, messages, numberLocale } from "../i18n/index.js";
import { runPreflight } from "../runner/preflight.js";
import { EXIT_OK, EXIT_USAGE } from "../sys/errors.js";
import { langOption } from "./options.js";
import { colorWanted } from "./shared.js";

export async function doctorCommand(flags: DoctorFlags, fallbackLang: Lang): Promise<number> {
  const lang = langOption(messages(fallbackLang), flags.lang) ?? fallbackLang;
  const t = messages(lang);
  const checks = runPreflight({
    parent: flags.dir ?? tmpdir(),
    t,
    formatBytes: (bytes) => prettyBytes(bytes, { binary: true, locale: numberLocale(lang) }),
  });
  const failed = checks.filter((check) => !check.ok);
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify({ type: "doctor", ok: failed.length === 0, checks })}\n`);
  } else {
    const c = new Chalk({ level: colorWanted(flags) ? 1 : 0 });
    process.stdout.write(`${c.bold(t.doctor.title)}\n`);
    for (const check of checks) {
      process.stdout.write(`${check.ok ? c.green("✓") : c.red("✗")} ${check.label}\n`);
      if (check.fix !== undefined && !check.ok) process.stdout.write(`  ${c.yellow("→")} ${check.fix}\n`);
      if (check.note !== undefined) process.stdout.write(`  ${c.dim(`· ${check.note}`)}\n`);
    }
    process.stdout.write(`${failed.length === 0 ? c.green(t.doctor.ready) : c.red(t.doctor.notReady(failed.length))}\n`);
  }
  if (failed.length > 0) {
    const first = failed[0];
    process.stderr.write(`overlay-lesson: ${first?.label ?? ""}: ${first?.fix ?? ""}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
