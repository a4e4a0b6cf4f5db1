// A rootless user's podman containers, as root sees them: a test user of its own (subordinate ids,
// a storage.conf choosing overlay: test/helpers/rootless-podman.ts) runs one container and stops
// another; root's inspect must name both from the user's own store files (no podman is asked as
// them: root's podman does not know them, and their running container's overlay lives only in
// their mount namespace), find each by name, say whose store they are in, and count every byte as
// find(1) does over the layer directories the user's podman names. A name that root's store has
// too is refused with both spelled out, and either is reached as RUNTIME/USER/NAME; a copy of the
// user's store, read with --root, gives the same figures.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { CLI, runCli } from "../helpers/cli.js";
import {
  expectCounted,
  expectOursRead,
  type InspectedMount,
  inspected,
  type RecordedContainer as Recorded,
  wrappedByTerminal,
} from "../helpers/inspect.js";
import { removeTree } from "../helpers/leftovers.js";
import { describeWith } from "../helpers/needs.js";
import { buildBusyboxBase, podman, podmanEnv, testName } from "../helpers/podman.js";
import { createPodmanUser, type TestUser } from "../helpers/rootless-podman.js";
import { Terminal } from "../helpers/tmux.js";

const LANGS = ["en", "zh", "ja"] as const;
const CONTAINERFILE = `FROM localhost/olt-base
RUN mkdir -p /data && dd if=/dev/zero of=/data/big bs=1024 count=200 && echo v1 > /etc/app.conf
RUN rm /data/big && echo v2 > /etc/app.conf
`;

describeWith(["root", "podman", "useradd", "newuidmap"], "a rootless user's podman store, read by root", () => {
  let user: TestUser | undefined;
  const who = (): TestUser => {
    if (user === undefined) throw new Error("the test user was not made");
    return user;
  };
  const running = `ol-test-${process.pid}-urun`;
  // Root's store has a container of this name too.
  const twin = testName("twin");
  const rootBase = `localhost/${testName("rootless-base")}`;
  const recorded = new Map<string, Recorded>();
  let copy = "";

  beforeAll(() => {
    user = createPodmanUser("a", { driver: "overlay" });
    user.importBase("localhost/olt-base");
    user.buildImage("localhost/olt-image", CONTAINERFILE);
    for (const name of [running, twin])
      user.podman(["run", "-d", "--name", name, "--network", "none", "localhost/olt-image", "sleep", "infinity"]);
    user.podman(["exec", running, "sh", "-c", "echo run > /tmp/run && echo more >> /etc/app.conf"]);
    user.podman(["exec", twin, "sh", "-c", "dd if=/dev/zero of=/tmp/log bs=1024 count=64 && rm /etc/ol-release"]);
    user.podman(["stop", "--time", "0", twin]);
    for (const name of [running, twin]) {
      const field = (key: string) => who().podman(["container", "inspect", "--format", key, name]).trim();
      recorded.set(name, {
        id: field("{{.Id}}"),
        upper: field("{{.GraphDriver.Data.UpperDir}}"),
        lower: field("{{.GraphDriver.Data.LowerDir}}").split(":"),
        merged: field("{{.GraphDriver.Data.MergedDir}}"),
      });
    }
    buildBusyboxBase(rootBase);
    podman(["create", "--name", twin, "--network", "none", rootBase, "sleep", "1"]);
  }, 300_000);

  afterAll(() => {
    user?.remove();
    podman(["rm", "--force", "--time", "0", twin], { allowFailure: true });
    podman(["rmi", "--force", "--ignore", rootBase], { allowFailure: true });
    if (copy !== "") removeTree(copy);
  }, 120_000);

  const record = (name: string): Recorded => {
    const found = recorded.get(name);
    if (found === undefined) throw new Error(`${name} was not recorded`);
    return found;
  };
  const owner = () => ({ uid: who().uid, user: who().name });
  const theirs = (mounts: InspectedMount[]) => mounts.filter((mount) => mount.owner?.user === who().name);

  it("as root, inspect names both of the user's containers, says whose store they are in, and counts them as find does", async () => {
    // The store really is on overlay, in their home.
    expect(who().podman(["info", "--format", "{{.Store.GraphDriverName}} {{.Store.GraphRoot}}"]).trim()).toBe(
      `overlay ${who().home}/.local/share/containers/storage`,
    );
    const result = await runCli(["inspect", "--json"], { env: podmanEnv(), timeoutMs: 180_000 });
    expectOursRead(result, [who().home]);
    const mounts = theirs(inspected(result));
    expect(mounts.map((mount) => [mount.container?.name, mount.mounted]).sort()).toEqual([
      [twin, false],
      [running, true],
    ]);
    for (const mount of mounts) {
      const name = mount.container?.name ?? "";
      expect(mount).toMatchObject({ owner: owner(), container: { runtime: "podman", id: record(name).id, name } });
      expectCounted(mount, record(name));
    }
    // Mounted in their own namespace only, where the running one is.
    expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(record(running).upper);
    expect(mounts.find((mount) => mount.mounted)?.mountPoint).toBe(record(running).merged);
  });

  it("inspect NAME finds the running one in their namespace, the stopped one from their files; a shared name is refused, naming both", async () => {
    const found = await runCli(["inspect", running, "--json"], { env: podmanEnv() });
    expect(found.code, found.stderr).toBe(0);
    const [mount] = inspected(found);
    expect(mount).toMatchObject({ mounted: true, owner: owner(), container: { name: running } });
    expectCounted(mount, record(running));

    const shared = await runCli(["inspect", twin], { env: podmanEnv() });
    const both = [`podman/root/${twin}`, `podman/${who().name}/${twin}`];
    expect([shared.code, shared.stderr]).toEqual([2, `overlay-lesson: ${inspectWords("en").ambiguous(twin, "2", both)}\n`]);
    for (const lang of LANGS) {
      const refused = await runCli(["inspect", twin, "--lang", lang], { env: podmanEnv() });
      expect(refused.stderr).toBe(`overlay-lesson: ${inspectWords(lang).ambiguous(twin, "2", both)}\n`);
    }

    const theirsByName = await runCli(["inspect", `podman/${who().name}/${twin}`, "--json"], { env: podmanEnv() });
    expect(theirsByName.code, theirsByName.stderr).toBe(0);
    const [stopped] = inspected(theirsByName);
    // Where it would be mounted (podman names no MergedDir for a stopped container): beside its diff.
    const wouldBe = join(dirname(record(twin).upper), "merged");
    expect(stopped).toMatchObject({ mounted: false, mountPoint: wouldBe, owner: owner(), container: { name: twin } });
    expectCounted(stopped, record(twin));
    // Its own changes (podman adds /etc/mtab and /run/.containerenv of its own).
    const changes = stopped?.changes.map((change) => [change.path, change.kind, change.bytes]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["/etc/ol-release", "deleted", 0],
        ["/tmp/log", "added", 64 * 1024],
      ]),
    );
    const root = await runCli(["inspect", `podman/root/${twin}`, "--json"], { env: podmanEnv() });
    expect(root.code, root.stderr).toBe(0);
    const rootId = podman(["container", "inspect", "--format", "{{.Id}}", twin]).trim();
    expect(inspected(root)[0]).toMatchObject({ mounted: false, owner: null, container: { id: rootId, name: twin } });
  });

  it("--root on a copy of their store and their passwd line: the same containers and figures", async () => {
    copy = mkdtempSync(join(tmpdir(), "ol-test-root-"));
    const passwd = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .filter((line) => line.startsWith(`${who().name}:`));
    mkdirSync(join(copy, "etc"));
    writeFileSync(join(copy, "etc/passwd"), `${passwd.join("\n")}\n`);
    const store = join(who().home, ".local/share/containers/storage");
    mkdirSync(join(copy, store, ".."), { recursive: true });
    execFileSync("cp", ["-a", store, join(copy, store)]);
    const result = await runCli(["inspect", "--root", copy, "--json"], { timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    const mounts = inspected(result);
    expect(mounts.map((mount) => [mount.container?.name, mount.mounted, mount.owner]).sort()).toEqual([
      [twin, false, owner()],
      [running, false, owner()],
    ]);
    const moved = (path: string) => join(copy, path);
    for (const mount of mounts) {
      const original = record(mount.container?.name ?? "");
      expectCounted(mount, { ...original, upper: moved(original.upper), lower: original.lower.map(moved) });
    }
  });

  describeWith(["tmux"], "in a real terminal", () => {
    it.each([60, 80, 100].flatMap((columns) => LANGS.map((lang) => [columns, lang] as const)))(
      "a stopped rootless container's report fits %i columns in %s",
      async (columns, lang) => {
        const target = `podman/${who().name}/${twin}`;
        const argv = [process.execPath, CLI, "inspect", target, "--lang", lang];
        const terminal = new Terminal(argv, { ...podmanEnv(), NO_COLOR: "1", LANG: "C.UTF-8" }, { columns, rows: 60 });
        try {
          expect(await terminal.exitCode(120_000)).toBe(0);
          expect(wrappedByTerminal(terminal)).toEqual([]);
          // Its store's owner and that it is not mounted, however the lines were wrapped.
          const flat = terminal.screen().replace(/\s+/g, "");
          const words = inspectWords(lang);
          for (const line of [words.storeOwner(who().name, who().uid), words.notMounted]) expect(flat).toContain(line.replace(/\s+/g, ""));
        } finally {
          terminal.close();
        }
      },
      180_000,
    );
  });
});
