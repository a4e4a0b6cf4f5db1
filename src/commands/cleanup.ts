// `overlay-lesson cleanup`: remove what --keep left and what a killed run could not remove.
// Only directories directly under PARENT whose marker names them, whose lesson is not running;
// everything beneath is unmounted first (busy mounts retried, then detached lazily). Then the
// containers container-demo ran whose lesson is gone: found by our owner label, removed only when
// their labels name a process that no longer runs (src/runtime/labels.ts); no other container.
import { tmpdir } from "node:os";
import { Chalk, type ChalkInstance } from "chalk";
import type { CleanupFlags } from "../cli.js";
import type { Messages } from "../i18n/index.js";
import { checkParent, type FoundWorkspace, findWorkspaces, RefusedError, removeWorkspace } from "../overlay/workspace.js";
import { parentProblemMessage } from "../runner/preflight.js";
import {
  adapters,
  answering,
  type ContainerSummary,
  isOrphaned,
  lessonRuntimes,
  OWNER_SELECTOR,
  ownerOf,
  type RuntimeName,
} from "../runtime/index.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, ExitError } from "../sys/errors.js";
import type { SharedOptions } from "./shared.js";

interface Outcome {
  path: string;
  state: FoundWorkspace["state"];
  action: "removed" | "would-remove" | "left" | "failed";
  reason?: string;
  unmounted: string[];
  lazy: Array<{ path: string; holders: string[] }>;
}

interface ContainerOutcome {
  runtime: RuntimeName;
  name: string;
  id: string;
  action: "removed" | "would-remove" | "left" | "failed";
  reason?: string;
}

/** Our containers (by label) in every runtime that answers; those whose lesson is gone are removed. */
async function cleanupContainers(t: Messages, dryRun: boolean): Promise<ContainerOutcome[]> {
  const outcomes: ContainerOutcome[] = [];
  // container-demo runs only as root (root's runtime store): nobody else has containers of ours,
  // and asking rootless podman would set up a store in the user's home.
  if (process.getuid?.() !== 0) return outcomes;
  // Only a runtime that can run a lesson's container can have one to remove.
  for (const adapter of await answering(adapters(lessonRuntimes()))) {
    const { name: runtime, lifecycle } = adapter;
    if (lifecycle === undefined) continue;
    let ours: ContainerSummary[];
    try {
      ours = await adapter.cli.listContainers({ label: OWNER_SELECTOR });
    } catch {
      continue; // it answered `info` a moment ago; a runtime that cannot list has nothing we can remove
    }
    for (const container of ours) {
      const name = container.names[0] ?? container.id;
      const outcome: ContainerOutcome = { runtime, name, id: container.id, action: "left" };
      outcomes.push(outcome);
      if (!isOrphaned(container.labels)) {
        outcome.reason = t.cleanup.containerLive(name, ownerOf(container.labels)?.pid ?? 0);
      } else if (dryRun) {
        outcome.action = "would-remove";
        outcome.reason = t.cleanup.containerWouldRemove(name, runtime);
      } else {
        try {
          await lifecycle.remove(container.id);
          outcome.action = "removed";
          outcome.reason = t.cleanup.containerRemoved(name, runtime);
        } catch (error) {
          outcome.action = "failed";
          outcome.reason = t.cleanup.containerFailed(name, error instanceof Error ? error.message : String(error));
        }
      }
    }
  }
  return outcomes;
}

export async function cleanupCommand(flags: CleanupFlags, shared: SharedOptions): Promise<number> {
  const { t } = shared;
  const checked = checkParent(flags.dir ?? tmpdir());
  if ("problem" in checked) throw new ExitError(EXIT_USAGE, parentProblemMessage(t, checked.problem));
  const parent = checked.path;
  // Not root: a user removes its own (rootless) workspaces; others' are refused one by one.
  const c = new Chalk({ level: shared.color ? 1 : 0 });
  const outcomes: Outcome[] = [];

  for (const found of findWorkspaces(parent)) {
    const outcome: Outcome = { path: found.path, state: found.state, action: "left", unmounted: [], lazy: [] };
    outcomes.push(outcome);
    if (found.state === "live") {
      outcome.reason = t.cleanup.live(found.path, found.marker?.pid ?? 0);
      continue;
    }
    if (found.state !== "stale" && found.state !== "kept") {
      outcome.reason = t.cleanup.refused(found.path, t.cleanup.reasons[found.state]);
      continue;
    }
    if (flags.dryRun === true) {
      outcome.action = "would-remove";
      outcome.reason = t.cleanup.wouldRemove(found.path, t.cleanup.states[found.state]);
      continue;
    }
    try {
      const removed = removeWorkspace(found.path);
      outcome.action = "removed";
      for (const unmount of removed.unmounted) {
        if (!unmount.wasMounted) continue;
        if (!unmount.lazy) outcome.unmounted.push(unmount.path);
        else {
          outcome.lazy.push({
            path: unmount.path,
            holders: unmount.holders.map((holder) => `${holder.command}[${holder.pid}] ${holder.how}`),
          });
        }
      }
    } catch (error) {
      outcome.action = "failed";
      outcome.reason =
        error instanceof RefusedError
          ? t.cleanup.refused(found.path, t.cleanup.reasons[error.reason as keyof typeof t.cleanup.reasons] ?? error.reason)
          : t.cleanup.refused(found.path, error instanceof Error ? error.message : String(error));
    }
  }

  const containers = await cleanupContainers(t, flags.dryRun === true);
  const removed = outcomes.filter((outcome) => outcome.action === "removed").length;
  const containersRemoved = containers.filter((outcome) => outcome.action === "removed").length;
  const failed = [...outcomes, ...containers].filter((outcome) => outcome.action === "failed").length;
  if (shared.json) {
    for (const outcome of outcomes) process.stdout.write(`${JSON.stringify({ type: "workspace", ...outcome })}\n`);
    for (const outcome of containers) process.stdout.write(`${JSON.stringify({ type: "container", ...outcome })}\n`);
    const summary = { type: "summary", parent, removed, containersRemoved, failed, ok: failed === 0, dryRun: flags.dryRun === true };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    await printOutcomes(t, c, outcomes, containers, flags.dryRun !== true && failed === 0 ? t.cleanup.done(removed) : undefined, parent);
  }
  if (failed > 0) throw new ExitError(EXIT_FAILED, t.cleanup.failed(failed));
  return EXIT_OK;
}

/** One line per thing done or left alone, fitted to the terminal (loaded only here: --json never pays for it). */
async function printOutcomes(
  t: Messages,
  c: ChalkInstance,
  outcomes: readonly Outcome[],
  containers: readonly ContainerOutcome[],
  done: string | undefined,
  parent: string,
): Promise<void> {
  const { Screen, terminalColumns } = await import("../runner/report/screen.js");
  const screen = await Screen.open(terminalColumns(), (text) => process.stdout.write(text));
  const plain = (text: string): string => text;
  const say = (mark: string, text: string, style: (text: string) => string): void => screen.prose(`${mark} ${text}`, "", plain, style);
  for (const outcome of outcomes) {
    for (const path of outcome.unmounted) say("✓", t.cleanup.unmounted(path), c.green);
    for (const lazy of outcome.lazy) say("!", t.cleanup.lazy(lazy.path, t.practice.list(lazy.holders)), c.yellow);
    if (outcome.action === "removed") say("✓", t.cleanup.removed(outcome.path), c.green);
    else if (outcome.action === "failed") say("✗", outcome.reason ?? "", c.red);
    else say("·", outcome.reason ?? "", c.dim);
  }
  for (const outcome of containers) {
    const style = { removed: c.green, failed: c.red, left: c.dim, "would-remove": c.dim }[outcome.action];
    say(outcome.action === "removed" ? "✓" : outcome.action === "failed" ? "✗" : "·", outcome.reason ?? "", style);
  }
  if (outcomes.length === 0 && containers.length === 0) screen.prose(t.cleanup.nothing(parent), "");
  else if (done !== undefined) screen.prose(done, "");
}
