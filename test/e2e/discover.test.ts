// Discovery on real overlay mounts: a docker-style store mounted with relative lowerdirs exactly
// as docker does, a mount that exists only in another mount namespace, and a plain mount with
// three lowers whose names need every escape. Each test removes every mount and directory it
// made, even when it fails, and proves that nothing is left.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type DiscoveredOverlay, discoverOverlays, hostPath, isStillMounted } from "../../src/overlay/discover.js";
import { isWithin, parseMountInfo } from "../../src/overlay/mountinfo.js";
import { classifyStore } from "../../src/runtime/index.js";
import { describeWith } from "../helpers/needs.js";

function mountPointsBeneath(parent: string, mountInfoPath = "/proc/self/mountinfo"): string[] {
  return parseMountInfo(readFileSync(mountInfoPath, "utf8"))
    .map((entry) => entry.mountPoint)
    .filter((mountPoint) => isWithin(mountPoint, parent));
}

/** A lowerdir entry as mount(2) wants it: overlayfs unescapes backslash, colon and comma. */
function overlayEscape(path: string): string {
  return path.replace(/[\\:,]/g, (character) => `\\${character}`);
}

function found(overlays: DiscoveredOverlay[], mountPoint: string): DiscoveredOverlay[] {
  return overlays.filter((overlay) => overlay.mountPoint === mountPoint);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWith(["root"], "discovering real overlay mounts", () => {
  let parent = "";
  let mounted: string[] = [];
  let child: ChildProcess | undefined;
  let childExited: Promise<void> = Promise.resolve();

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "ol discover e2e "));
    mounted = [];
  });

  afterEach(async () => {
    // The other namespace's mounts go when its last process does: kill the group we started.
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
    await childExited;
    child = undefined;
    for (const mountPoint of mounted.reverse()) {
      if (mountPointsBeneath(parent).includes(mountPoint)) execFileSync("umount", [mountPoint]);
    }
    const left = mountPointsBeneath(parent);
    rmSync(parent, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(existsSync(parent)).toBe(false);
  });

  function makeDirectories(...paths: string[]): void {
    for (const path of paths) mkdirSync(join(parent, path), { recursive: true });
  }

  it("knows an overlay it found is gone once it is unmounted (a container stopped while inspect reads)", () => {
    makeDirectories("lower", "upper", "work", "merged");
    const merged = join(parent, "merged");
    const options = `lowerdir=${join(parent, "lower")},upperdir=${join(parent, "upper")},workdir=${join(parent, "work")}`;
    execFileSync("mount", ["-t", "overlay", "overlay", "-o", options, merged]);
    mounted.push(merged);
    const found = discoverOverlays({ allNamespaces: false }).overlays.find((overlay) => overlay.mountPoint === merged);
    if (found === undefined) throw new Error("the overlay was not found");
    expect(isStillMounted(merged, found.namespace)).toBe(true);
    execFileSync("umount", [merged]);
    expect(isStillMounted(merged, found.namespace)).toBe(false);
    // A namespace whose last process is gone holds nothing.
    expect(isStillMounted(merged, { inode: 1, pid: 2 ** 22 + 1, own: false })).toBe(false);
  });

  it("finds a docker-style store mounted with relative lowerdirs from the store directory", () => {
    const store = join(parent, "overlay2");
    const [bottom, middle, container] = [0, 1, 2].map(() => randomBytes(32).toString("hex")) as [string, string, string];
    const init = `${container}-init`;
    // docker's short links: 26 random upper-case characters (moby overlayutils.GenerateID).
    const links = [init, middle, bottom].map((id) => ({ id, link: randomBytes(13).toString("hex").toUpperCase() }));
    makeDirectories("overlay2/l", ...[bottom, middle, init, container].map((id) => `overlay2/${id}/diff`));
    makeDirectories(`overlay2/${container}/work`, `overlay2/${container}/merged`);
    for (const { id, link } of links) symlinkSync(`../${id}/diff`, join(store, "l", link));
    writeFileSync(join(store, bottom, "diff/from-bottom"), "bottom\n");
    const lowerdir = links.map(({ link }) => `l/${link}`).join(":");
    const merged = join(store, container, "merged");
    // Exactly as moby's overlay2 Driver.Get does when the options exceed a page: from the store.
    execFileSync(
      "mount",
      [
        "-t",
        "overlay",
        "overlay",
        "-o",
        `lowerdir=${lowerdir},upperdir=${container}/diff,workdir=${container}/work`,
        `${container}/merged`,
      ],
      {
        cwd: store,
      },
    );
    mounted.push(merged);

    const raw = readFileSync("/proc/self/mountinfo", "utf8")
      .split("\n")
      .find((line) => line.includes(` - overlay `) && line.includes(container));
    // The kernel shows the paths as they were given: relative, the upper too.
    expect(raw).toContain(`lowerdir=${lowerdir},upperdir=${container}/diff,workdir=${container}/work`);

    const discovery = discoverOverlays();
    const [overlay, ...others] = found(discovery.overlays, merged);
    expect(others).toEqual([]);
    expect(overlay?.namespace.own).toBe(true);
    expect(overlay?.rawLowerdir).toBe(lowerdir);
    expect(overlay?.lower).toEqual([init, middle, bottom].map((id) => join(store, id, "diff")));
    expect(overlay?.upper).toBe(join(store, container, "diff"));
    expect(overlay?.work).toBe(join(store, container, "work"));
    expect(overlay?.problems).toEqual([]);
    if (overlay === undefined) return;
    expect(classifyStore(overlay)).toEqual({
      kind: "docker-overlay2",
      storeRoot: store,
      layerIds: { lower: [init, middle, bottom], upper: container },
    });
    expect(readFileSync(join(hostPath(overlay.namespace, merged), "from-bottom"), "utf8")).toBe("bottom\n");
  });

  it("finds a mount that exists only in another mount namespace, and sees it go with the namespace", async () => {
    makeDirectories("lower", "upper", "work", "merged");
    writeFileSync(join(parent, "lower/seen-inside"), "inside\n");
    const merged = join(parent, "merged");
    const options = `lowerdir=${overlayEscape(join(parent, "lower"))},upperdir=${overlayEscape(join(parent, "upper"))},workdir=${overlayEscape(join(parent, "work"))}`;
    // Paths reach the shell as arguments, never inside the script, so the space needs no quoting.
    child = spawn(
      "unshare",
      ["--mount", "--propagation", "private", "sh", "-c", 'mount -t overlay overlay -o "$1" "$2" && exec sleep 60', "sh", options, merged],
      {
        detached: true,
        stdio: "ignore",
      },
    );
    const started = child;
    childExited = new Promise((resolve) => started.once("exit", () => resolve()));
    const pid = started.pid;
    if (pid === undefined) throw new Error("unshare did not start");
    await waitFor(() => {
      try {
        return mountPointsBeneath(parent, `/proc/${pid}/mountinfo`).includes(merged);
      } catch {
        return false;
      }
    }, "the overlay in the child's namespace");
    expect(mountPointsBeneath(parent)).toEqual([]);

    const discovery = discoverOverlays();
    const [overlay, ...others] = found(discovery.overlays, merged);
    expect(others).toEqual([]);
    expect(overlay?.namespace).toMatchObject({ own: false, pid });
    expect(overlay?.namespace.inode).not.toBe(discovery.namespaces[0]?.inode);
    expect(overlay?.lower).toEqual([join(parent, "lower")]);
    expect(overlay?.upper).toBe(join(parent, "upper"));
    expect(overlay?.problems).toEqual([]);
    if (overlay === undefined) return;
    expect(hostPath(overlay.namespace, merged)).toBe(`/proc/${pid}/root${merged}`);
    expect(readdirSync(hostPath(overlay.namespace, merged))).toEqual(["seen-inside"]);
    // Only our own namespace: it is not there.
    expect(found(discoverOverlays({ allNamespaces: false }).overlays, merged)).toEqual([]);

    process.kill(-pid, "SIGKILL");
    await childExited;
    expect(found(discoverOverlays().overlays, merged)).toEqual([]);
  });

  it("finds a plain mount with three lowers whose names need escaping", () => {
    const lowers = ["lower top", "lower:middle", "lower,bottom"];
    makeDirectories(...lowers, "upper", "work", "merged");
    const merged = join(parent, "merged");
    const lowerdir = lowers.map((name) => overlayEscape(join(parent, name))).join(":");
    execFileSync("mount", [
      "-t",
      "overlay",
      "overlay",
      "-o",
      `lowerdir=${lowerdir},upperdir=${overlayEscape(join(parent, "upper"))},workdir=${overlayEscape(join(parent, "work"))},redirect_dir=on`,
      merged,
    ]);
    mounted.push(merged);

    const [overlay, ...others] = found(discoverOverlays().overlays, merged);
    expect(others).toEqual([]);
    expect(overlay?.lower).toEqual(lowers.map((name) => join(parent, name)));
    expect(overlay?.upper).toBe(join(parent, "upper"));
    expect(overlay?.work).toBe(join(parent, "work"));
    expect(overlay?.options).toMatchObject({ redirect_dir: "on" });
    expect(overlay?.problems).toEqual([]);
    if (overlay === undefined) return;
    expect(classifyStore(overlay)).toEqual({ kind: "plain", layerIds: { lower: [null, null, null], upper: null } });
  });
});
