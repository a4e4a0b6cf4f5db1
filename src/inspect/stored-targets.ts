// The containers the stores' own files know (runtime/readStores: docker's config.v2.json and
// layerdb, containers-storage's JSON files; root's stores and every user's rootless one), for
// inspect: a mounted overlay no runtime could name is named from them (a rootless user's, in their
// own mount namespace); a container that is not mounted (stopped, created, its daemon down) is a
// target of its own, read from its layer directories exactly as a mounted one is, no mount needed;
// one TARGET may name a container of any store. Under --root DIR only the stores beneath DIR are
// read: no mount is looked at, no runtime asked, nothing in /proc used.
import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { ChalkInstance } from "chalk";
import { formatCount } from "../i18n/format.js";
import type { MountNamespace } from "../overlay/discover.js";
import {
  adapterFor,
  type ContainerInfo,
  classifyStore,
  closedStoresUnder,
  isRuntime,
  type RuntimeAdapter,
  readStores,
  type StoreContents,
  type StoredContainer,
  type StoreOwner,
  type StoreProblem,
  storedContainerInfo,
  storesUnder,
  withoutTrailingSlash,
} from "../runtime/index.js";
import { EXIT_USAGE, ExitError } from "../sys/errors.js";
import { layout } from "./layout.js";
import { storeProblemText } from "./store-problems.js";
import type { InspectTarget, TargetSelection } from "./targets.js";
import type { InspectWords } from "./words/index.js";

const OWN_NAMESPACE: MountNamespace = { inode: 0, pid: process.pid, own: true };

/** A container as one store's files describe it, with that store. */
export interface StoredMatch {
  contents: StoreContents;
  container: StoredContainer;
}

/** Its layers are an overlay stack (not vfs's full copies): inspect can read it. */
function onOverlay(contents: StoreContents): boolean {
  return adapterFor(contents.runtime).overlayDrivers.has(contents.driver);
}

/** The container as the rest of inspect knows containers (the shape a runtime's CLI gives). */
export function storedInfo({ contents, container }: StoredMatch): ContainerInfo {
  return storedContainerInfo(contents, container);
}

/** Every overlay store's container, by its writable layer's directory (the one no two containers share). */
export function storedByUpper(stores: readonly StoreContents[]): Map<string, StoredMatch> {
  const byUpper = new Map<string, StoredMatch>();
  for (const contents of stores.filter(onOverlay)) {
    for (const container of contents.containers) byUpper.set(withoutTrailingSlash(container.upper), { contents, container });
  }
  return byUpper;
}

/**
 * Targets found mounted, named from the stores where no runtime named them (as root, a rootless
 * user's container: no CLI of ours knows it), each with the owner of its store.
 */
export function withStoreNames(targets: readonly InspectTarget[], byUpper: ReadonlyMap<string, StoredMatch>): InspectTarget[] {
  return targets.map((target) => {
    const match = target.upper === undefined ? undefined : byUpper.get(withoutTrailingSlash(target.upper));
    if (match === undefined) return target;
    const owner = match.contents.owner;
    return { ...target, container: target.container ?? storedInfo(match), ...(owner === null ? {} : { owner }) };
  });
}

/** A container that is not mounted, as a target: its layers from its store, where it would be mounted. */
export function notMountedTarget(match: StoredMatch, info: ContainerInfo = storedInfo(match), underRoot?: string): InspectTarget {
  const { container, contents } = match;
  const owner = contents.owner;
  return {
    mountPoint: container.mergedDir ?? null,
    mounted: false,
    namespace: OWN_NAMESPACE,
    lower: container.lower,
    upper: container.upper,
    // A rootless store's layers carry user.overlay.* marks (its mounts use userxattr).
    userXattr: owner !== null,
    store: classifyStore({ lower: container.lower, upper: container.upper, namespace: OWN_NAMESPACE }).kind,
    container: info,
    problems: [],
    ...(owner === null ? {} : { owner }),
    ...(underRoot === undefined ? {} : { underRoot }),
  };
}

/** Every overlay store's container whose writable layer is not the upper of a mounted overlay. */
export function notMountedTargets(stores: readonly StoreContents[], mounted: ReadonlySet<string>, underRoot?: string): InspectTarget[] {
  return [...storedByUpper(stores).entries()]
    .filter(([upper]) => !mounted.has(upper))
    .map(([, match]) => notMountedTarget(match, storedInfo(match), underRoot));
}

/** "user/…" in a qualified TARGET: the owner's name, "root" for the system's store. */
function ownerName(owner: StoreOwner | null): string {
  return owner?.user ?? "root";
}

/** RUNTIME/USER/NAME, as inspect lists a name several stores share (and accepts back as TARGET). */
export function qualifiedName(match: { runtime: string; owner: StoreOwner | null; name: string }): string {
  return `${match.runtime}/${ownerName(match.owner)}/${match.name}`;
}

interface Wanted {
  /** A name, an id, or the start of an id. */
  name: string;
  runtime?: string;
  user?: string;
}

/** TARGET as a name or id, or RUNTIME/USER/NAME (two slashes, no leading one, a runtime we know). */
export function wantedOf(target: string): Wanted {
  const [runtime, user, name, ...rest] = target.split("/");
  if (
    rest.length > 0 ||
    runtime === undefined ||
    user === undefined ||
    name === undefined ||
    !isRuntime(runtime) ||
    user === "" ||
    name === ""
  ) {
    return { name: target };
  }
  return { name, runtime, user };
}

/** Does the container answer to `name`: its name or its id exactly (best), or the start of its id (as docker and podman take one). */
function answers(container: { id: string; name: string }, name: string): "exact" | "prefix" | undefined {
  if (container.name === name || container.id === name) return "exact";
  return name.length >= 1 && /^[0-9a-f]+$/.test(name) && container.id.startsWith(name) ? "prefix" : undefined;
}

/** The best matches of `wanted` among `candidates`: exact ones if any, else those whose id starts with it. */
function bestMatches<T extends { id: string; name: string; runtime: string; owner: StoreOwner | null }>(
  candidates: readonly T[],
  wanted: Wanted,
): T[] {
  const eligible = candidates.filter(
    (candidate) =>
      (wanted.runtime === undefined || candidate.runtime === wanted.runtime) &&
      (wanted.user === undefined || ownerName(candidate.owner) === wanted.user),
  );
  const exact = eligible.filter((candidate) => answers(candidate, wanted.name) === "exact");
  return exact.length > 0 ? exact : eligible.filter((candidate) => answers(candidate, wanted.name) === "prefix");
}

/** A container TARGET names: from a store's files, or from a runtime's CLI (a store not on disk where we look). */
export interface FoundContainer {
  runtime: string;
  id: string;
  name: string;
  owner: StoreOwner | null;
  match: StoredMatch | undefined;
  info: ContainerInfo;
}

/**
 * Every container `target` names, in the stores and in the runtimes that answer (each asked by the
 * bare name; one a runtime and a store both know is one container).
 */
export async function findNamed(
  target: string,
  stores: readonly StoreContents[],
  runtimes: readonly RuntimeAdapter[],
): Promise<FoundContainer[]> {
  const wanted = wantedOf(target);
  const candidates: FoundContainer[] = stores.flatMap((contents) =>
    contents.containers.map((container) => ({
      runtime: contents.runtime,
      id: container.id,
      name: container.name,
      owner: contents.owner,
      match: { contents, container },
      info: storedInfo({ contents, container }),
    })),
  );
  for (const adapter of runtimes) {
    let info: ContainerInfo | undefined;
    try {
      info = await adapter.cli.findContainer(wanted.name);
    } catch {
      continue; // it answered a moment ago; the stores may still know the name
    }
    if (info === undefined) continue;
    const known = candidates.find((candidate) => candidate.runtime === info.runtime && candidate.id === info.id);
    // The CLI's answer has what the files lack (the pid, podman's labels); the store says whose.
    if (known !== undefined) known.info = info;
    else candidates.push({ runtime: info.runtime, id: info.id, name: info.name, owner: null, match: undefined, info });
  }
  return bestMatches(candidates, wanted);
}

/** The one container TARGET names, or the line that says why there is not one (exit 2). */
export function theOne(target: string, found: readonly FoundContainer[], words: InspectWords): FoundContainer | undefined {
  if (found.length > 1) throw new ExitError(EXIT_USAGE, words.ambiguous(target, formatCount(found.length), found.map(qualifiedName)));
  const [one] = found;
  if (one?.match !== undefined && !onOverlay(one.match.contents)) {
    const { contents } = one.match;
    throw new ExitError(EXIT_USAGE, words.vfsContainer(one.name, contents.runtime, ownerName(contents.owner), contents.store.root));
  }
  return one;
}

/** Each store's problems, once: what its files could not tell. */
export function storeProblems(stores: readonly StoreContents[]): StoreProblem[] {
  return stores.flatMap((contents) => contents.problems);
}

/** How many of the stores' problems the closing note quotes before "and N more". */
const QUOTED_PROBLEMS = 3;

/** The closing note for a person: some store files could not be read, so a container may be missing; "" when none. */
export function storeProblemsNote(
  problems: readonly StoreProblem[],
  words: InspectWords,
  chalk: ChalkInstance,
  width: number | undefined,
): string {
  if (problems.length === 0) return "";
  const shown = problems.slice(0, QUOTED_PROBLEMS).map((problem) => storeProblemText(problem, words));
  const text = words.storeProblems(formatCount(problems.length), shown, formatCount(problems.length - shown.length));
  return `${layout([{ indent: 0, text, style: chalk.yellow }], width)}\n`;
}

/** `--root DIR` as a directory (a link to one is followed: it is the user's own word), or exit 2. */
function rootDirectory(root: string, words: InspectWords): string {
  try {
    if (statSync(root).isDirectory()) return realpathSync(resolve(root));
  } catch {
    // not there: said below
  }
  throw new ExitError(EXIT_USAGE, words.rootNotDirectory(root));
}

/** `inspect --root DIR [TARGET]`: every container of the stores beneath DIR (or the one TARGET names), none mounted. */
export async function targetsUnderRoot(root: string, target: string | undefined, words: InspectWords): Promise<TargetSelection> {
  const dir = rootDirectory(root, words);
  const stores = storesUnder(dir);
  // A store that is there but closed to us (root's, to an ordinary user) is not "no store": the summary says which.
  if (stores.length === 0 && closedStoresUnder(dir).length === 0) throw new ExitError(EXIT_USAGE, words.rootNoStore(root));
  const contents = await readStores(stores, new Set());
  const problems = storeProblems(contents);
  if (target === undefined)
    return { targets: notMountedTargets(contents, new Set(), dir), unreadableNamespaces: [], storeProblems: problems, stores: contents };
  const one = theOne(target, await findNamed(target, contents, []), words);
  if (one?.match === undefined) throw new ExitError(EXIT_USAGE, words.notFoundUnderRoot(target, root));
  return { targets: [notMountedTarget(one.match, one.info, dir)], unreadableNamespaces: [], storeProblems: problems };
}
