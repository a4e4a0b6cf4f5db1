// `overlay-lesson doctor`: the lessons' own preflight, one line per check, each ✗ with its fix.

import { tmpdir } from "node:os";
import { Chalk } from "chalk";
import type { DoctorFlags } from "../cli.js";
import { formatBytes } from "../i18n/format.js";
import { type Lang, type Messages, messages } from "../i18n/index.js";
import { optionalTools, runPreflight } from "../runner/preflight.js";
import { adapterFor, explainProbe, probeRuntimes, RUNTIMES, type RuntimeName, type RuntimeProbe } from "../runtime/index.js";
import { EXIT_OK, EXIT_USAGE } from "../sys/errors.js";
import { findProgram } from "../sys/host.js";
import { langOption } from "./options.js";
import { colorWanted } from "./shared.js";

export async function doctorCommand(flags: DoctorFlags, fallbackLang: Lang): Promise<number> {
  const lang = langOption(messages(fallbackLang), flags.lang) ?? fallbackLang;
  const t = messages(lang);
  const checks = runPreflight({
    parent: flags.dir ?? tmpdir(),
    t,
    formatBytes,
  });
  const failed = checks.filter((check) => !check.ok);
  const optional = optionalTools().map((tool) => ({
    ...tool,
    label:
      tool.path === undefined
        ? t.doctor.optionalMissing(tool.program, tool.package, t.doctor.optionalPurpose[tool.program])
        : t.doctor.optionalFound(tool.program, tool.path, t.doctor.optionalPurpose[tool.program]),
  }));
  // Only container-demo needs a runtime: what is found is told, never counted as a failure.
  // It runs them as root; asked as an ordinary user, podman would make a store in their home.
  const runtimes =
    process.getuid?.() === 0
      ? (await probeRuntimes()).map((probe) => ({ ...explainProbe(t, probe), probe }))
      : RUNTIMES.map((runtime) => onPathOnly(t, runtime));
  if (flags.json === true) {
    const found = runtimes.map(({ probe, label, fix }) => ({
      runtime: probe.runtime,
      state: probe.state,
      ...(probe.version !== undefined ? { version: probe.version } : {}),
      ...(probe.driver !== undefined ? { driver: probe.driver } : {}),
      label,
      ...(fix !== undefined ? { fix } : {}),
    }));
    const tools = optional.map(({ program, package: pkg, path, label }) => ({ program, package: pkg, found: path !== undefined, label }));
    process.stdout.write(`${JSON.stringify({ type: "doctor", ok: failed.length === 0, checks, optional: tools, runtimes: found })}\n`);
  } else {
    const c = new Chalk({ level: colorWanted(flags) ? 1 : 0 });
    process.stdout.write(`${c.bold(t.doctor.title)}\n`);
    for (const check of checks) {
      process.stdout.write(`${check.ok ? c.green("✓") : c.red("✗")} ${check.label}\n`);
      if (check.fix !== undefined && !check.ok) process.stdout.write(`  ${c.yellow("→")} ${check.fix}\n`);
      if (check.note !== undefined) process.stdout.write(`  ${c.dim(`· ${check.note}`)}\n`);
    }
    process.stdout.write(`${c.bold(t.doctor.optionalTitle)}\n`);
    for (const tool of optional) process.stdout.write(`${tool.path === undefined ? c.dim("·") : c.green("·")} ${tool.label}\n`);
    process.stdout.write(`${c.bold(t.doctor.runtimesTitle)}\n`);
    for (const { probe, label, fix } of runtimes) {
      process.stdout.write(`${probe.state === "ok" ? c.green("·") : c.dim("·")} ${label}\n`);
      if (fix !== undefined) process.stdout.write(`  ${c.dim(`→ ${fix}`)}\n`);
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

function onPathOnly(t: Messages, runtime: RuntimeName): { label: string; fix?: string; probe: RuntimeProbe } {
  const path = findProgram(adapterFor(runtime).program);
  const probe: RuntimeProbe = {
    runtime,
    state: path === undefined ? "absent" : "ok",
    path,
    version: undefined,
    driver: undefined,
    detail: "",
  };
  return { label: path === undefined ? t.doctor.runtimeAbsent(runtime) : t.doctor.runtimeAsRoot(runtime, path), probe };
}
