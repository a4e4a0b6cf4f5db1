// docker's store read from its own files (src/runtime/docker-files.ts), against a dockerd of the
// test's own (test/helpers/docker.ts): a running container and a stopped one of an image built
// here, found and counted by inspect with the daemon up, then with the daemon stopped (nothing
// mounted, nothing to ask: config.v2.json, layerdb and repositories.json alone), then on a copy of
// the store read with --root. Every figure is held to find(1) over the layer directories docker
// itself named (docker inspect, asked while it ran), never to src/. The daemon's data root comes
// from a flag, which nothing can read once the daemon is down: the CLI runs where /etc/docker
// holds a daemon.json naming it (withDaemonJson), as a host configured that way would.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { HostSummary } from "../../src/inspect/summary/model.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { adapterFor } from "../../src/runtime/index.js";
import { runCli } from "../helpers/cli.js";
import { buildDockerImage, importBusyboxBase, startDocker, type TestDocker, withDaemonJson } from "../helpers/docker.js";
import {
  expectCounted,
  expectOursRead,
  type InspectedMount,
  inspected,
  type RecordedContainer as Recorded,
  totals,
} from "../helpers/inspect.js";
import { removeTree } from "../helpers/leftovers.js";
import { describeWith } from "../helpers/needs.js";

const LANGS = ["en", "zh", "ja"] as const;
const IMAGE = "ol-test-stores";
const STEPS = [
  "RUN mkdir -p /data && dd if=/dev/zero of=/data/big bs=1024 count=200 && echo v1 > /etc/app.conf",
  "RUN rm /data/big && echo v2 > /etc/app.conf",
];

describeWith(["root", "dockerd"], "docker's store from its own files, the daemon up, then down", () => {
  let docker: TestDocker | undefined;
  const daemon = (): TestDocker => {
    if (docker === undefined) throw new Error("the test dockerd did not start");
    return docker;
  };
  const running = `ol-test-${process.pid}-running`;
  const stopped = `ol-test-${process.pid}-stopped`;
  const recorded = new Map<string, Recorded>();
  let image = { upper: "", lower: [] as string[] };
  let wrap: string[] = [];
  let copy = "";

  beforeAll(() => {
    docker = startDocker();
    importBusyboxBase(docker, "ol-test-stores-base");
    buildDockerImage(docker, IMAGE, ["FROM ol-test-stores-base", ...STEPS, ""].join("\n"));
    // --stop-signal KILL: a sleep as PID 1 ignores SIGTERM, and the daemon's stop would wait 10 s.
    for (const name of [running, stopped]) {
      docker.docker(["run", "-d", "--name", name, "--network", "none", "--stop-signal", "KILL", IMAGE, "sleep", "infinity"]);
    }
    docker.docker(["exec", running, "sh", "-c", "echo run > /tmp/run && echo more >> /etc/app.conf"]);
    docker.docker(["exec", stopped, "sh", "-c", "dd if=/dev/zero of=/tmp/log bs=1024 count=64 && rm /etc/ol-release"]);
    docker.docker(["stop", stopped]);
    for (const name of [running, stopped]) {
      const field = (key: string) => daemon().docker(["container", "inspect", "--format", key, name]).trim();
      recorded.set(name, {
        id: field("{{.Id}}"),
        upper: field("{{.GraphDriver.Data.UpperDir}}"),
        lower: field("{{.GraphDriver.Data.LowerDir}}").split(":"),
        merged: field("{{.GraphDriver.Data.MergedDir}}"),
      });
    }
    const data = (key: string) =>
      daemon()
        .docker(["image", "inspect", "--format", `{{.GraphDriver.Data.${key}}}`, IMAGE])
        .trim();
    image = { upper: data("UpperDir"), lower: data("LowerDir").split(":") };
    wrap = withDaemonJson(docker);
  }, 180_000);

  afterAll(() => {
    docker?.stop();
    if (copy !== "") removeTree(copy);
  });

  const record = (name: string): Recorded => {
    const found = recorded.get(name);
    if (found === undefined) throw new Error(`${name} was not recorded`);
    return found;
  };
  const ours = (mounts: InspectedMount[]) =>
    mounts.filter((mount) => mount.container?.name === running || mount.container?.name === stopped);

  it("with the daemon up: one entry per container, the stopped one from its files, every figure as find counts", async () => {
    const result = await runCli(["inspect", "--json"], { wrap, env: { DOCKER_HOST: daemon().host }, timeoutMs: 180_000 });
    expectOursRead(result, [daemon().dataRoot]);
    const mounts = ours(inspected(result));
    expect(mounts.map((mount) => [mount.container?.name, mount.mounted, mount.owner]).sort()).toEqual([
      [running, true, null],
      [stopped, false, null],
    ]);
    for (const mount of mounts) {
      const name = mount.container?.name ?? "";
      expect(mount.container).toEqual({ runtime: "docker", id: record(name).id, name, image: IMAGE, pod: null });
      expectCounted(mount, record(name));
    }
    // Where the stopped one would be mounted: docker's MergedDir.
    expect(mounts.find((mount) => !mount.mounted)?.mountPoint).toBe(record(stopped).merged);
  });

  it("readStore: every layer on disk, the image by its name with docker's own layer dirs, both containers and their state", async () => {
    const contents = await adapterFor("docker").readStore?.({
      kind: "docker-overlay2",
      root: daemon().dataRoot,
      layers: join(daemon().dataRoot, "overlay2"),
      under: "/",
    });
    if (contents === undefined) throw new Error("docker reads no store");
    expect(contents.problems).toEqual([]);
    expect(contents.driver).toBe("overlay2");
    const onDisk = readdirSync(join(daemon().dataRoot, "overlay2"))
      .filter((id) => id !== "l")
      .map((id) => join(daemon().dataRoot, "overlay2", id, "diff"))
      .sort();
    expect(contents.layers.map((layer) => layer.dir).sort()).toEqual(onDisk);
    expect(contents.images.find((found) => found.names.includes(`${IMAGE}:latest`))?.layers).toEqual([image.upper, ...image.lower]);
    expect(contents.containers.map((container) => [container.name, container.state, container.upper]).sort()).toEqual([
      [running, "running", record(running).upper],
      [stopped, "stopped", record(stopped).upper],
    ]);
    // The container's layer sits on its -init layer, which sits on the image's top layer.
    const byId = new Map(contents.layers.map((layer) => [layer.id, layer]));
    const own = record(stopped).upper.split("/").at(-2) ?? "";
    expect(byId.get(own)?.parent).toBe(`${own}-init`);
    expect(byId.get(`${own}-init`)?.parent).toBe(image.upper.split("/").at(-2));
  });

  it("with the daemon down: inspect and inspect NAME still list and count both, from the files alone", async () => {
    daemon().stopDaemon();
    expect(readdirSync(join(daemon().dataRoot, "containers"))).toHaveLength(2);
    const result = await runCli(["inspect", "--json"], { wrap, timeoutMs: 180_000 });
    expectOursRead(result, [daemon().dataRoot]);
    const mounts = ours(inspected(result));
    expect(mounts.map((mount) => [mount.container?.name, mount.mounted]).sort()).toEqual([
      [running, false],
      [stopped, false],
    ]);
    for (const mount of mounts) expectCounted(mount, record(mount.container?.name ?? ""));
    for (const name of [running, stopped]) {
      const one = await runCli(["inspect", name, "--json"], { wrap });
      expect(one.code, one.stderr).toBe(0);
      const [mount] = inspected(one);
      expect(mount).toMatchObject({ mounted: false, mountPoint: record(name).merged, container: { runtime: "docker", name } });
      expectCounted(mount, record(name));
      // The stopped one's own changes (docker adds nothing in the upper of its own).
      if (name === stopped) {
        const changes = mount?.changes.map((change) => [change.path, change.kind, change.bytes]);
        expect(changes).toEqual(
          expect.arrayContaining([
            ["/etc/ol-release", "deleted", 0],
            ["/tmp/log", "added", 64 * 1024],
          ]),
        );
      }
    }
    for (const lang of LANGS) {
      const human = await runCli(["inspect", stopped, "--lang", lang], { wrap });
      expect(human.code, human.stderr).toBe(0);
      const words = inspectWords(lang);
      expect(human.stdout).toContain(words.notMounted);
      expect(human.stdout).toContain(words.container(stopped, "docker", record(stopped).id.slice(0, 12), IMAGE));
    }
  });

  it("with the daemon down: inspect --summary --json lists its store, image and stopped containers, every figure as find counts", async () => {
    const result = await runCli(["inspect", "--summary", "--json"], { wrap, timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as HostSummary;
    const store = summary.stores.find((found) => found.root === daemon().dataRoot);
    // Every layer directory of the store, each once (the image's, the -init layers, the containers').
    const layerDirs = readdirSync(join(daemon().dataRoot, "overlay2"))
      .filter((id) => id !== "l")
      .map((id) => join(daemon().dataRoot, "overlay2", id, "diff"));
    const sum = (dirs: readonly string[], field: "bytes" | "diskBytes") => dirs.reduce((total, dir) => total + totals(dir)[field], 0);
    expect(store).toMatchObject({ runtime: "docker", driver: "overlay2", owner: null, layers: layerDirs.length, problems: [] });
    expect({ bytes: store?.bytes, diskBytes: store?.diskBytes }).toEqual({
      bytes: sum(layerDirs, "bytes"),
      diskBytes: sum(layerDirs, "diskBytes"),
    });
    const imageDirs = [image.upper, ...image.lower];
    const row = summary.images.find((found) => found.runtime === "docker" && found.name === `${IMAGE}:latest`);
    expect(row).toMatchObject({ layers: imageDirs.length, bytes: sum(imageDirs, "bytes"), diskBytes: sum(imageDirs, "diskBytes") });
    // The RUN rm of the 200 KiB file and the rewritten app.conf ("v1\n"): what its later layers hide.
    expect(row?.hiddenBytes).toBe(200 * 1024 + 3);
    expect([...(row?.containers ?? [])].sort()).toEqual([running, stopped].sort());
    const containers = summary.containers.filter((found) => found.runtime === "docker");
    expect(containers.map(({ name, state, writableBytes }) => [name, state, writableBytes]).sort()).toEqual(
      [running, stopped].map((name) => [name, "stopped", totals(record(name).upper).bytes]).sort(),
    );
  });

  it("--root on a copy of the stopped store: the same containers and figures, no runtime asked", async () => {
    copy = mkdtempSync(join(tmpdir(), "ol-test-root-"));
    mkdirSync(join(copy, "var/lib"), { recursive: true });
    execFileSync("cp", ["-a", daemon().dataRoot, join(copy, "var/lib/docker")]);
    // A runtime asked would leave its name here.
    const trap = join(copy, "bin");
    mkdirSync(trap);
    for (const program of ["docker", "podman", "ctr"]) {
      writeFileSync(join(trap, program), `#!/bin/sh\necho ${program} >> ${join(copy, "asked")}\nexit 1\n`);
      chmodSync(join(trap, program), 0o755);
    }
    const moved = (path: string) => join(copy, "var/lib/docker", path.slice(daemon().dataRoot.length));
    const result = await runCli(["inspect", "--root", copy, "--json"], { env: { PATH: trap }, timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    const mounts = inspected(result);
    expect(mounts.map((mount) => [mount.container?.name, mount.mounted]).sort()).toEqual([
      [running, false],
      [stopped, false],
    ]);
    for (const mount of mounts) {
      const original = record(mount.container?.name ?? "");
      expectCounted(mount, { ...original, upper: moved(original.upper), lower: original.lower.map(moved) });
    }
    const one = await runCli(["inspect", "--root", copy, stopped], { env: { PATH: trap } });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(inspectWords("en").underRoot(copy));
    const none = await runCli(["inspect", "--root", copy, "nosuch"], { env: { PATH: trap } });
    expect([none.code, none.stderr]).toEqual([2, `overlay-lesson: ${inspectWords("en").notFoundUnderRoot("nosuch", copy)}\n`]);
    // The summary of the copy: the same store, image and containers as the original's.
    const summary = await runCli(["inspect", "--root", copy, "--summary", "--json"], { env: { PATH: trap } });
    expect(summary.code, summary.stderr).toBe(0);
    const copied = JSON.parse(summary.stdout) as HostSummary;
    const store = copied.stores.find((found) => found.runtime === "docker");
    const layerDirs = readdirSync(join(copy, "var/lib/docker/overlay2"))
      .filter((id) => id !== "l")
      .map((id) => join(copy, "var/lib/docker/overlay2", id, "diff"));
    expect(copied.root).toBe(copy);
    expect(store?.bytes).toBe(layerDirs.reduce((total, dir) => total + totals(dir).bytes, 0));
    expect(copied.containers.map((container) => container.name).sort()).toEqual([running, stopped].sort());
    expect(existsSync(join(copy, "asked"))).toBe(false);
  });
});
