// Asking containerd through `ctr`, its own CLI, over its socket: the default
// /run/containerd/containerd.sock, or CONTAINERD_ADDRESS, which ctr reads itself (and which
// reaches it from the user's environment: command.ts). Only ctr's read-only verbs are run here:
// version, plugins ls, namespaces ls, containers ls/info, tasks ls, images ls, and
// `snapshots mounts`, which prints the mount a snapshot would need and mounts nothing.
//
// A socket that does not exist makes ctr retry for 10 s before it gives up: that is answered
// without asking ctr at all. --connect-timeout bounds a socket that exists but hangs.
import { lstatSync } from "node:fs";
import type { CommandResult } from "../sys/exec.js";
import { findProgram } from "../sys/host.js";
import { type CliProgram, problemOf, RuntimeError, runRuntime } from "./command.js";
import { OVERLAY_SNAPSHOTTER } from "./containerd-names.js";
import type { RuntimeProbe, RuntimeState } from "./detect.js";

export const CTR_CLI: CliProgram = { runtime: "containerd", program: "ctr" };
const DEFAULT_ADDRESS = "/run/containerd/containerd.sock";
const CONNECT = ["--connect-timeout", "2s"];
/** How many `ctr` processes run at once when every container is asked about (a node has hundreds). */
const AT_ONCE = 8;

/** The socket ctr will dial: CONTAINERD_ADDRESS (as a path or unix://path), else containerd's default. */
export function containerdAddress(): string {
  const given = process.env.CONTAINERD_ADDRESS;
  const address = given === undefined || given === "" ? DEFAULT_ADDRESS : given;
  return address.startsWith("unix://") ? address.slice("unix://".length) : address;
}

function socketExists(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

/** What ctr would say with no socket to dial, without the 10 s it takes to say it. */
function noSocket(args: readonly string[], address: string): CommandResult {
  const stderr = `ctr: failed to dial "${address}": no socket there`;
  return { argv: ["ctr", ...args], exitCode: 1, ms: 0, stdout: "", stderr, canceled: false };
}

/** `ctr ...args` over the socket; its result whatever its exit code. */
export async function ctr(args: readonly string[]): Promise<CommandResult> {
  const address = containerdAddress();
  if (!socketExists(address)) return noSocket(args, address);
  return runRuntime(CTR_CLI, [...CONNECT, ...args]);
}

/** `ctr ...args`; its stdout, or a RuntimeError naming the problem. */
export async function ctrOutput(args: readonly string[]): Promise<string> {
  const result = await ctr(args);
  if (result.exitCode !== 0) throw new RuntimeError("containerd", problemOf(result), result);
  return result.stdout;
}

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/**
 * `version` answers only with the daemon's; `plugins ls -d` says whether the overlayfs snapshotter
 * loaded (a block with no Error) and where its root is (its export `root`).
 */
export async function probeContainerd(): Promise<RuntimeProbe> {
  const path = findProgram(CTR_CLI.program);
  const base = { runtime: CTR_CLI.runtime, path, version: undefined, driver: undefined };
  if (path === undefined) return { ...base, state: "absent", detail: `${CTR_CLI.program} is not on PATH` };
  const [version, plugins] = await Promise.all([ctr(["version"]), ctr(["plugins", "ls", "-d"])]);
  const detail = version.stderr.split("\n").find((line) => line.trim() !== "") ?? "";
  if (version.exitCode !== 0) {
    const problem = problemOf(version);
    const state: RuntimeState = problem === "absent" || problem === "no-daemon" || problem === "permission-denied" ? problem : "error";
    return { ...base, state, detail };
  }
  const server = version.stdout.slice(version.stdout.indexOf("Server:"));
  const serverVersion = /Version:\s*(\S+)/.exec(server)?.[1];
  const overlayfs = overlayfsPlugin(plugins.stdout);
  return { ...base, state: "ok", version: serverVersion, driver: overlayfs?.loaded === true ? OVERLAY_SNAPSHOTTER : undefined, detail };
}

/** The overlayfs snapshotter's block of `plugins ls -d`: whether it loaded, and its root. */
export function overlayfsPlugin(detailed: string): { loaded: boolean; root: string | undefined } | undefined {
  for (const block of detailed.split(/^(?=Type:)/m)) {
    if (!/^Type:\s+io\.containerd\.snapshotter\.v1\s*$/m.test(block) || !/^ID:\s+overlayfs\s*$/m.test(block)) continue;
    return { loaded: !/^Error:/m.test(block), root: /^\s+root\s+(\S.*?)\s*$/m.exec(block)?.[1] };
  }
  return undefined;
}

/** The root of the overlayfs snapshotter of the daemon that answers; undefined when it does not. */
export async function daemonSnapshotter(): Promise<string | undefined> {
  const result = await ctr(["plugins", "ls", "-d"]);
  if (result.exitCode !== 0) throw new RuntimeError("containerd", problemOf(result), result);
  const plugin = overlayfsPlugin(result.stdout);
  return plugin?.loaded === true ? plugin.root : undefined;
}

export async function namespaces(): Promise<string[]> {
  return lines(await ctrOutput(["namespaces", "ls", "-q"]));
}

export async function containerIds(namespace: string): Promise<string[]> {
  return lines(await ctrOutput(["-n", namespace, "containers", "ls", "-q"]));
}

/** `containers info`'s JSON text, or undefined when the container has gone meanwhile. */
export async function containerInfoText(namespace: string, id: string): Promise<string | undefined> {
  const result = await ctr(["-n", namespace, "containers", "info", "--", id]);
  if (result.exitCode === 0) return result.stdout;
  if (problemOf(result) === "no-such-container") return undefined;
  throw new RuntimeError("containerd", problemOf(result), result);
}

export interface TaskState {
  pid: number;
  /** "running", "stopped", "paused", "created", as ctr words it (lower case). */
  status: string;
}

/** The tasks of a namespace by container id (`tasks ls`: TASK PID STATUS). */
export async function tasks(namespace: string): Promise<Map<string, TaskState>> {
  const found = new Map<string, TaskState>();
  for (const line of lines(await ctrOutput(["-n", namespace, "tasks", "ls"])).slice(1)) {
    const [id, pid, status] = line.split(/\s+/);
    if (id !== undefined && pid !== undefined) found.set(id, { pid: Number(pid), status: (status ?? "").toLowerCase() });
  }
  return found;
}

/**
 * The mount a snapshot needs, as `snapshots mounts` prints it (`mount -t overlay overlay TARGET
 * -o index=off,workdir=…,upperdir=…,lowerdir=a:b`, or `mount -t bind SOURCE TARGET -o rbind,rw`
 * for a snapshot with no parent); undefined when there is no such active snapshot.
 */
export async function snapshotMount(
  namespace: string,
  snapshotter: string,
  key: string,
): Promise<{ type: string; source: string; options: Map<string, string> } | undefined> {
  const result = await ctr(["-n", namespace, "snapshots", "--snapshotter", snapshotter, "mounts", "/rootfs", key]);
  if (result.exitCode !== 0) return undefined;
  const line = lines(result.stdout)[0] ?? "";
  const match = /^mount -t (\S+) (.+) \/rootfs -o (.*)$/.exec(line);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  const options = new Map<string, string>();
  for (const option of match[3].split(",")) {
    const equals = option.indexOf("=");
    options.set(equals === -1 ? option : option.slice(0, equals), equals === -1 ? "" : option.slice(equals + 1));
  }
  return { type: match[1], source: match[2], options };
}

export interface ImageRow {
  name: string;
  /** The manifest's digest (what `images ls` shows as DIGEST). */
  digest: string;
}

/** `images ls`: one row per image name (REF TYPE DIGEST SIZE PLATFORMS LABELS). */
export async function imageRows(namespace: string): Promise<ImageRow[]> {
  return lines(await ctrOutput(["-n", namespace, "images", "ls"]))
    .slice(1)
    .flatMap((line) => {
      const [name, , digest] = line.split(/\s+/);
      return name === undefined || digest === undefined ? [] : [{ name, digest }];
    });
}

/** `work` for every item, AT_ONCE at a time, in order. */
export async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by the workers: each takes the next item the moment it is free.
  const pending = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of pending) results[index] = await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return results;
}
