// The registry of runtime adapters: which runtimes the program drives, in which order, and the
// one place that picks an adapter (STYLE.md: dive's get_image_resolver.go, one switch). Callers
// never name a runtime: they ask for every adapter, the ones that answer, the ones a store
// belongs to, or the first that answers. Adding a runtime: its module, its line here, its words.
import type { RuntimeAdapter, RuntimeLifecycle } from "./adapter.js";
import { containerd, containerdSnapshots } from "./containerd.js";
import type { RuntimeProbe } from "./detect.js";
import { docker, dockerOverlay2 } from "./docker.js";
import { containersStorage, podman } from "./podman.js";

/**
 * The runtimes we drive, in the order we prefer them (container-demo and inspect --image ask
 * docker first). containerd is asked by inspect alone: it has no lifecycle (lessonRuntimes) and
 * no image layers to give (imageRuntimes).
 */
export const RUNTIMES = ["docker", "podman", "containerd"] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

const ADAPTERS: { readonly [Name in RuntimeName]: RuntimeAdapter } = { docker, podman, containerd };

/**
 * Every store layout we can tell from a layer's path, in the order they are tried: a
 * containers-storage home may be named overlay2 like docker's, and only its overlay-layers
 * directory tells them apart, so it is asked first. containerd's snapshots have a shape of their own.
 */
export const LAYOUTS = [containerdSnapshots, containersStorage, dockerOverlay2] as const;
/** A store's kind as inspect prints it; "plain" for layers in no store we know. */
export type StoreKind = (typeof LAYOUTS)[number]["kind"] | "plain";

export function isRuntime(value: string): value is RuntimeName {
  return (RUNTIMES as readonly string[]).includes(value);
}

export function adapterFor(name: RuntimeName): RuntimeAdapter {
  return ADAPTERS[name];
}

/** The adapters of `names` (default: all), in order of preference. */
export function adapters(names: readonly RuntimeName[] = RUNTIMES): RuntimeAdapter[] {
  return RUNTIMES.filter((name) => names.includes(name)).map(adapterFor);
}

/** The lifecycle of a runtime from lessonRuntimes(); asking another's is a bug in the caller. */
export function lifecycleOf(name: RuntimeName): RuntimeLifecycle {
  const { lifecycle } = adapterFor(name);
  if (lifecycle === undefined) throw new Error(`${name} cannot run, exec in or remove a container here`);
  return lifecycle;
}

/** The runtimes that can run, exec in and remove a container of ours (container-demo, cleanup). */
export function lessonRuntimes(): RuntimeName[] {
  return adapters()
    .filter((adapter) => adapter.lifecycle !== undefined)
    .map((adapter) => adapter.name);
}

/** The runtimes that can say where an image's layers are (inspect --image asks them, and takes --runtime among them). */
export function imageRuntimes(): RuntimeName[] {
  return adapters()
    .filter((adapter) => adapter.imageLayers !== false)
    .map((adapter) => adapter.name);
}

/** Every variable that tells one of the runtimes' CLIs where its runtime is (the practice shell keeps them). */
export function runtimeEnvironment(): string[] {
  return adapters().flatMap((adapter) => adapter.environment);
}

/** Files (relative to a container's root) that some runtime makes in its containers: never the image's to change. */
export function runtimeOwnFiles(): ReadonlySet<string> {
  return new Set(adapters().flatMap((adapter) => adapter.ownFiles));
}

/** The adapters whose store holds one of `kinds`: only they are asked about those overlays (a probe costs a spawn). */
export function adaptersOfStores(kinds: readonly StoreKind[]): RuntimeAdapter[] {
  return adapters().filter((adapter) => (kinds as readonly string[]).includes(adapter.layout.kind));
}

/** Each of `names`' probe, in order of preference, asked at once. */
export function probeRuntimes(names: readonly RuntimeName[] = RUNTIMES): Promise<RuntimeProbe[]> {
  return Promise.all(adapters(names).map((adapter) => adapter.probe()));
}

/** The adapters among `among` that answer, in order of preference (none that asking would make state for: makesStateWhenAsked). */
export async function answering(among: readonly RuntimeAdapter[] = adapters()): Promise<RuntimeAdapter[]> {
  const askable = among.filter((adapter) => adapter.makesStateWhenAsked?.() !== true);
  const probes = await Promise.all(askable.map((adapter) => adapter.probe()));
  return askable.filter((_, index) => probes[index]?.state === "ok");
}

/** The probe says the runtime answers with a driver whose containers are overlay mounts we read. */
export function drivesOverlays(probe: RuntimeProbe): boolean {
  return probe.state === "ok" && adapterFor(probe.runtime).overlayDrivers.has(probe.driver ?? "");
}

export interface RuntimeChoice {
  /** Every runtime asked, in order of preference: `wanted` alone, when given. */
  probes: RuntimeProbe[];
  /** The first that answers. */
  chosen: RuntimeProbe | undefined;
  /** One preferred before it that is there but did not answer (docker without its daemon). */
  skipped: RuntimeProbe | undefined;
}

/** `wanted`, or the first of `among` that answers (--runtime, or the order of preference). */
export async function firstAnswering(wanted: RuntimeName | undefined, among: readonly RuntimeName[] = RUNTIMES): Promise<RuntimeChoice> {
  const probes = await probeRuntimes(wanted === undefined ? among : [wanted]);
  const index = probes.findIndex((probe) => probe.state === "ok");
  const chosen = index === -1 ? undefined : probes[index];
  const skipped = chosen === undefined ? undefined : probes.slice(0, index).find((probe) => probe.state !== "absent");
  return { probes, chosen, skipped };
}
