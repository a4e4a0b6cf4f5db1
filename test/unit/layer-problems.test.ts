// Each thing discovery can find wrong with an overlay's layer paths is told in the reader's
// language, with the paths it is about: none of zh's or ja's notes falls back to English.
import { describe, expect, it } from "vitest";
import { noteText } from "../../src/inspect/layer-problems.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import type { LayerProblem } from "../../src/overlay/discover.js";
import { latinLeft } from "../helpers/latin.js";

const STORE = "/var/lib/docker/overlay2";
const PROBLEMS: LayerProblem[] = [
  { kind: "unreadable", path: "/srv/lower", code: "EACCES" },
  { kind: "not-directory", path: "/srv/lower" },
  { kind: "foreign-symlink", path: "/srv/link" },
  { kind: "link-vanished", path: `${STORE}/l/AAA`, code: "ENOENT" },
  { kind: "link-outside", path: `${STORE}/l/AAA`, target: "/etc", store: STORE },
  { kind: "link-not-directory", path: `${STORE}/l/AAA`, resolved: `${STORE}/gone/diff` },
  { kind: "relative-unfound", paths: ["image", "box/upper"] },
  { kind: "relative-guess", paths: ["image", "box/upper"], base: "/work/ws" },
  { kind: "upper-unreadable", path: "/srv/upper" },
];

describe("discovery's layer problems in words", () => {
  it.each(PROBLEMS.map((problem) => [problem.kind, problem] as const))("%s: in en, zh and ja, naming its paths", (_kind, problem) => {
    const texts = (["en", "zh", "ja"] as const).map((lang) => noteText(problem, inspectWords(lang)));
    const paths = "paths" in problem ? problem.paths : [problem.path];
    for (const text of texts) for (const path of paths) expect(text).toContain(path);
    expect(new Set(texts).size).toBe(3);
    const values = [...Object.entries(problem).flatMap(([key, value]) => (key === "kind" ? [] : [value].flat().map(String))), "upperdir"];
    for (const text of texts.slice(1)) expect(latinLeft(text, values), text).toEqual([]);
  });

  it("a note already in words (a runtime's, a store's) is kept as it is", () => {
    expect(noteText("named from containerd's files", inspectWords("ja"))).toBe("named from containerd's files");
  });
});
