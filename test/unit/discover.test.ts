// Discovery from fixture mountinfo text and fixture store trees in a temp dir whose name holds a
// space and a backslash, the two characters mountinfo and overlayfs each escape their own way.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DiscoveredOverlay,
  hostPath,
  type MountNamespace,
  mergeViews,
  overlaysInMountInfo,
  parseLowerdir,
  parseOverlayOptions,
} from "../../src/overlay/discover.js";
import { classifyStore } from "../../src/runtime/index.js";

const OWN: MountNamespace = { inode: 4026531841, pid: process.pid, own: true };
const ID_A = "a".repeat(64);
const ID_B = "b".repeat(64);
const CONTAINER = "c".repeat(64);

/** As the kernel shows a path in mountinfo: space, tab, newline, backslash and comma in octal. */
function octal(text: string): string {
  return text.replace(/[ \t\n\\,]/g, (character) => `\\${character.charCodeAt(0).toString(8).padStart(3, "0")}`);
}

/** A lowerdir entry as a mount(2) caller must write it: overlayfs's own backslash escapes. */
function overlayEscape(path: string): string {
  return path.replace(/[\\:,]/g, (character) => `\\${character}`);
}

function mountInfoLine(mountPoint: string, superOptions: string, device = "0:77"): string {
  return `900 27 ${device} / ${octal(mountPoint)} rw,relatime shared:1 - overlay overlay rw,${superOptions}`;
}

function only(text: string, namespace: MountNamespace = OWN): DiscoveredOverlay {
  const overlays = overlaysInMountInfo(text, namespace);
  expect(overlays).toHaveLength(1);
  const [overlay] = overlays;
  if (overlay === undefined) throw new Error("no overlay");
  return overlay;
}

describe("overlay options as kernel 6.18 shows them", () => {
  it("undoes octal escapes, then overlayfs's backslash escapes (lines seen on the kernel)", () => {
    // mount -o 'lowerdir=a\,b:c\:d,upperdir=/t/u\,x,workdir=/t/w' shows:
    const parsed = parseOverlayOptions("rw,lowerdir=a\\134\\054b:c\\134:d,upperdir=/t/u\\134\\054x,workdir=/t/w,uuid=on");
    expect(parsed).toMatchObject({ lower: ["a,b", "c:d"], dataLower: [], upper: "/t/u,x", work: "/t/w" });
    expect(parsed.rawLowerdir).toBe("a\\,b:c\\:d");
    expect(parsed.others).toEqual({ rw: "", uuid: "on" });
    expect(parseOverlayOptions("lowerdir=/t/e\\134\\134f:/t/x").lower).toEqual(["/t/e\\f", "/t/x"]);
  });

  it("reads repeated lowerdir+ and datadir+ of the new mount API, literal commas included", () => {
    const parsed = parseOverlayOptions(
      "rw,lowerdir+=/t/l1,lowerdir+=/t/l\\0404,lowerdir+=/t/a\\054b,datadir+=/t/l3,upperdir=/t/u,workdir=/t/w,redirect_dir=on,metacopy=on",
    );
    expect(parsed.lower).toEqual(["/t/l1", "/t/l 4", "/t/a,b"]);
    expect(parsed.dataLower).toEqual(["/t/l3"]);
    expect(parsed.rawLowerdir).toBe("lowerdir+=/t/l1,lowerdir+=/t/l 4,lowerdir+=/t/a,b,datadir+=/t/l3");
    expect(parsed.others).toEqual({ rw: "", redirect_dir: "on", metacopy: "on" });
  });

  it("splits data-only layers after ::", () => {
    expect(parseLowerdir("/l1:/l2::/d1::/d2")).toEqual({ merged: ["/l1", "/l2"], data: ["/d1", "/d2"] });
    expect(parseLowerdir("/a\\:b:/c")).toEqual({ merged: ["/a:b", "/c"], data: [] });
  });
});

describe("layer resolution on fixture stores", () => {
  let root = "";
  const make = (...paths: string[]) => {
    for (const path of paths) mkdirSync(join(root, path), { recursive: true });
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "ol discover\\unit "));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    expect(existsSync(root)).toBe(false);
  });

  function dockerStore(): string {
    const store = join(root, "overlay2");
    make(`overlay2/l`, `overlay2/${ID_A}/diff`, `overlay2/${ID_B}/diff`, `overlay2/${CONTAINER}-init/diff`);
    make(`overlay2/${CONTAINER}/diff`, `overlay2/${CONTAINER}/work`, `overlay2/${CONTAINER}/merged`, "outside");
    symlinkSync(`../${ID_A}/diff`, join(store, "l/AAA"));
    symlinkSync(`../${ID_B}/diff`, join(store, "l/BBB"));
    symlinkSync(`../${CONTAINER}-init/diff`, join(store, "l/INIT"));
    symlinkSync("../../outside", join(store, "l/EVIL"));
    symlinkSync("/etc", join(store, "l/ABSOLUTE"));
    symlinkSync("../gone/diff", join(store, "l/GONE"));
    return store;
  }

  it("resolves docker's relative lowerdir, upperdir and workdir against the store", () => {
    const store = dockerStore();
    const line = mountInfoLine(
      `${store}/${CONTAINER}/merged`,
      `lowerdir=l/INIT:l/AAA:l/BBB,upperdir=${CONTAINER}/diff,workdir=${CONTAINER}/work`,
    );
    const overlay = only(`22 1 0:21 / /proc rw - proc proc rw\n${line}\n`);
    expect(overlay.mountPoint).toBe(`${store}/${CONTAINER}/merged`);
    expect(overlay.rawLowerdir).toBe("l/INIT:l/AAA:l/BBB");
    expect(overlay.lower).toEqual([`${store}/${CONTAINER}-init/diff`, `${store}/${ID_A}/diff`, `${store}/${ID_B}/diff`]);
    expect(overlay.upper).toBe(`${store}/${CONTAINER}/diff`);
    expect(overlay.work).toBe(`${store}/${CONTAINER}/work`);
    expect(overlay.problems).toEqual([]);
    expect(classifyStore(overlay)).toEqual({
      kind: "docker-overlay2",
      storeRoot: store,
      layerIds: { lower: [`${CONTAINER}-init`, ID_A, ID_B], upper: CONTAINER },
    });
  });

  it("follows absolute l/ links too, escaped as mount(2) callers write them", () => {
    const store = dockerStore();
    const lowerdir = [`${store}/l/AAA`, `${store}/l/BBB`].map(overlayEscape).join(":");
    const overlay = only(mountInfoLine("/m", `lowerdir=${octal(lowerdir)},upperdir=${octal(overlayEscape(`${store}/${CONTAINER}/diff`))}`));
    expect(overlay.lower).toEqual([`${store}/${ID_A}/diff`, `${store}/${ID_B}/diff`]);
    expect(overlay.upper).toBe(`${store}/${CONTAINER}/diff`);
    expect(overlay.problems).toEqual([]);
  });

  it("refuses a link out of the store and one to an absolute path, and names a lower that is gone", () => {
    const store = dockerStore();
    const lowerdir = ["l/EVIL", "l/ABSOLUTE", "l/GONE", "l/AAA"].join(":");
    const overlay = only(
      mountInfoLine(`${store}/${CONTAINER}/merged`, `lowerdir=${lowerdir},upperdir=${octal(overlayEscape(`${store}/${CONTAINER}/diff`))}`),
    );
    // Unresolved layers stay as the link, so the list still has one entry per kernel layer.
    expect(overlay.lower).toEqual([`${store}/l/EVIL`, `${store}/l/ABSOLUTE`, `${store}/l/GONE`, `${store}/${ID_A}/diff`]);
    expect(overlay.problems).toHaveLength(3);
    expect(overlay.problems).toEqual([
      { kind: "link-outside", path: `${store}/l/EVIL`, target: "../../outside", store },
      { kind: "link-outside", path: `${store}/l/ABSOLUTE`, target: "/etc", store },
      { kind: "link-not-directory", path: `${store}/l/GONE`, resolved: expect.stringMatching(/\/gone\/diff$/) },
    ]);
  });

  it("does not follow a symlink that is not a store's short link, and reports a missing lower", () => {
    make("lower", "upper");
    symlinkSync(join(root, "lower"), join(root, "link"));
    const overlay = only(
      mountInfoLine("/m", `lowerdir=${octal(overlayEscape(`${root}/link`))}:${octal(overlayEscape(`${root}/nothing`))}`),
    );
    expect(overlay.lower).toEqual([`${root}/link`, `${root}/nothing`]);
    expect(overlay.problems).toEqual([
      { kind: "foreign-symlink", path: `${root}/link` },
      { kind: "unreadable", path: `${root}/nothing`, code: "ENOENT" },
    ]);
  });

  it("reports relative lowers that no candidate store holds", () => {
    const overlay = only(mountInfoLine("/nowhere/x/merged", "lowerdir=lower1:lower2,upperdir=/nowhere/u/diff,workdir=/nowhere/u/work"));
    expect(overlay.lower).toEqual(["lower1", "lower2"]);
    expect(overlay.problems).toEqual([
      { kind: "relative-unfound", paths: ["lower1", "lower2"] },
      { kind: "upper-unreadable", path: "/nowhere/u/diff" },
    ]);
  });

  it("resolves a hand-made relative mount against the mount point's parent, and calls it a guess", () => {
    make("lower", "upper", "work", "merged");
    const overlay = only(mountInfoLine(`${root}/merged`, "lowerdir=lower,upperdir=upper,workdir=work"));
    expect(overlay.lower).toEqual([`${root}/lower`]);
    expect(overlay.upper).toBe(`${root}/upper`);
    expect(overlay.problems).toEqual([{ kind: "relative-guess", paths: ["lower", "upper", "work"], base: root }]);
  });

  it("resolves a relative mount made from further up (cd ws && mount … step/box/merged) against that ancestor: a guess, unmounted", () => {
    make("image", "step/box/upper", "step/box/work", "step/box/merged");
    const overlay = only(mountInfoLine(`${root}/step/box/merged`, "lowerdir=image,upperdir=step/box/upper,workdir=step/box/work"));
    expect(overlay.lower).toEqual([`${root}/image`]);
    expect(overlay.upper).toBe(`${root}/step/box/upper`);
    // Nothing is mounted there, so the kernel cannot confirm it (test/e2e/inspect-relative.test.ts mounts it).
    expect(overlay.problems).toEqual([{ kind: "relative-guess", paths: ["image", "step/box/upper", "step/box/work"], base: root }]);
  });

  it("resolves containerd's compacted lowerdir against the absolute upper's grandparent", () => {
    const snapshots = join(root, "io.containerd.snapshotter.v1.overlayfs/snapshots");
    make(...["1/fs", "2/fs", "3/fs", "3/work"].map((path) => `io.containerd.snapshotter.v1.overlayfs/snapshots/${path}`));
    const overlay = only(
      mountInfoLine("/run/containerd/task/rootfs", `lowerdir=2/fs:1/fs,upperdir=${octal(overlayEscape(`${snapshots}/3/fs`))}`),
    );
    expect(overlay.lower).toEqual([`${snapshots}/2/fs`, `${snapshots}/1/fs`]);
    expect(classifyStore(overlay)).toEqual({
      kind: "containerd",
      storeRoot: join(root, "io.containerd.snapshotter.v1.overlayfs"),
      layerIds: { lower: ["2", "1"], upper: "3" },
    });
  });

  it("tells containers-storage from docker by its overlay-layers directory", () => {
    const store = join(root, "graph/overlay");
    make("graph/overlay/l", "graph/overlay-layers", `graph/overlay/${ID_A}/diff`, `graph/overlay/${CONTAINER}/diff`, "plain/lower");
    symlinkSync(`../${ID_A}/diff`, join(store, "l/XYZ"));
    const lowerdir = `${octal(overlayEscape(`${store}/l/XYZ`))}:${octal(overlayEscape(`${root}/plain/lower`))}`;
    const overlay = only(
      mountInfoLine(`${store}/${CONTAINER}/merged`, `lowerdir=${lowerdir},upperdir=${octal(overlayEscape(`${store}/${CONTAINER}/diff`))}`),
    );
    expect(classifyStore(overlay)).toEqual({
      kind: "containers-storage",
      storeRoot: store,
      layerIds: { lower: [ID_A, null], upper: CONTAINER },
    });
    expect(classifyStore({ lower: [`${root}/plain/lower`], namespace: OWN })).toEqual({
      kind: "plain",
      layerIds: { lower: [null], upper: null },
    });
  });

  it("reads another namespace's paths through /proc/<pid>/root", () => {
    const store = dockerStore();
    const foreign: MountNamespace = { inode: 4026532000, pid: process.pid, own: false };
    expect(hostPath(foreign, "/var/lib")).toBe(`/proc/${process.pid}/root/var/lib`);
    expect(hostPath(foreign, "/")).toBe(`/proc/${process.pid}/root`);
    expect(hostPath(OWN, "/var/lib")).toBe("/var/lib");
    const overlay = only(mountInfoLine(`${store}/${CONTAINER}/merged`, `lowerdir=l/AAA,upperdir=${CONTAINER}/diff`), foreign);
    expect(overlay.namespace).toBe(foreign);
    expect(overlay.lower).toEqual([`${store}/${ID_A}/diff`]);
    expect(overlay.problems).toEqual([]);
  });
});

describe("one entry per mount across namespaces", () => {
  const text = (mountPoint: string, device: string) => mountInfoLine(mountPoint, "lowerdir=/nowhere/l,upperdir=/nowhere/u", device);
  const other: MountNamespace = { inode: 4026532001, pid: 4242, own: false };

  it("keeps the first view of a mount seen from several namespaces, and bind mounts within one", () => {
    const own = overlaysInMountInfo(`${text("/host/merged", "0:70")}\n${text("/bind/merged", "0:70")}`, OWN);
    const inside = overlaysInMountInfo(`${text("/", "0:70")}\n${text("/only/inside", "0:71")}`, other);
    const merged = mergeViews([own, inside]);
    expect(merged.map((overlay) => [overlay.mountPoint, overlay.namespace.own])).toEqual([
      ["/host/merged", true],
      ["/bind/merged", true],
      ["/only/inside", false],
    ]);
  });
});
