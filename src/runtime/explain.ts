// What a runtime probe means to the learner, in their language: one label, and the fix when
// there is one (the adapter's own: each runtime's daemon is started its own way). doctor prints
// both; container-demo and inspect --image refuse with both on one line.
import type { Messages } from "../i18n/index.js";
import type { RuntimeProbe } from "./detect.js";
import { adapterFor, drivesOverlays, type RuntimeName } from "./registry.js";

export function explainProbe(t: Messages, probe: RuntimeProbe): { label: string; fix?: string } {
  const name = probe.runtime;
  const fixes = adapterFor(name).fixes(t);
  switch (probe.state) {
    case "ok":
      return drivesOverlays(probe)
        ? { label: t.doctor.runtimeOk(name, probe.version ?? "?", probe.driver ?? "?") }
        : { label: t.doctor.runtimeNotOverlay(name, probe.driver ?? "?") };
    case "absent":
      return { label: t.doctor.runtimeAbsent(name), fix: t.doctor.runtimeInstall };
    case "no-daemon":
      return withFix(t.doctor.runtimeNoDaemon(name), fixes.noDaemon);
    case "permission-denied":
      return withFix(t.doctor.runtimePermission(name), fixes.permission);
    default:
      return { label: t.doctor.runtimeError(name, probe.detail) };
  }
}

function withFix(label: string, fix: string | undefined): { label: string; fix?: string } {
  return fix === undefined ? { label } : { label, fix };
}

/** The one line a command refuses with when this runtime cannot serve it. */
export function refusalLine(t: Messages, probe: RuntimeProbe): string {
  const { label, fix } = explainProbe(t, probe);
  return fix === undefined ? label : `${label}: ${fix}`;
}

/**
 * The one line when no runtime answers: the first that is there but does not answer, or
 * `wanted`'s absence, or, with none on PATH, how to install one.
 */
export function noneAnswersLine(t: Messages, probes: readonly RuntimeProbe[], wanted: RuntimeName | undefined): string {
  const present = probes.find((probe) => probe.state !== "absent");
  if (present !== undefined) return refusalLine(t, present);
  const [first] = probes;
  return wanted !== undefined && first !== undefined ? refusalLine(t, first) : `${t.doctor.runtimeNone}: ${t.doctor.runtimeInstall}`;
}
