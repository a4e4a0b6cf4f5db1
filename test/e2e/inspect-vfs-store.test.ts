// A rootless user's store on the vfs driver: what rootless podman 4.3 falls back to when no
// storage.conf chooses overlay (DESIGN.md), where every container is a full copy of its image and
// every image layer a full copy of the layers below it. Its store is read as root from its own
// files (every layer directory, each container's, its driver and whose it is), its bytes held to
// find(1) over vfs/dir; inspect lists none of its containers as overlays, and refuses one named as
// TARGET with that reason, in each language.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inspectWords } from "../../src/inspect/words/index.js";
import { readStoresUnder, type StoreContents } from "../../src/runtime/index.js";
import { runCli } from "../helpers/cli.js";
import { expectOursRead, inspected, totals } from "../helpers/inspect.js";
import { describeWith } from "../helpers/needs.js";
import { podmanEnv } from "../helpers/podman.js";
import { createPodmanUser, type TestUser } from "../helpers/rootless-podman.js";

const LANGS = ["en", "zh", "ja"] as const;

describeWith(["root", "podman", "useradd", "newuidmap"], "a rootless user's store on vfs", () => {
  let user: TestUser | undefined;
  const who = (): TestUser => {
    if (user === undefined) throw new Error("the test user was not made");
    return user;
  };
  const name = `ol-test-${process.pid}-vfs`;
  let graphRoot = "";

  beforeAll(() => {
    user = createPodmanUser("v");
    // No storage.conf: podman's own choice, which is vfs here; a podman that would choose
    // otherwise is told to use vfs, so that the store is one either way.
    if (user.podman(["info", "--format", "{{.Store.GraphDriverName}}"]).trim() !== "vfs") user.useDriver("vfs");
    graphRoot = user.podman(["info", "--format", "{{.Store.GraphRoot}}"]).trim();
    user.importBase("localhost/olt-base");
    user.buildImage("localhost/olt-vfs", "FROM localhost/olt-base\nRUN dd if=/dev/zero of=/big bs=1024 count=100\n");
    user.podman(["run", "--name", name, "--network", "none", "localhost/olt-vfs", "sh", "-c", "echo hi > /tmp/hi"]);
  }, 300_000);

  afterAll(() => user?.remove(), 120_000);

  const theirStore = async (): Promise<StoreContents> => {
    const store = (await readStoresUnder("/")).find((contents) => contents.owner?.user === who().name);
    if (store === undefined) throw new Error(`no store of ${who().name} was found`);
    return store;
  };

  it("is read from its files: driver vfs, whose it is, every layer directory on disk, the container a whole copy", async () => {
    const store = await theirStore();
    expect(store).toMatchObject({ runtime: "podman", driver: "vfs", owner: { uid: who().uid, user: who().name }, problems: [] });
    expect(store.store.root).toBe(graphRoot);
    const dirs = join(graphRoot, "vfs/dir");
    const onDisk = readdirSync(dirs).map((id) => join(dirs, id));
    expect(store.layers.map((layer) => layer.dir).sort()).toEqual(onDisk.sort());
    // Its bytes: every directory listed, so the listed ones add up to all vfs/dir holds.
    const listed = store.layers.reduce((sum, layer) => sum + totals(layer.dir).bytes, 0);
    expect(listed).toBe(totals(dirs).bytes);
    const id = who().podman(["container", "inspect", "--format", "{{.Id}}", name]).trim();
    const container = store.containers.find((found) => found.id === id);
    expect(container).toMatchObject({ name, image: "localhost/olt-vfs:latest", state: "stopped", lower: [] });
    // A whole copy: the image's 100 KiB file and busybox again, plus the container's own file.
    const image = store.images.find((found) => found.names.includes("localhost/olt-vfs:latest"));
    const top = image?.layers[0] ?? "";
    expect(totals(container?.upper ?? "").bytes).toBe(totals(top).bytes + 3);
    // And each image layer a copy of the ones below it.
    expect(image?.layers.map((layer) => totals(layer).bytes)).toEqual([totals(top).bytes, totals(top).bytes - 100 * 1024]);
  });

  it("inspect lists none of its containers as an overlay, and refuses it by name with the reason", async () => {
    const all = await runCli(["inspect", "--json"], { env: podmanEnv(), timeoutMs: 180_000 });
    expectOursRead(all, [who().home]);
    expect(inspected(all).filter((mount) => mount.owner?.user === who().name)).toEqual([]);
    for (const lang of LANGS) {
      const refused = await runCli(["inspect", name, "--lang", lang], { env: podmanEnv() });
      const line = inspectWords(lang).vfsContainer(name, "podman", who().name, graphRoot);
      expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, "", `overlay-lesson: ${line}\n`]);
    }
  });
});
