import { describe, expect, it } from "vitest";
import {
  isWithin,
  mountsBeneath,
  overlayLayers,
  parseMountInfo,
  parseMountInfoLine,
  parseSuperOptions,
  unescapeMountField,
} from "../../src/overlay/mountinfo.js";

const OVERLAY_LINE =
  "812 27 0:61 / /tmp/overlay-lesson-Ab12/merged rw,relatime shared:420 - overlay overlay rw,lowerdir=/tmp/overlay-lesson-Ab12/lower,upperdir=/tmp/overlay-lesson-Ab12/upper,workdir=/tmp/overlay-lesson-Ab12/work,uuid=on";

describe("mountinfo parsing", () => {
  it("reads every field of an overlay line, optional fields included", () => {
    const entry = parseMountInfoLine(OVERLAY_LINE);
    expect(entry).toEqual({
      id: 812,
      parentId: 27,
      device: "0:61",
      root: "/",
      mountPoint: "/tmp/overlay-lesson-Ab12/merged",
      mountOptions: "rw,relatime",
      fsType: "overlay",
      source: "overlay",
      superOptions:
        "rw,lowerdir=/tmp/overlay-lesson-Ab12/lower,upperdir=/tmp/overlay-lesson-Ab12/upper,workdir=/tmp/overlay-lesson-Ab12/work,uuid=on",
    });
  });

  it("handles lines with no optional fields and with several", () => {
    const none = parseMountInfoLine("22 27 0:21 / /proc rw,relatime - proc proc rw");
    expect(none?.fsType).toBe("proc");
    const many = parseMountInfoLine("30 27 0:26 / /sys/fs/cgroup rw shared:9 master:3 propagate_from:2 - cgroup2 cgroup2 rw,nsdelegate");
    expect(many?.mountPoint).toBe("/sys/fs/cgroup");
    expect(many?.superOptions).toBe("rw,nsdelegate");
  });

  it("unescapes spaces, tabs, newlines and backslashes in paths", () => {
    expect(unescapeMountField("/tmp/my\\040dir\\011x\\012y\\134z")).toBe("/tmp/my dir\tx\ny\\z");
    const entry = parseMountInfoLine("900 27 0:70 / /tmp/a\\040b/merged rw - overlay overlay rw,lowerdir=/tmp/a\\040b/lower");
    expect(entry?.mountPoint).toBe("/tmp/a b/merged");
    expect(entry && overlayLayers(entry).lower).toEqual(["/tmp/a b/lower"]);
  });

  it("rejects malformed lines instead of guessing", () => {
    expect(parseMountInfoLine("")).toBeUndefined();
    expect(parseMountInfoLine("1 2 3:4 / /x rw no-separator here")).toBeUndefined();
    expect(parseMountInfo("garbage\n22 27 0:21 / /proc rw,relatime - proc proc rw\n")).toHaveLength(1);
  });

  it("splits many super options, escaped commas included", () => {
    const options = parseSuperOptions(
      "rw,lowerdir=/a\\,b:/c,upperdir=/u,workdir=/w,index=off,metacopy=on,redirect_dir=on,xino=off,userxattr",
    );
    expect(options.get("lowerdir")).toBe("/a,b:/c");
    expect(options.get("metacopy")).toBe("on");
    expect(options.get("userxattr")).toBe("");
    expect(options.size).toBe(9);
  });

  it("lists several lower layers top first, with escaped colons", () => {
    const entry = parseMountInfoLine("1 2 0:9 / /m rw - overlay overlay rw,lowerdir=/top:/mid\\:dle:/bottom,upperdir=/u,workdir=/w");
    expect(entry && overlayLayers(entry)).toEqual({ lower: ["/top", "/mid:dle", "/bottom"], upper: "/u", work: "/w" });
  });
});

describe("mounts beneath a workspace", () => {
  const entries = parseMountInfo(
    [
      "22 1 0:21 / /tmp rw - tmpfs tmpfs rw",
      "40 22 0:40 / /tmp/ws/merged rw - overlay overlay rw,lowerdir=/tmp/ws/lower",
      "41 40 0:41 / /tmp/ws/merged/proc rw - proc proc rw",
      "42 22 0:42 / /tmp/ws2/merged rw - overlay overlay rw",
      "43 22 0:43 / /tmp/wsx rw - tmpfs tmpfs rw",
    ].join("\n"),
  );

  it("finds only mounts inside the root, deepest first", () => {
    expect(mountsBeneath("/tmp/ws", entries).map((entry) => entry.mountPoint)).toEqual(["/tmp/ws/merged/proc", "/tmp/ws/merged"]);
  });

  it("compares whole path components, not prefixes", () => {
    expect(isWithin("/tmp/wsx", "/tmp/ws")).toBe(false);
    expect(isWithin("/tmp/ws", "/tmp/ws")).toBe(true);
    expect(isWithin("/tmp/ws/a", "/tmp/ws/")).toBe(true);
  });
});
