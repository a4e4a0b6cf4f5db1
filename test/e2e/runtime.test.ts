// src/runtime against real podman: an image built layer by layer, a container run from it, and
// every answer checked against podman's own and against the disk. Also the runtime's answers
// when the CLIs are absent or docker's daemon does not answer, with stand-in CLIs on PATH.
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  adapterFor,
  classifyRuntimeError,
  findContainerByUpper,
  isOurs,
  lifecycleOf,
  OWNER_LABEL,
  OWNER_SELECTOR,
  OWNER_VALUE,
  ownerLabels,
  ownerOf,
  probeRuntimes,
  RuntimeError,
} from "../../src/runtime/index.js";
import { RUNTIME_ERROR_PATTERNS, type RuntimeProblem } from "../../src/runtime/problems.js";
import { describeWith } from "../helpers/needs.js";
import {
  BASE_FILE,
  buildBusyboxBase,
  buildImage,
  cleanupTestContainersAndImages,
  ourPodmanObjectsLeft,
  podman,
  testName,
  usePodmanEnv,
} from "../helpers/podman.js";
import { readXattr, XATTR_READER } from "../helpers/xattrs.js";

const MIB = 1024 * 1024;
const STEPS = [
  "RUN mkdir -p /data/cache && echo base > /data/file.txt && echo cached > /data/cache/x",
  `RUN dd if=/dev/zero of=/data/big bs=1024 count=${(2 * MIB) / 1024}`,
  "RUN rm /data/big",
  "RUN rm -rf /data/cache && mkdir /data/cache",
  `COPY ol-release ${BASE_FILE.path}`,
  "ENV GREETING=hello",
  'CMD ["sleep", "3600"]',
];
const COPIED = "replaced by COPY\n";

describe("the stderr table", () => {
  const samples: Array<[string, RuntimeProblem | undefined]> = [
    ["Command failed with ENOENT: docker info --format x\nspawn docker ENOENT", "absent"],
    ["Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", "no-daemon"],
    ["Cannot connect to Podman. Please verify your connection to the Linux system", "no-daemon"],
    ["permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock", "permission-denied"],
    ["Error: No such container: web-1", "no-such-container"],
    ["Error: inspecting object: no such container web-1", "no-such-container"],
    ['Error: no container with name or ID "web-1" found: no such container', "no-such-container"],
    ["Error: No such image: base:latest", "no-such-image"],
    ["Error: inspecting object: base: image not known", "no-such-image"],
    ['ctr: failed to dial "/run/containerd/containerd.sock": context deadline exceeded', "no-daemon"],
    [
      'ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"',
      "no-daemon",
    ],
    [
      'ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied"',
      "permission-denied",
    ],
    ['ctr: container "web" in namespace "k8s.io": not found', "no-such-container"],
    ["Error: something else entirely", undefined],
  ];
  it.each(samples)("%s → %s", (stderr, problem) => {
    expect(classifyRuntimeError(stderr)).toBe(problem);
  });
  it("has a sample for every row", () => {
    for (const [pattern] of RUNTIME_ERROR_PATTERNS) expect(samples.some(([stderr]) => pattern.test(stderr))).toBe(true);
  });
});

describe("without a working runtime", () => {
  const savedPath = process.env.PATH;
  let bin = "";
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), "ol-test-bin-"));
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /** A stand-in CLI: prints the answer for its first argument, else `stderr`, exit 1. Only PATH is `bin`: use /bin/cat. */
  function fakeCli(name: string, answers: Record<string, string>, stderr: string): void {
    const cases = Object.entries(answers).map(([arg, out]) => `  ${arg}) /bin/cat <<'EOF'\n${out}\nEOF\n  exit 0;;`);
    writeFileSync(join(bin, name), `#!/bin/sh\ncase "$1" in\n${cases.join("\n")}\nesac\necho '${stderr}' >&2\nexit 1\n`);
    chmodSync(join(bin, name), 0o755);
  }

  it("says the CLI is absent when neither is on PATH", async () => {
    process.env.PATH = bin; // empty: neither docker nor podman, nor containerd's ctr
    const probes = await probeRuntimes();
    expect(probes.map((probe) => [probe.runtime, probe.state])).toEqual([
      ["docker", "absent"],
      ["podman", "absent"],
      ["containerd", "absent"],
    ]);
    const error = await adapterFor("docker")
      .cli.listContainers()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).problem).toBe("absent");
  });

  it("says docker's daemon is not answering, and reads docker's one-object-per-line shapes", async () => {
    const line = JSON.stringify({
      ID: "c0ffee",
      Names: "web-1,web",
      Image: "busybox",
      Labels: `${OWNER_LABEL}=${OWNER_VALUE},a=b`,
      State: "exited",
    });
    const inspected = JSON.stringify([
      {
        Id: "c0ffee",
        Name: "/web-1",
        Image: "sha256:feed",
        Config: { Image: "busybox", Labels: { a: "b" } },
        State: { Pid: 0 },
        GraphDriver: {
          Name: "overlay2",
          Data: { LowerDir: "/d/l1-init/diff:/d/l0/diff", UpperDir: "/d/up/diff", MergedDir: "/d/up/merged", WorkDir: "/d/up/work" },
        },
      },
    ]);
    fakeCli(
      "docker",
      { ps: `${line}\n${line}`, container: inspected },
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
    );
    process.env.PATH = bin;
    const [docker] = await probeRuntimes();
    expect(docker).toMatchObject({ runtime: "docker", state: "no-daemon", path: join(bin, "docker") });
    expect(docker?.detail).toMatch(/Cannot connect to the Docker daemon/);
    const [listed] = await adapterFor("docker").cli.listContainers();
    expect(listed).toEqual({
      runtime: "docker",
      id: "c0ffee",
      names: ["web-1", "web"],
      image: "busybox",
      labels: { [OWNER_LABEL]: OWNER_VALUE, a: "b" },
      state: "exited",
    });
    expect(await adapterFor("docker").cli.findContainer("web-1")).toEqual({
      runtime: "docker",
      id: "c0ffee",
      name: "web-1",
      image: "busybox",
      labels: { a: "b" },
      driver: "overlay2",
      graphDriver: { lower: ["/d/l1-init/diff", "/d/l0/diff"], upper: "/d/up/diff", merged: "/d/up/merged", work: "/d/up/work" },
      pid: undefined,
    });
    expect((await findContainerByUpper("/d/up/diff/", [adapterFor("docker")]))?.id).toBe("c0ffee");
  });
});

describe("owner labels", () => {
  it("name this process, so cleanup can tell a live owner from a dead one", () => {
    const labels = ownerLabels();
    expect(isOurs(labels)).toBe(true);
    expect(ownerOf(labels)?.pid).toBe(process.pid);
    expect(isOurs({ [OWNER_LABEL]: "someone-else" })).toBe(false);
  });
});

describeWith(["root", "podman"], "podman, for real", () => {
  const base = `localhost/${testName("base")}`;
  const image = `localhost/${testName("layers")}`;
  const runtime = adapterFor("podman");
  const lifecycle = lifecycleOf("podman");

  beforeAll(() => {
    usePodmanEnv();
    const started = performance.now();
    buildBusyboxBase(base);
    const baseMs = performance.now() - started;
    buildImage(image, [`FROM ${base}`, ...STEPS, ""].join("\n"), { "ol-release": COPIED });
    console.info(`podman: base image ${Math.round(baseMs)} ms, layered image ${Math.round(performance.now() - started - baseMs)} ms`);
  });

  afterAll(() => {
    cleanupTestContainersAndImages();
    // Nothing of ours is left (other test files run beside this one and make their own).
    expect(ourPodmanObjectsLeft()).toEqual([]);
  });

  it("finds podman answering, with the overlay driver", async () => {
    const probes = await probeRuntimes();
    expect(probes.map((probe) => probe.runtime)).toEqual(["docker", "podman", "containerd"]);
    expect(probes[1]).toMatchObject({ state: "ok", driver: "overlay", path: expect.stringMatching(/\/podman$/) });
    // Whatever docker's and containerd's states on this machine, they are ones the table knows (here: CLI, no daemon).
    for (const other of [probes[0], probes[2]]) expect(["ok", "absent", "no-daemon", "permission-denied"]).toContain(other?.state);
  });

  it("inspects an image: its layers top first, as podman's LowerDir lists them, each one on disk", async () => {
    const info = await runtime.cli.findImage(image);
    if (info === undefined) throw new Error("image not found");
    expect(info.names).toEqual([`${image}:latest`]);
    expect(info.id).toBe(podman(["image", "inspect", "--format", "{{.Id}}", image]).trim());
    expect(info.graphDriver.lower).toEqual(
      podman(["image", "inspect", "--format", "{{.GraphDriver.Data.LowerDir}}", image]).trim().split(":"),
    );
    // base + four RUN + COPY = six layers: the COPY on top, five below it.
    const [rmCache, rmBig, dd, mkdir, baseLayer] = info.graphDriver.lower;
    expect(info.graphDriver.lower).toHaveLength(5);
    expect(readFileSync(join(info.graphDriver.upper, BASE_FILE.path), "utf8")).toBe(COPIED);
    expect(readFileSync(join(`${baseLayer}`, BASE_FILE.path), "utf8")).toBe(BASE_FILE.content);
    expect(lstatSync(join(`${baseLayer}`, "bin/sh")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(`${mkdir}`, "data/cache/x"), "utf8")).toBe("cached\n");
    expect(statSync(join(`${dd}`, "data/big")).size).toBe(2 * MIB);
    // The later `RUN rm` leaves a whiteout (character device 0:0) and the 2 MiB stay below it.
    const whiteout = statSync(join(`${rmBig}`, "data/big"));
    expect([whiteout.isCharacterDevice(), whiteout.rdev]).toEqual([true, 0]);
    // `rm -rf dir && mkdir dir` makes an opaque directory.
    expect(readXattr(join(`${rmCache}`, "data/cache"), "trusted.overlay.opaque"), XATTR_READER).toBe("y");
    expect(await runtime.cli.findImage(`${image}-no-such`)).toBeUndefined();
  });

  it("reads the history in Containerfile order, with the empty layers marked", async () => {
    const history = await runtime.cli.imageHistory(image);
    expect(history.map((step) => step.createdBy)).toEqual([
      expect.stringMatching(/^\/bin\/sh -c #\(nop\) ADD file:\w+ in \/$/),
      ...STEPS.map((step) => (step.startsWith("RUN ") ? `/bin/sh -c ${step.slice(4)}` : expect.stringContaining(step.split(" ")[0] ?? ""))),
    ]);
    expect(history.map((step) => step.emptyLayer)).toEqual([false, false, false, false, false, false, true, true]);
    expect(history[2]?.size).toBeGreaterThanOrEqual(2 * MIB);
    expect(history[3]?.size).toBeLessThan(64 * 1024);
    // Each RUN step left an intermediate image; podman's history says "<missing>" for the COPY
    // and ENV, and gives the last step an id that is not the final image's own.
    expect(history.slice(1, 5).map((step) => step.id !== undefined)).toEqual([true, true, true, true]);
    expect((await runtime.cli.listImages()).find((listed) => listed.names.includes(`${image}:latest`))?.size).toBeGreaterThan(2 * MIB);
  });

  it("runs a container, inspects it, finds it by its upperdir, execs in it and removes it", async () => {
    const name = testName("web");
    const id = await lifecycle.run({ image, name, labels: ownerLabels(), command: ["sleep", "600"] });
    const info = await runtime.cli.findContainer(name);
    if (info === undefined) throw new Error("container not found");
    const imageInfo = await runtime.cli.findImage(image);
    expect(info).toMatchObject({ runtime: "podman", id, name, image: `${image}:latest`, driver: "overlay" });
    expect(isOurs(info.labels)).toBe(true);
    const lowerDir = podman(["container", "inspect", "--format", "{{.GraphDriver.Data.LowerDir}}", name]).trim();
    expect(info.graphDriver.lower).toEqual(lowerDir.split(":"));
    // podman adds no init layer: the container's lowers are the image's layers, top first.
    expect(info.graphDriver.lower).toEqual([imageInfo?.graphDriver.upper, ...(imageInfo?.graphDriver.lower ?? [])]);
    for (const dir of [...info.graphDriver.lower, info.graphDriver.upper, info.graphDriver.merged, info.graphDriver.work]) {
      expect(existsSync(`${dir}`), `${dir}`).toBe(true);
    }
    // Rootful podman mounts the overlay in the host's mount namespace, at MergedDir.
    const mount = readFileSync("/proc/self/mountinfo", "utf8")
      .split("\n")
      .find((line) => line.split(" ")[4] === info.graphDriver.merged);
    expect(mount).toContain(` - overlay overlay `);
    expect(mount).toContain(`upperdir=${info.graphDriver.upper},`);
    expect(info.pid).toBeGreaterThan(0);

    const listed = (await runtime.cli.listContainers({ label: OWNER_SELECTOR })).find((container) => container.id === id);
    expect(listed).toMatchObject({ names: [name], image: `${image}:latest`, state: "running" });
    expect((await findContainerByUpper(info.graphDriver.upper))?.id).toBe(id);
    expect(await findContainerByUpper("/nowhere/diff", [adapterFor("podman")])).toBeUndefined();

    const written = await lifecycle.exec(name, ["-c", `echo hi > /data/new && cat ${BASE_FILE.path} && ulimit -n`]);
    // ulimit -n is CONTAINERS_CONF's 1024: the user's environment reached podman through exec.ts.
    expect([written.exitCode, written.stdout]).toEqual([0, `${COPIED}1024`]);
    expect(readFileSync(join(info.graphDriver.upper, "data/new"), "utf8")).toBe("hi\n");
    const failed = await lifecycle.exec(name, ["-c", "ls /data/big"]);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stderr).toMatch(/No such file/);

    await lifecycle.remove(name);
    expect(await runtime.cli.findContainer(name)).toBeUndefined();
    expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(` ${info.graphDriver.merged} `);
    await lifecycle.remove(name); // already gone: nothing to do
  });

  it("removes a running container synchronously, as teardown does", async () => {
    const name = testName("teardown");
    await lifecycle.run({ image, name, labels: ownerLabels() });
    const started = performance.now();
    lifecycle.removeSync(name);
    expect(performance.now() - started).toBeLessThan(5000); // -t 0: no 10 s wait for a SIGTERM
    expect(await runtime.cli.findContainer(name)).toBeUndefined();
    lifecycle.removeSync(name);
  });
});
