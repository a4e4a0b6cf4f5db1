// The labels that mark a container as ours. Principle 4: `cleanup` removes only containers
// carrying the owner label, and among them only those whose owning process is gone.
//
// Convention: every container we run carries
//   io.overlay-lesson.owner=overlay-lesson        it is ours (OWNER_SELECTOR, for `ps --filter label=…`)
//   io.overlay-lesson.pid=<pid>                   the overlay-lesson process that ran it
//   io.overlay-lesson.start-time=<ticks>          that process's start time (/proc/PID/stat field 22)
//   io.overlay-lesson.boot-id=<uuid>              and the boot it ran in
// Pids are reused and start times are not, so pid + start-time + boot-id name one process for
// good: sys/process-info.ts isAlive() tells whether it still runs.
import { isAlive, type ProcessIdentity, selfIdentity } from "../sys/process-info.js";

export const OWNER_LABEL = "io.overlay-lesson.owner";
export const OWNER_VALUE = "overlay-lesson";
export const PID_LABEL = "io.overlay-lesson.pid";
export const START_TIME_LABEL = "io.overlay-lesson.start-time";
export const BOOT_ID_LABEL = "io.overlay-lesson.boot-id";

/** For listContainers(runtime, { label: OWNER_SELECTOR }): every container of ours, whoever ran it. */
export const OWNER_SELECTOR = `${OWNER_LABEL}=${OWNER_VALUE}`;

export function ownerLabels(identity: ProcessIdentity = selfIdentity()): Record<string, string> {
  return {
    [OWNER_LABEL]: OWNER_VALUE,
    [PID_LABEL]: String(identity.pid),
    [START_TIME_LABEL]: identity.startTime,
    [BOOT_ID_LABEL]: identity.bootId,
  };
}

export function isOurs(labels: Readonly<Record<string, string>>): boolean {
  return labels[OWNER_LABEL] === OWNER_VALUE;
}

/** The process that ran one of our containers, or undefined when the labels do not say. */
export function ownerOf(labels: Readonly<Record<string, string>>): ProcessIdentity | undefined {
  if (!isOurs(labels)) return undefined;
  const pid = Number(labels[PID_LABEL]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, startTime: labels[START_TIME_LABEL] ?? "", bootId: labels[BOOT_ID_LABEL] ?? "" };
}

/** Ours, and the process that ran it is gone: safe for `cleanup` to remove. */
export function isOrphaned(labels: Readonly<Record<string, string>>): boolean {
  if (!isOurs(labels)) return false;
  const owner = ownerOf(labels);
  return owner === undefined || !isAlive(owner);
}
