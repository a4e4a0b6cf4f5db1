// containers-storage's storage.conf (containers/storage types/options.go; docs/containers-storage.
// conf.5.md): TOML, of which a store's place needs only string keys of the [storage] table —
// driver, graphroot, runroot, rootless_storage_path. This reads those and nothing else: a key in
// any other table ([storage.options], [storage.options.overlay] …) is not the store's place, and a
// value that is not a plain string (an array, a multi-line string) is left out rather than guessed.
//
// Which file counts (types/options.go loadDefaultStoreOptions): CONTAINERS_STORAGE_CONF when set
// (for this host's own store only: it is the environment of the person asking), else
// /etc/containers/storage.conf, else /usr/share/containers/storage.conf; for a rootless user,
// ~/.config/containers/storage.conf when it exists (its graphroot, else its
// rootless_storage_path), else the system file's rootless_storage_path, else
// ~/.local/share/containers/storage.
import { beneath, readConfigFile } from "./user-stores.js";

export interface StorageConf {
  driver?: string;
  graphroot?: string;
  runroot?: string;
  rootlessStoragePath?: string;
}

const KEYS: Record<string, keyof StorageConf> = {
  driver: "driver",
  graphroot: "graphroot",
  runroot: "runroot",
  rootless_storage_path: "rootlessStoragePath",
};

/** A TOML string value ("basic", with JSON's escapes, or 'literal'), then only a comment; undefined otherwise. */
function stringValue(text: string): string | undefined {
  const basic = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
  if (basic?.[1] !== undefined) {
    try {
      return JSON.parse(`"${basic[1]}"`) as string;
    } catch {
      return undefined;
    }
  }
  const literal = /^'([^']*)'\s*(?:#.*)?$/.exec(text);
  return literal?.[1];
}

/** The [storage] table's string keys of a storage.conf's text. */
export function parseStorageConf(text: string): StorageConf {
  const conf: StorageConf = {};
  let table = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header?.[1] !== undefined) {
      table = header[1].replace(/\s+/g, "");
      continue;
    }
    if (table !== "storage") continue;
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    const key = pair?.[1] === undefined ? undefined : KEYS[pair[1]];
    const value = pair?.[2] === undefined ? undefined : stringValue(pair[2]);
    if (key !== undefined && value !== undefined) conf[key] = value;
  }
  return conf;
}

/** The storage.conf at `path` (already beneath the root), or undefined when there is none to read. */
export function readStorageConf(path: string): StorageConf | undefined {
  const text = readConfigFile(path);
  return text === undefined ? undefined : parseStorageConf(text);
}

/** The system's storage.conf beneath `root`: CONTAINERS_STORAGE_CONF on this host, else /etc's, else /usr/share's. */
export function systemStorageConf(root: string, env: NodeJS.ProcessEnv = process.env): StorageConf {
  const override = root === "/" ? env.CONTAINERS_STORAGE_CONF : undefined;
  if (override !== undefined && override !== "") return readStorageConf(override) ?? {};
  return (
    readStorageConf(beneath(root, "/etc/containers/storage.conf")) ??
    readStorageConf(beneath(root, "/usr/share/containers/storage.conf")) ??
    {}
  );
}
