// What a runtime probe means to the learner, in their language: one label, and the fix when
// there is one. doctor prints both; container-demo and inspect --image refuse with both on one line.
import type { Messages } from "../i18n/index.js";
import type { RuntimeProbe } from "./detect.js";

export function explainProbe(t: Messages, probe: RuntimeProbe): { label: string; fix?: string } {
  const name = probe.runtime;
  switch (probe.state) {
    case "ok":
      return probe.driver === "overlay" || probe.driver === "overlay2"
        ? { label: t.doctor.runtimeOk(name, probe.version ?? "?", probe.driver) }
        : { label: t.doctor.runtimeNotOverlay(name, probe.driver ?? "?") };
    case "absent":
      return { label: t.doctor.runtimeAbsent(name), fix: t.doctor.runtimeInstall };
    case "no-daemon":
      return { label: t.doctor.runtimeNoDaemon(name), fix: t.doctor.dockerStart };
    case "permission-denied":
      return { label: t.doctor.runtimePermission(name), fix: t.doctor.dockerPermission };
    default:
      return { label: t.doctor.runtimeError(name, probe.detail) };
  }
}

/** The one line a command refuses with when this runtime cannot serve it. */
export function refusalLine(t: Messages, probe: RuntimeProbe): string {
  const { label, fix } = explainProbe(t, probe);
  return fix === undefined ? label : `${label}: ${fix}`;
}
