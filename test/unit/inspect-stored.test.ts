// How inspect picks the container a TARGET names among every store's (src/inspect/stored-targets.ts):
// a name or an id exactly before the start of an id, RUNTIME/USER/NAME to choose among stores, a
// name several stores share refused with each spelled out, a vfs container refused with the
// reason; and the closing note on store files that could not be read, fitted to the terminal in
// each language. The stores here are data; their real files are read in the e2e tests.
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { storeProblemText } from "../../src/inspect/store-problems.js";
import { findNamed, storeProblemsNote, theOne, wantedOf } from "../../src/inspect/stored-targets.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import type { StoreContents, StoredContainer, StoreProblem } from "../../src/runtime/index.js";
import { ExitError } from "../../src/sys/errors.js";
import { latinLeft } from "../helpers/latin.js";

const LANGS = ["en", "zh", "ja"] as const;
const chalk = { yellow: (text: string) => text } as unknown as Parameters<typeof storeProblemsNote>[2];

function container(id: string, name: string): StoredContainer {
  return {
    id,
    name,
    image: "img",
    imageId: undefined,
    state: "stopped",
    pod: null,
    labels: {},
    upper: `/s/${id}/diff`,
    lower: [],
    mergedDir: undefined,
  };
}

function store(runtime: "docker" | "podman", user: string | null, driver: string, containers: StoredContainer[]): StoreContents {
  return {
    runtime,
    store: { kind: runtime === "docker" ? "docker-overlay2" : "containers-storage", root: `/stores/${user ?? "root"}`, layers: "/x" },
    driver,
    owner: user === null ? null : { uid: 1000, user },
    layers: [],
    images: [],
    containers,
    problems: [],
  };
}

const A = "a1b2c3".padEnd(64, "0");
const B = "a1b2ff".padEnd(64, "1");
const STORES = [
  store("podman", null, "overlay", [container(A, "web"), container("c".repeat(64), "db")]),
  store("podman", "alice", "overlay", [container(B, "web")]),
  store("docker", null, "overlay2", [container("d".repeat(64), "a1b2c3")]),
  store("podman", "bob", "vfs", [container("e".repeat(64), "copy")]),
];

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ExitError) return `${error.exitCode} ${error.message}`;
    throw error;
  }
  return "no refusal";
};

describe("the container a TARGET names", () => {
  it("reads RUNTIME/USER/NAME only with a runtime's name first; anything else is a name", () => {
    expect(wantedOf("podman/alice/web")).toEqual({ runtime: "podman", user: "alice", name: "web" });
    expect(wantedOf("web")).toEqual({ name: "web" });
    expect(wantedOf("kube-system/coredns")).toEqual({ name: "kube-system/coredns" });
    expect(wantedOf("nosuch/alice/web")).toEqual({ name: "nosuch/alice/web" });
    expect(wantedOf("/var/lib/x/merged")).toEqual({ name: "/var/lib/x/merged" });
  });

  it("takes an exact name or id before the start of an id, and RUNTIME/USER/NAME to choose", async () => {
    const names = async (target: string) =>
      (await findNamed(target, STORES, [])).map((found) => `${found.runtime}/${found.owner?.user ?? "root"}/${found.name}`);
    // docker's container is named a1b2c3, which is also the start of podman's id: the name wins.
    expect(await names("a1b2c3")).toEqual(["docker/root/a1b2c3"]);
    expect(await names("a1b2")).toEqual(["podman/root/web", "podman/alice/web"]);
    expect(await names(B)).toEqual(["podman/alice/web"]);
    expect(await names("podman/alice/web")).toEqual(["podman/alice/web"]);
    expect(await names("podman/root/web")).toEqual(["podman/root/web"]);
    expect(await names("docker/root/web")).toEqual([]);
  });

  it.each(LANGS)("refuses a name two stores share, naming both, and a vfs container with the reason (%s)", async (lang) => {
    const words = inspectWords(lang);
    const both = await findNamed("web", STORES, []);
    expect(refusal(() => theOne("web", both, words))).toBe(`2 ${words.ambiguous("web", "2", ["podman/root/web", "podman/alice/web"])}`);
    const copy = await findNamed("copy", STORES, []);
    expect(refusal(() => theOne("copy", copy, words))).toBe(`2 ${words.vfsContainer("copy", "podman", "bob", "/stores/bob")}`);
    expect(theOne("db", await findNamed("db", STORES, []), words)?.name).toBe("db");
    expect(theOne("nosuch", await findNamed("nosuch", STORES, []), words)).toBeUndefined();
  });
});

describe("the note on store files that could not be read", () => {
  const problems: StoreProblem[] = [
    { kind: "unreadable", path: "/var/lib/docker/containers/0123456789abcdef0123456789abcdef/config.v2.json", code: "EACCES" },
    {
      kind: "not-json",
      path: "/home/alice/.local/share/containers/storage/overlay-containers/containers.json",
      error: "Unexpected end of JSON input",
    },
    { kind: "symlink", path: "/var/lib/containers/storage/overlay-layers/layers.json" },
    { kind: "unreadable", path: "/x", code: "EIO" },
    { kind: "unreadable", path: "/y", code: "EIO" },
  ];

  it("says nothing when every file was read", () => {
    expect(storeProblemsNote([], inspectWords("en"), chalk, 60)).toBe("");
  });

  it.each(LANGS)("quotes three and counts the rest, every line within 60 columns (%s)", (lang) => {
    const words = inspectWords(lang);
    const note = storeProblemsNote(problems, words, chalk, 60);
    const quoted = problems.slice(0, 3).map((problem) => storeProblemText(problem, words));
    expect(note.replace(/\s+/g, "")).toBe(words.storeProblems("5", quoted, "2").replace(/\s+/g, ""));
    // Each quoted in the reader's words: in zh and ja, no English but the paths, codes and the JSON error.
    if (lang !== "en") {
      problems.slice(0, 3).forEach((problem, index) => {
        const values = Object.entries(problem).flatMap(([key, value]) => (key === "kind" ? [] : [String(value)]));
        expect(latinLeft(quoted[index] ?? "", [...values, "JSON"]), quoted[index]).toEqual([]);
      });
    }
    for (const line of note.trimEnd().split("\n")) expect(stringWidth(line), line).toBeLessThanOrEqual(60);
  });
});
