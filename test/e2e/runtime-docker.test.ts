// The docker adapter against a real dockerd of the test's own (test/helpers/docker.ts): an image
// built without a registry, its layers and history as docker reports them, a container run,
// found, classified by its store and removed through the adapter; then the built CLI on the same
// daemon: the registry prefers docker, `inspect NAME` names the container, container-demo passes
// every check with docker's own -init layer above the image's.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { discoverOverlays, type MountNamespace } from "../../src/overlay/discover.js";
import {
  adapterFor,
  classifyStore,
  containersByUpper,
  firstAnswering,
  lifecycleOf,
  OWNER_SELECTOR,
  ownerLabels,
} from "../../src/runtime/index.js";
import { runCli, summaryOf, useParent } from "../helpers/cli.js";
import { buildDockerImage, importBusyboxBase, startDocker, type TestDocker } from "../helpers/docker.js";
import { describeWith } from "../helpers/needs.js";

const KIB = 1024;
const OWN: MountNamespace = { inode: 0, pid: process.pid, own: true };
const STEPS = [
  `RUN mkdir -p /data && echo "NAME=ol-test" > /etc/os-release && dd if=/dev/zero of=/data/blob bs=1024 count=${256} && echo c > /data/cache`,
  "RUN rm /data/cache",
  'CMD ["sleep", "600"]',
];

describeWith(["root", "dockerd"], "docker, for real", () => {
  const parent = useParent();
  const savedHost = process.env.DOCKER_HOST;
  let docker: TestDocker | undefined;
  const daemon = (): TestDocker => {
    if (docker === undefined) throw new Error("the test dockerd did not start");
    return docker;
  };
  const image = "ol-test-layers";
  const env = (): NodeJS.ProcessEnv => ({ DOCKER_HOST: daemon().host });

  beforeAll(() => {
    const started = performance.now();
    docker = startDocker();
    // The adapter runs `docker` with this process's environment, as a learner's DOCKER_HOST reaches it.
    process.env.DOCKER_HOST = docker.host;
    importBusyboxBase(docker, "ol-test-base");
    buildDockerImage(docker, image, ["FROM ol-test-base", ...STEPS, ""].join("\n"));
    console.info(`docker: daemon, base and image in ${Math.round(performance.now() - started)} ms`);
  }, 120_000);

  afterAll(() => {
    if (savedHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = savedHost;
    docker?.stop();
  });

  it("answers first in the order of preference, with overlay2", async () => {
    const { chosen, probes } = await firstAnswering(undefined);
    expect(probes[0]).toMatchObject({ runtime: "docker", state: "ok", driver: "overlay2" });
    expect(chosen?.runtime).toBe("docker");
  });

  it("reads an image's layers as docker lists them and its history in bytes, oldest first", async () => {
    const { cli } = adapterFor("docker");
    const info = await cli.findImage(image);
    if (info === undefined) throw new Error("image not found");
    const data = (key: string) =>
      daemon()
        .docker(["image", "inspect", "--format", `{{.GraphDriver.Data.${key}}}`, image])
        .trim();
    expect([info.graphDriver.upper, ...info.graphDriver.lower]).toEqual([data("UpperDir"), ...data("LowerDir").split(":")]);
    expect(info.names).toEqual([`${image}:latest`]);
    // base + two RUN: three layers, each in docker's overlay2 store.
    expect(info.graphDriver.lower).toHaveLength(2);
    const store = classifyStore({ lower: info.graphDriver.lower, upper: info.graphDriver.upper, namespace: OWN });
    expect(store).toMatchObject({ kind: "docker-overlay2", storeRoot: `${daemon().dataRoot}/overlay2` });
    const history = await cli.imageHistory(image);
    expect(history.map((step) => step.createdBy)).toEqual([
      "",
      `/bin/sh -c ${STEPS[0]?.slice(4)}`,
      `/bin/sh -c ${STEPS[1]?.slice(4)}`,
      expect.stringContaining("CMD"),
    ]);
    // --human=false: bytes, not "262kB" (a RUN that wrote 256 KiB, a CMD of none).
    expect(history[1]?.size).toBeGreaterThanOrEqual(256 * KIB);
    expect(history.map((step) => step.emptyLayer)).toEqual([false, false, undefined, undefined]);
    expect((await cli.listImages()).find((listed) => listed.names.includes(`${image}:latest`))?.id).toBe(info.id);
  });

  it("runs, finds, execs in and removes a container; its mount is docker's store with the -init layer on top", async () => {
    const { cli } = adapterFor("docker");
    const lifecycle = lifecycleOf("docker");
    const name = "ol-test-web";
    const id = await lifecycle.run({ image, name, labels: ownerLabels() });
    const info = await cli.findContainer(name);
    if (info === undefined) throw new Error("container not found");
    expect(info).toMatchObject({ runtime: "docker", id, name, image, driver: "overlay2" });
    expect(info.pid).toBeGreaterThan(0);
    const imageInfo = await cli.findImage(image);
    // docker's own layer (/etc/hosts, /etc/resolv.conf, /.dockerenv) above the image's.
    expect(info.graphDriver.lower[0]).toBe(`${daemon().dataRoot}/overlay2/${info.graphDriver.upper.split("/").at(-2)}-init/diff`);
    expect(info.graphDriver.lower.slice(1)).toEqual([imageInfo?.graphDriver.upper, ...(imageInfo?.graphDriver.lower ?? [])]);
    const mount = discoverOverlays().overlays.find((overlay) => overlay.upper === info.graphDriver.upper);
    expect(mount?.mountPoint).toBe(info.graphDriver.merged);
    expect(mount?.lower).toEqual(info.graphDriver.lower);
    const store = mount === undefined ? undefined : classifyStore(mount);
    expect(store?.kind).toBe("docker-overlay2");
    expect(store?.layerIds.upper).toBe(info.graphDriver.upper.split("/").at(-2));
    expect((await containersByUpper([adapterFor("docker")])).get(info.graphDriver.upper)?.id).toBe(id);
    expect((await cli.listContainers({ label: OWNER_SELECTOR })).map((container) => container.names)).toEqual([[name]]);

    const written = await lifecycle.exec(name, ["-c", "echo hi > /data/new && ulimit -n"]);
    expect([written.exitCode, written.stdout]).toEqual([0, "1024"]);
    expect(readFileSync(`${info.graphDriver.upper}/data/new`, "utf8")).toBe("hi\n");

    await lifecycle.remove(name);
    expect(await cli.findContainer(name)).toBeUndefined();
    expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(` ${info.graphDriver.merged} `);
    await lifecycle.remove(name); // already gone: nothing to do
    lifecycle.removeSync(name);
  });

  it("the CLI: inspect names a docker container; container-demo passes every check on docker", async () => {
    const name = "ol-test-named";
    daemon().docker(["run", "-d", "--name", name, "--network", "none", image]);
    const inspected = await runCli(["inspect", name, "--json"], { env: env() });
    expect(inspected.code, inspected.stderr).toBe(0);
    // The image as it was run, and no Kubernetes pod (its labels name none).
    expect(inspected.events[0]).toMatchObject({ container: { runtime: "docker", name, image, pod: null } });
    daemon().docker(["rm", "-f", name]);

    const result = await runCli(["container-demo", "--image", image, "--yes", "--json", "--dir", parent()], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    const summary = summaryOf(result) as unknown as {
      ok: boolean;
      metrics: Record<string, unknown>;
      steps: Array<{ checks: Array<{ ok: boolean }> }>;
    };
    expect(summary.steps.flatMap((step) => step.checks.filter((check) => !check.ok))).toEqual([]);
    expect(summary.ok).toBe(true);
    // Chosen without --runtime: docker answers, and it comes first.
    expect(summary.metrics).toMatchObject({ runtime: "docker", image, imageLayers: 3, containerHiddenBytes: expect.any(Number) });
    const commands = result.events.filter((event) => event.type === "command").map((event) => (event.argv as string[]).join(" "));
    expect(commands.some((command) => command.startsWith("docker run -d --name overlay-lesson-"))).toBe(true);
    expect(commands).toContain(`docker rm -f ${summary.metrics.container}`);
    // docker's own -init layer tops the mount's lowerdir, above the image's three.
    const lowerdir = result.events.find((event) => event.type === "check" && event.id === "lowerdir");
    expect(String(lowerdir?.observed).split(":")).toHaveLength(4);
    expect(String(lowerdir?.observed).split(":")[0]).toMatch(/-init\/diff$/);
    expect(daemon().docker(["ps", "-aq"]).trim()).toBe("");
  });
});
