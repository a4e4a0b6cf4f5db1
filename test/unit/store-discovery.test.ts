// Where the stores are beneath a root (as `inspect --root DIR` reads a disk): root's and every
// user's, from the passwd file, /etc/subuid and the config files that move a store, and what a
// store's files are read as when they are odd (a symlink, a file that is not JSON, an id that is
// a path). The real runtimes' files are read in the e2e tests; this is what they cannot be made
// to write on demand.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readContainersStorage } from "../../src/runtime/containers-storage-files.js";
import { containersStorageStores } from "../../src/runtime/containers-storage-stores.js";
import { chainIds, readDockerStore } from "../../src/runtime/docker-files.js";
import { dockerStores } from "../../src/runtime/docker-stores.js";
import { parseStorageConf } from "../../src/runtime/storage-conf.js";
import { expandForUser, storeUsers } from "../../src/runtime/user-stores.js";

let root = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ol-test-stores-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
const dir = (...paths: string[]) => {
  for (const path of paths) mkdirSync(join(root, path), { recursive: true });
};
/** A containers-storage graphroot with an overlay store in it (its home and its layer list). */
const graphRoot = (path: string, driver = "overlay") => dir(`${path}/${driver}`, `${path}/${driver}-layers`);

const PASSWD = [
  "root:x:0:0:root:/root:/bin/bash",
  "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
  "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
  "alice:x:1000:1000::/home/alice:/bin/bash",
  "bob:x:1001:1001::/home/bob:/bin/bash",
  "carol:x:1002:1002::/srv/carol:/bin/bash",
  "",
].join("\n");

describe("whose stores", () => {
  it("lists every user with a home but root, those with subordinate ids first (by name or uid)", () => {
    write("etc/passwd", PASSWD);
    write("etc/subuid", "carol:100000:65536\n1001:165536:65536\n");
    dir("root", "usr/sbin", "home/alice", "home/bob", "srv/carol");
    expect(storeUsers(root).map((user) => [user.user, user.uid, user.home])).toEqual([
      ["bob", 1001, "/home/bob"],
      ["carol", 1002, "/srv/carol"],
      ["daemon", 1, "/usr/sbin"],
      ["alice", 1000, "/home/alice"],
    ]);
  });

  it("expands $HOME, $USER, $UID (bare or braced) for the user, and gives up on what only their environment knows", () => {
    const user = { user: "alice", uid: 1000, home: "/home/alice" };
    const braced = "$" + "{USER}";
    expect(expandForUser(`$HOME/store-$UID/${braced}`, user)).toBe("/home/alice/store-1000/alice");
    expect(expandForUser("$XDG_DATA_HOME/containers/storage", user)).toBeUndefined();
    expect(expandForUser("relative/store", user)).toBeUndefined();
  });

  it("reads storage.conf's [storage] strings, and nothing of the other tables", () => {
    const conf = parseStorageConf(
      [
        "# a comment",
        "[storage]",
        'driver = "overlay"   # trailing comment',
        "graphroot = '/srv/containers'",
        'runroot = "/run/\\u0063ontainers"',
        'rootless_storage_path = "$HOME/.store"',
        "[storage.options]",
        'graphroot = "/not/this/one"',
        "[storage.options.overlay]",
        'mountopt = "nodev"',
      ].join("\n"),
    );
    expect(conf).toEqual({
      driver: "overlay",
      graphroot: "/srv/containers",
      runroot: "/run/containers",
      rootlessStoragePath: "$HOME/.store",
    });
  });
});

describe("containers-storage stores beneath a root", () => {
  it("finds root's store where storage.conf moves it and at the default, and each user's", () => {
    write("etc/passwd", PASSWD);
    write("etc/subuid", "bob:100000:65536\n");
    write("etc/containers/storage.conf", '[storage]\ndriver = "overlay"\ngraphroot = "/srv/containers"\n');
    graphRoot("srv/containers");
    graphRoot("var/lib/containers/storage");
    // alice moved hers with her own storage.conf and left the default one behind; bob's is on vfs.
    write("home/alice/.config/containers/storage.conf", '[storage]\ngraphroot = "$HOME/big/store"\n');
    graphRoot("home/alice/big/store");
    graphRoot("home/alice/.local/share/containers/storage");
    graphRoot("home/bob/.local/share/containers/storage", "vfs");
    // carol's home has no store, daemon's neither.
    dir("usr/sbin", "srv/carol");
    const stores = containersStorageStores(root, {});
    expect(stores.map((store) => [store.root.slice(root.length), store.layers.slice(root.length), store.owner?.user])).toEqual([
      ["/srv/containers", "/srv/containers/overlay", undefined],
      ["/var/lib/containers/storage", "/var/lib/containers/storage/overlay", undefined],
      ["/home/bob/.local/share/containers/storage", "/home/bob/.local/share/containers/storage/vfs", "bob"],
      ["/home/alice/big/store", "/home/alice/big/store/overlay", "alice"],
      ["/home/alice/.local/share/containers/storage", "/home/alice/.local/share/containers/storage/overlay", "alice"],
    ]);
    // Beneath another root, no runroot: that machine's run-time files are not this one's.
    expect(stores.every((store) => store.under === root && store.runRoot === undefined)).toBe(true);
  });

  it("takes the system's rootless_storage_path for a user without a storage.conf of their own", () => {
    write("etc/passwd", PASSWD);
    write("etc/containers/storage.conf", '[storage]\nrootless_storage_path = "/var/tmp/$USER/storage"\n');
    dir("home/alice");
    graphRoot("var/tmp/alice/storage");
    expect(containersStorageStores(root, {}).map((store) => [store.root.slice(root.length), store.owner])).toEqual([
      ["/var/tmp/alice/storage", { uid: 1000, user: "alice" }],
    ]);
  });

  it("does not take a bare overlay/ directory for a store", () => {
    dir("var/lib/containers/storage/overlay");
    expect(containersStorageStores(root, {})).toEqual([]);
  });

  it("follows a symlinked home as that machine would, never out of the root", () => {
    write("etc/passwd", PASSWD);
    dir("home", "srv/alice-real");
    graphRoot("srv/alice-real/.local/share/containers/storage");
    // Absolute links are the disk's own: /srv/alice-real beneath the root, not this host's.
    symlinkSync("/srv/alice-real", join(root, "home/alice"));
    // A link that climbs out stops at the root, as it would at that machine's /.
    symlinkSync("../../../../../../srv/alice-real", join(root, "home/bob"));
    expect(containersStorageStores(root, {}).map((store) => [store.root.slice(root.length), store.owner?.user])).toEqual([
      ["/srv/alice-real/.local/share/containers/storage", "alice"],
    ]);
  });
});

describe("docker stores beneath a root", () => {
  it("finds the data root daemon.json names, the default beside it, and a rootless user's", () => {
    write("etc/passwd", PASSWD);
    write("etc/docker/daemon.json", JSON.stringify({ "data-root": "/data/docker", "log-driver": "local" }));
    dir("data/docker/overlay2/l", "var/lib/docker/overlay2/l", "home/alice/.local/share/docker/overlay2/l", "home/bob");
    expect(dockerStores(root).map((store) => [store.root.slice(root.length), store.owner?.user])).toEqual([
      ["/data/docker", undefined],
      ["/var/lib/docker", undefined],
      ["/home/alice/.local/share/docker", "alice"],
    ]);
  });
});

describe("a store's files, when they are odd", () => {
  const dockerStore = () => ({ kind: "docker-overlay2", root: join(root, "docker"), layers: join(root, "docker/overlay2"), under: root });

  it("computes docker's chain ids as layer_store.go does", () => {
    const [a, b] = [`sha256:${"1".repeat(64)}`, `sha256:${"2".repeat(64)}`];
    const chain = chainIds([a, b]);
    expect(chain[0]).toBe(a);
    expect(chain[1]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(chainIds([a, b])).toEqual(chain);
  });

  it("never follows a symlinked metadata file, and joins no id that is a path", async () => {
    const outside = join(root, "outside.json");
    writeFileSync(outside, JSON.stringify({ ID: "x", Name: "/leak", Driver: "overlay2" }));
    dir("docker/overlay2/l", "docker/containers/aaa", "docker/containers/bbb", "docker/image/overlay2/layerdb/mounts/bbb");
    symlinkSync(outside, join(root, "docker/containers/aaa/config.v2.json"));
    write("docker/containers/bbb/config.v2.json", JSON.stringify({ ID: "bbb", Name: "/web", Driver: "overlay2" }));
    write("docker/image/overlay2/layerdb/mounts/bbb/mount-id", "../../../../etc");
    const contents = await readDockerStore(dockerStore(), new Set());
    expect(contents.containers).toEqual([]);
    expect(contents.problems).toEqual([
      { kind: "symlink", path: join(root, "docker/containers/aaa/config.v2.json") },
      { kind: "not-layer-id", path: join(root, "docker/image/overlay2/layerdb/mounts/bbb/mount-id") },
    ]);
  });

  it("reads a file again that is not JSON at first, and says so when it still is not", async () => {
    dir("cs/overlay/l", "cs/overlay/def/diff", "cs/overlay-layers", "cs/overlay-containers");
    const containers = join(root, "cs/overlay-containers/containers.json");
    writeFileSync(containers, '[{"id": "abc", "names": ["half-writ');
    const store = { kind: "containers-storage", root: join(root, "cs"), layers: join(root, "cs/overlay"), under: root };
    const broken = await readContainersStorage(store, new Set());
    expect(broken.problems).toEqual([{ kind: "not-json", path: containers, error: expect.any(String) }]);
    // Written whole while the first read waits: the second read has it.
    writeFileSync(containers, '[{"id": "abc", "names": ["half-writ');
    setTimeout(() => writeFileSync(containers, JSON.stringify([{ id: "abc", names: ["web"], image: "", layer: "def" }])), 20);
    const healed = await readContainersStorage(store, new Set());
    expect(healed.containers.map((container) => [container.name, container.upper])).toEqual([["web", join(root, "cs/overlay/def/diff")]]);
    expect(healed.problems).toEqual([]);
    // A container whose layer is gone from the disk is not counted as empty: it is named as a problem.
    writeFileSync(containers, JSON.stringify([{ id: "abc", names: ["web"], image: "", layer: "gone" }]));
    const lost = await readContainersStorage(store, new Set());
    expect([lost.containers, lost.problems]).toEqual([
      [],
      [{ kind: "container-layer-gone", container: "web", layer: join(root, "cs/overlay/gone/diff") }],
    ]);
  });
});
