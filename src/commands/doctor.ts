// `overlay-lesson doctor`: the lessons' own preflight, one line per check, each ✗ with its fix.

import { tmpdir } from "node:os";
import { Chalk, type ChalkInstance } from "chalk";
import type { DoctorFlags } from "../cli.js";
import { formatBytes } from "../i18n/format.js";
import type { Messages } from "../i18n/index.js";
import { optionalTools, type PreflightCheck, runPreflight } from "../runner/preflight.js";
import { adapterFor, explainProbe, lessonRuntimes, probeRuntimes, type RuntimeName, type RuntimeProbe } from "../runtime/index.js";
import { EXIT_OK, EXIT_USAGE, ExitError } from "../sys/errors.js";
import { findProgram } from "../sys/host.js";
import { asTyped } from "../sys/sudo.js";
import { overlayLines, readOverlayReport } from "./doctor-overlay.js";
import type { SharedOptions } from "./shared.js";

export async function doctorCommand(flags: DoctorFlags, shared: SharedOptions): Promise<number> {
  const { t } = shared;
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
  // Only container-demo needs a runtime, and only one it can run (inspect asks the others when
  // it finds their overlays): what is found is told, never counted as a failure.
  // It runs them as root; asked as an ordinary user, podman would make a store in their home.
  const runtimes =
    process.getuid?.() === 0
      ? (await probeRuntimes(lessonRuntimes())).map((probe) => ({ ...explainProbe(t, probe), probe }))
      : lessonRuntimes().map((runtime) => onPathOnly(t, runtime));
  if (shared.json) {
    const found = runtimes.map(({ probe, label, fix }) => ({
      runtime: probe.runtime,
      state: probe.state,
      ...(probe.version !== undefined ? { version: probe.version } : {}),
      ...(probe.driver !== undefined ? { driver: probe.driver } : {}),
      label,
      ...(fix !== undefined ? { fix: asTyped(fix) } : {}),
    }));
    const tools = optional.map(({ program, package: pkg, path, label }) => ({ program, package: pkg, found: path !== undefined, label }));
    const overlay = readOverlayReport();
    process.stdout.write(
      `${JSON.stringify({ type: "doctor", ok: failed.length === 0, checks, optional: tools, runtimes: found, overlay })}\n`,
    );
  } else {
    await printReport(t, checks, optional, runtimes, new Chalk({ level: shared.color ? 1 : 0 }));
  }
  const [first] = failed;
  if (first !== undefined) throw new ExitError(EXIT_USAGE, `${first.label}: ${asTyped(first.fix ?? "")}`);
  return EXIT_OK;
}

/** One line per check, each ✗ with its fix, fitted to the terminal (loaded only here: --json never pays for it). */
async function printReport(
  t: Messages,
  checks: PreflightCheck[],
  optional: Array<{ label: string; path: string | undefined }>,
  runtimes: Array<{ label: string; fix?: string; probe: RuntimeProbe }>,
  c: ChalkInstance,
): Promise<void> {
  const { Screen, terminalColumns } = await import("../runner/report/screen.js");
  const screen = await Screen.open(terminalColumns(), (text) => process.stdout.write(text));
  screen.prose(t.doctor.title, "", c.bold);
  for (const check of checks) {
    screen.prose(`${check.ok ? "✓" : "✗"} ${check.label}`, "", plain, check.ok ? c.green : c.red);
    if (check.fix !== undefined && !check.ok) screen.prose(`→ ${asTyped(check.fix)}`, "  ", plain, c.yellow);
    if (check.note !== undefined) screen.prose(`· ${check.note}`, "  ", c.dim);
  }
  screen.prose(t.doctor.optionalTitle, "", c.bold);
  for (const tool of optional) screen.prose(`· ${tool.label}`, "", plain, tool.path === undefined ? c.dim : c.green);
  screen.prose(t.doctor.runtimesTitle, "", c.bold);
  for (const { probe, label, fix } of runtimes) {
    screen.prose(`· ${label}`, "", plain, probe.state === "ok" ? c.green : c.dim);
    if (fix !== undefined) screen.prose(`→ ${asTyped(fix)}`, "  ", c.dim);
  }
  for (const line of overlayLines(t, readOverlayReport())) {
    if (line.title) screen.prose(line.text, "", c.bold);
    else screen.prose(`· ${line.text}`, "", plain, c.dim);
  }
  const failed = checks.filter((check) => !check.ok).length;
  screen.prose(failed === 0 ? t.doctor.ready : t.doctor.notReady(failed), "", failed === 0 ? c.green : c.red);
}

const plain = (text: string): string => text;

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
