// The registry of runtime adapters, with stand-in CLIs on PATH (no daemon, no store): the order
// runtimes are probed and preferred in, the choice --runtime makes, a runtime that is absent or
// whose daemon does not answer, each adapter's own dialect (the argv it really runs), the stores
// each layout finds on disk, and the rule that nothing outside src/runtime names a runtime in code.
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messages } from "../../src/i18n/index.js";
import {
  adapterFor,
  adapters,
  adaptersOfStores,
  classifyStore,
  drivesOverlays,
  explainProbe,
  firstAnswering,
  imageRuntimes,
  isRuntime,
  lessonRuntimes,
  lifecycleOf,
  noneAnswersLine,
  probeRuntimes,
  RUNTIMES,
  storesUnder,
} from "../../src/runtime/index.js";
import { ROOT } from "../helpers/cli.js";

const NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
const t = messages("en");

describe("the registry", () => {
  const savedPath = process.env.PATH;
  let bin = "";
  let log = "";
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), "ol-test-bin-"));
    log = join(bin, "argv.log");
  });
  beforeEach(() => {
    for (const name of readdirSync(bin)) rmSync(join(bin, name));
    process.env.PATH = bin;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  /**
   * A stand-in CLI that writes its argv to the log, prints `answers[first argument]` and exits 0,
   * or else prints `stderr` and exits 1. Only `bin` is on PATH: it uses nothing but sh's builtins.
   */
  function fakeCli(name: string, answers: Record<string, string>, stderr = "unknown command"): void {
    const cases = Object.entries(answers).map(([arg, out]) => `  ${arg}) printf '%s\\n' '${out}'; exit 0;;`);
    const script = `#!/bin/sh\necho "${name} $*" >> '${log}'\ncase "$1" in\n${cases.join("\n")}\nesac\necho '${stderr}' >&2\nexit 1\n`;
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  const logged = (): string[] => readFileSync(log, "utf8").trim().split("\n");

  it("knows docker, podman and containerd, in that order of preference; container-demo and inspect --image only the first two", () => {
    expect(RUNTIMES).toEqual(["docker", "podman", "containerd"]);
    expect(adapters().map((adapter) => [adapter.name, adapter.program])).toEqual([
      ["docker", "docker"],
      ["podman", "podman"],
      ["containerd", "ctr"],
    ]);
    expect(adapters(["containerd", "podman", "docker"]).map((adapter) => adapter.name)).toEqual(["docker", "podman", "containerd"]);
    expect([isRuntime("podman"), isRuntime("containerd"), isRuntime("Docker"), isRuntime("crio")]).toEqual([true, true, false, false]);
    // containerd has no lifecycle: container-demo and cleanup never pick it, and cannot ask for it.
    expect(lessonRuntimes()).toEqual(["docker", "podman"]);
    expect(() => lifecycleOf("containerd")).toThrow(/cannot run/);
    expect(imageRuntimes()).toEqual(["docker", "podman"]);
  });

  it("probes each runtime in order and says which are absent", async () => {
    const probes = await probeRuntimes();
    expect(probes.map((probe) => [probe.runtime, probe.state, probe.path])).toEqual([
      ["docker", "absent", undefined],
      ["podman", "absent", undefined],
      ["containerd", "absent", undefined],
    ]);
    const choice = await firstAnswering(undefined);
    expect(choice.chosen).toBeUndefined();
    expect(noneAnswersLine(t, choice.probes, undefined)).toBe(`${t.doctor.runtimeNone}: ${t.doctor.runtimeInstall}`);
  });

  it("falls back past docker without its daemon to podman, and says it skipped docker", async () => {
    fakeCli("docker", {}, NO_DAEMON);
    fakeCli("podman", { info: "4.3.1\toverlay" });
    const choice = await firstAnswering(undefined);
    expect(choice.probes.map((probe) => probe.state)).toEqual(["no-daemon", "ok", "absent"]);
    expect(choice.chosen).toMatchObject({ runtime: "podman", version: "4.3.1", driver: "overlay", path: join(bin, "podman") });
    expect(choice.skipped?.runtime).toBe("docker");
    // Each adapter asks its own `info` template.
    expect(logged()).toEqual(
      expect.arrayContaining([
        "docker info --format {{.ServerVersion}}\t{{.Driver}}",
        "podman info --format {{.Version.Version}}\t{{.Store.GraphDriverName}}",
      ]),
    );
  });

  it("prefers docker when both answer; --runtime podman takes podman and asks docker nothing", async () => {
    fakeCli("docker", { info: "28.2.2\toverlay2" });
    fakeCli("podman", { info: "4.3.1\toverlay" });
    const preferred = await firstAnswering(undefined);
    expect([preferred.chosen?.runtime, preferred.skipped]).toEqual(["docker", undefined]);
    rmSync(log);
    const wanted = await firstAnswering("podman");
    expect(wanted.probes.map((probe) => probe.runtime)).toEqual(["podman"]);
    expect([wanted.chosen?.runtime, wanted.skipped]).toEqual(["podman", undefined]);
    expect(logged().every((line) => line.startsWith("podman "))).toBe(true);
  });

  it("--runtime docker, absent: names docker and how to install a runtime, even though podman answers", async () => {
    fakeCli("podman", { info: "4.3.1\toverlay" });
    const choice = await firstAnswering("docker");
    expect(choice.chosen).toBeUndefined();
    expect(noneAnswersLine(t, choice.probes, "docker")).toBe(`${t.doctor.runtimeAbsent("docker")}: ${t.doctor.runtimeInstall}`);
  });

  it("explains a daemon that does not answer or refuses us with the adapter's own fix", async () => {
    fakeCli("docker", {}, NO_DAEMON);
    const [noDaemon] = await probeRuntimes(["docker"]);
    expect(noDaemon?.detail).toBe(NO_DAEMON);
    expect(noneAnswersLine(t, noDaemon === undefined ? [] : [noDaemon], undefined)).toBe(
      `${t.doctor.runtimeNoDaemon("docker")}: ${t.doctor.dockerStart}`,
    );
    fakeCli("docker", {}, "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock");
    const [denied] = await probeRuntimes(["docker"]);
    expect(denied?.state).toBe("permission-denied");
    expect(denied === undefined ? undefined : explainProbe(t, denied)).toEqual({
      label: t.doctor.runtimePermission("docker"),
      fix: t.doctor.dockerPermission,
    });
  });

  it("tells podman's unreachable service by podman's own fix, not docker's", async () => {
    fakeCli(
      "podman",
      {},
      "Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`",
    );
    const [, podman] = await probeRuntimes();
    expect(podman?.state).toBe("no-daemon");
    for (const lang of ["en", "zh", "ja"] as const) {
      const words = messages(lang);
      expect(podman === undefined ? undefined : explainProbe(words, podman)).toEqual({
        label: words.doctor.runtimeNoDaemon("podman"),
        fix: words.doctor.podmanStart,
      });
    }
  });

  it("tells an overlay driver from another by the adapter's own list", async () => {
    fakeCli("docker", { info: "28.2.2\toverlay2" });
    fakeCli("podman", { info: "4.3.1\tvfs" });
    const [docker, podman] = await probeRuntimes();
    expect(docker === undefined ? undefined : drivesOverlays(docker)).toBe(true);
    expect(podman === undefined ? undefined : drivesOverlays(podman)).toBe(false);
    expect(podman === undefined ? undefined : explainProbe(t, podman).label).toBe(t.doctor.runtimeNotOverlay("podman", "vfs"));
  });

  it("asks only the runtimes whose store an overlay is in", () => {
    expect(adaptersOfStores(["containers-storage", "plain"]).map((adapter) => adapter.name)).toEqual(["podman"]);
    expect(adaptersOfStores(["docker-overlay2", "containerd"]).map((adapter) => adapter.name)).toEqual(["docker", "containerd"]);
    expect(adaptersOfStores(["plain"])).toEqual([]);
  });

  it("runs each CLI in its own dialect: docker's history in bytes, podman's rm without a 10 s wait", async () => {
    fakeCli("docker", { history: "[]", rm: "x" });
    fakeCli("podman", { history: "[]", image: "[]", rm: "x" });
    await adapterFor("docker").cli.imageHistory("app");
    await adapterFor("podman").cli.imageHistory("app");
    await lifecycleOf("docker").remove("web-1");
    await lifecycleOf("podman").remove("web-1");
    expect(logged()).toEqual([
      "docker history --no-trunc --human=false --format json -- app",
      "podman history --no-trunc --format json -- app",
      // podman's own flags say which steps made no layer (images.ts).
      "podman image inspect -- app",
      "docker rm -f -v -- web-1",
      "podman rm -f -v -t 0 -- web-1",
    ]);
    expect(lifecycleOf("podman").commands.remove("web-1")).toEqual(["podman", "rm", "-f", "web-1"]);
    expect(lifecycleOf("docker").commands.exec("web-1", "ls /")).toEqual(["docker", "exec", "web-1", "sh", "-c", "ls /"]);
  });
});

describe("containerd's probe, with a stand-in ctr", () => {
  const savedPath = process.env.PATH;
  const savedAddress = process.env.CONTAINERD_ADDRESS;
  let bin = "";
  let socket: Server | undefined;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), "ol-test-ctr-"));
    process.env.PATH = bin;
  });
  afterEach(async () => {
    process.env.PATH = savedPath;
    if (savedAddress === undefined) delete process.env.CONTAINERD_ADDRESS;
    else process.env.CONTAINERD_ADDRESS = savedAddress;
    await new Promise<void>((resolve) => (socket === undefined ? resolve() : socket.close(() => resolve())));
    socket = undefined;
    rmSync(bin, { recursive: true, force: true });
  });

  /** A ctr that logs its argv and answers its verb (the argument after --connect-timeout 2s) from `answers`, else `stderr` and exit 1. */
  function fakeCtr(answers: Record<string, string>, stderr: string): void {
    const cases = Object.entries(answers).map(([verb, out]) => `  ${verb}) printf '%s\\n' '${out}'; exit 0;;`);
    const script = `#!/bin/sh\necho "ctr $*" >> '${join(bin, "argv.log")}'\ncase "$3" in\n${cases.join("\n")}\nesac\necho '${stderr}' >&2\nexit 1\n`;
    writeFileSync(join(bin, "ctr"), script);
    chmodSync(join(bin, "ctr"), 0o755);
  }
  const listening = async (): Promise<string> => {
    const path = join(bin, "containerd.sock");
    socket = createServer();
    await new Promise<void>((resolve) => socket?.listen(path, resolve));
    process.env.CONTAINERD_ADDRESS = path;
    return path;
  };
  const logged = (): string[] => {
    try {
      return readFileSync(join(bin, "argv.log"), "utf8").trim().split("\n");
    } catch {
      return [];
    }
  };

  it("says no daemon, with containerd's own fix, without running ctr, when CONTAINERD_ADDRESS names no socket", async () => {
    fakeCtr({}, "never asked");
    process.env.CONTAINERD_ADDRESS = join(bin, "nothing-here.sock");
    const probe = await adapterFor("containerd").probe();
    expect(probe).toMatchObject({ runtime: "containerd", state: "no-daemon", path: join(bin, "ctr") });
    // ctr would retry a missing socket for 10 s before it gave up.
    expect(logged()).toEqual([]);
    for (const lang of ["en", "zh", "ja"] as const) {
      const words = messages(lang);
      expect(explainProbe(words, probe)).toEqual({ label: words.doctor.runtimeNoDaemon("containerd"), fix: words.doctor.containerdStart });
    }
  });

  it("answers with the server's version and overlayfs when its snapshotter loaded; a refused socket is permission-denied", async () => {
    await listening();
    const plugins = [
      "Type:          io.containerd.snapshotter.v1",
      "ID:            overlayfs",
      "Exports:",
      "               root      /x/y",
    ].join("\n");
    fakeCtr({ version: "Client:\n  Version:  1.6.20\n\nServer:\n  Version:  1.6.21\n", plugins }, "unused");
    expect(await adapterFor("containerd").probe()).toMatchObject({ state: "ok", version: "1.6.21", driver: "overlayfs" });
    expect(logged().sort()).toEqual(["ctr --connect-timeout 2s plugins ls -d", "ctr --connect-timeout 2s version"]);
    const denied = `ctr: failed to dial "${process.env.CONTAINERD_ADDRESS}": connection error: desc = "transport: error while dialing: dial unix ${process.env.CONTAINERD_ADDRESS}: connect: permission denied"`;
    fakeCtr({}, denied);
    const probe = await adapterFor("containerd").probe();
    expect(probe.state).toBe("permission-denied");
    expect(explainProbe(t, probe).fix).toBe(t.doctor.containerdPermission);
  });
});

describe("stores on disk", () => {
  let root = "";
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "ol-test-root-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("tries containers-storage before docker: a home named overlay2 is podman's when overlay-layers is beside it", () => {
    const own = { inode: 0, pid: process.pid, own: true };
    for (const dir of [
      "docker/overlay2/l",
      "docker/overlay2/a/diff",
      "graph/overlay2/l",
      "graph/overlay2/b/diff",
      "graph/overlay-layers",
    ]) {
      mkdirSync(join(root, dir), { recursive: true });
    }
    expect(classifyStore({ lower: [], upper: join(root, "docker/overlay2/a/diff"), namespace: own })).toMatchObject({
      kind: "docker-overlay2",
      layerIds: { upper: "a" },
    });
    expect(classifyStore({ lower: [], upper: join(root, "graph/overlay2/b/diff"), namespace: own })).toMatchObject({
      kind: "containers-storage",
      layerIds: { upper: "b" },
    });
  });

  it("finds each layout's store beneath a root, and none where there is none", () => {
    expect(storesUnder(root)).toEqual([]);
    for (const dir of [
      "var/lib/docker/overlay2/l",
      "var/lib/containers/storage/overlay/l",
      // containers-storage's layer list beside its driver's home: a bare overlay/ dir is no store.
      "var/lib/containers/storage/overlay-layers",
      "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots",
    ]) {
      mkdirSync(join(root, dir), { recursive: true });
    }
    const snapshotter = join(root, "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs");
    expect(storesUnder(root)).toEqual([
      // containerd's root holds its snapshotter's, its metadata's and its tasks' directories.
      { kind: "containerd", root: join(root, "var/lib/containerd"), layers: snapshotter },
      {
        kind: "containers-storage",
        root: join(root, "var/lib/containers/storage"),
        layers: join(root, "var/lib/containers/storage/overlay"),
        under: root,
      },
      { kind: "docker-overlay2", root: join(root, "var/lib/docker"), layers: join(root, "var/lib/docker/overlay2"), under: root },
    ]);
  });
});

describe("nothing outside src/runtime names a runtime in code", () => {
  // Words may (the catalogues, and a lesson's describe/summary in en, zh and ja), and so may
  // comments; code may not. "Dockerfile" is a file format, not a runtime.
  // containerd, not containerDemo or containerData.
  const NAMES = /docker(?!file)|podman|containerd(?![a-z])/i;
  const CATALOGUE = /(?:^|\/)(?:en|zh|ja)\.ts$/;
  const WORD_KEYS = new Set(["en", "zh", "ja"]);

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return path.endsWith("/src/runtime") ? [] : sourceFiles(path);
      return path.endsWith(".ts") && !CATALOGUE.test(path) ? [path] : [];
    });
  }

  /** Each string, template piece, regex and identifier in `file` naming a runtime, outside words. */
  function namings(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && WORD_KEYS.has(node.name.text)) return;
      const text =
        ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node) || ts.isIdentifier(node)
          ? node.text
          : undefined;
      if (text !== undefined && NAMES.test(text)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative(ROOT, file)}:${line + 1}: ${text}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  it("holds for every source file", () => {
    const files = sourceFiles(join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(namings)).toEqual([]);
  });

  it("would catch one (the check can fail)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ol-test-scan-"));
    try {
      const file = join(dir, "sample.ts");
      writeFileSync(file, 'const words = { en: "docker or podman" };\n// podman in a comment\n');
      expect(namings(file)).toEqual([]);
      appendFileSync(
        file,
        'const pick = (name: string) => name === "podman";\nconst re = /dockerenv/;\nconst task = "io.containerd.runtime.v2.task";\n',
      );
      expect(namings(file).map((line) => line.replace(/^.*sample\.ts:/, ""))).toEqual([
        "3: podman",
        "4: /dockerenv/",
        "5: io.containerd.runtime.v2.task",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
