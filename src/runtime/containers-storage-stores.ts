// Where containers-storage keeps stores beneath a root: the system's (root's) graphroot, and every
// user's rootless one (user-stores.ts says whose; storage-conf.ts which config file says where).
// A default place that holds a store is listed too when a config file points elsewhere: a store
// left behind by a changed config still fills the disk. One graphroot may hold a store per driver
// (types/options.go: <graphroot>/<driver> beside <graphroot>/<driver>-layers …): overlay (alias
// overlay2) and vfs, each its own StoreOnDisk.
import { join } from "node:path";
import type { ClosedPlace, StoreOnDisk, StoreOwner } from "./adapter.js";
import { readStorageConf, type StorageConf, systemStorageConf } from "./storage-conf.js";
import { beneath, closedDirectory, expandForUser, isDirectoryHere, type StoreUser, storeUsers } from "./user-stores.js";

export const CONTAINERS_STORAGE = "containers-storage";

const SYSTEM_GRAPH_ROOT = "/var/lib/containers/storage";
const SYSTEM_RUN_ROOT = "/run/containers/storage";
const USER_GRAPH_ROOT = ".local/share/containers/storage";
/** The drivers whose layers inspect can list: overlay's diff dirs (overlay2 is its alias), vfs's full copies. */
const DRIVERS = ["overlay", "overlay2", "vfs"] as const;

interface GraphRoot {
  /** Absolute, as the machine beneath the root names it. */
  graphRoot: string;
  runRoot: string | undefined;
  owner: StoreOwner | undefined;
}

function systemRoots(root: string, env: NodeJS.ProcessEnv): { roots: GraphRoot[]; conf: StorageConf } {
  const conf = systemStorageConf(root, env);
  const configured = conf.graphroot?.startsWith("/") === true ? conf.graphroot : SYSTEM_GRAPH_ROOT;
  const runRoot = conf.runroot?.startsWith("/") === true ? conf.runroot : SYSTEM_RUN_ROOT;
  const roots: GraphRoot[] = [{ graphRoot: configured, runRoot, owner: undefined }];
  if (configured !== SYSTEM_GRAPH_ROOT) roots.push({ graphRoot: SYSTEM_GRAPH_ROOT, runRoot: SYSTEM_RUN_ROOT, owner: undefined });
  return { roots, conf };
}

/** A user's rootless graphroots: where their storage.conf (or the system's rootless_storage_path) says, and the default. */
function userRoots(root: string, user: StoreUser, system: StorageConf): GraphRoot[] {
  const own = readStorageConf(beneath(root, join(user.home, ".config/containers/storage.conf")));
  const configured =
    own === undefined ? system.rootlessStoragePath : (own.graphroot ?? own.rootlessStoragePath ?? system.rootlessStoragePath);
  const fallback = join(user.home, USER_GRAPH_ROOT);
  const graphRoot = configured === undefined ? fallback : (expandForUser(configured, user) ?? fallback);
  // XDG_RUNTIME_DIR of a login session: the runroot podman uses for them by default.
  const runRoot = (own?.runroot === undefined ? undefined : expandForUser(own.runroot, user)) ?? `/run/user/${user.uid}/containers`;
  const owner = { uid: user.uid, user: user.user };
  const roots = [{ graphRoot, runRoot, owner }];
  if (graphRoot !== fallback) roots.push({ graphRoot: fallback, runRoot, owner });
  return roots;
}

/** The stores of one graphroot (`here`: reached from this host): one per driver that has its home there. */
function storesOf(root: string, here: string, { runRoot, owner }: GraphRoot): StoreOnDisk[] {
  return DRIVERS.filter((driver) => isDirectoryHere(join(here, driver)) && isDirectoryHere(join(here, `${driver}-layers`))).map(
    (driver) => ({
      kind: CONTAINERS_STORAGE,
      root: here,
      layers: join(here, driver),
      under: root,
      ...(owner === undefined ? {} : { owner }),
      // Under --root the run-time files are another boot's (or none): only this host's are read.
      ...(runRoot === undefined || root !== "/" ? {} : { runRoot }),
    }),
  );
}

/** Every containers-storage store beneath `root`: the system's first, then each user's. */
export function containersStorageStores(root: string, env: NodeJS.ProcessEnv = process.env): StoreOnDisk[] {
  const { roots, conf } = systemRoots(root, env);
  const all = [...roots, ...storeUsers(root).flatMap((user) => userRoots(root, user, conf))];
  // Two names for one directory (a home that is a link, a config naming the default) are one store.
  const seen = new Set<string>();
  return all.flatMap((graphRoot) => {
    const here = beneath(root, graphRoot.graphRoot);
    if (seen.has(here)) return [];
    seen.add(here);
    return storesOf(root, here, graphRoot);
  });
}

/** The system's graphroots beneath `root` that we may not look into (/var/lib/containers is root's, 0700). */
export function closedContainersStorageStores(root: string, env: NodeJS.ProcessEnv = process.env): ClosedPlace[] {
  return systemRoots(root, env).roots.flatMap(({ graphRoot }) => {
    const here = beneath(root, graphRoot);
    const code = closedDirectory(join(here, "overlay"));
    return code === undefined ? [] : [{ runtime: "podman" as const, root: here, code }];
  });
}
