import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { chooseLang } from "../../src/i18n/index.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import { inspectWords } from "../../src/inspect/words/index.js";
import { en as containerEn } from "../../src/lessons/container-demo/en.js";
import { ja as containerJa } from "../../src/lessons/container-demo/ja.js";
import { zh as containerZh } from "../../src/lessons/container-demo/zh.js";
import { cowDemo } from "../../src/lessons/cow-demo/steps.js";
import { featuresDemo } from "../../src/lessons/features-demo/lesson.js";
import { LESSONS } from "../../src/lessons/index.js";
import { layersDemo } from "../../src/lessons/layers-demo/steps.js";
import { mountDemo } from "../../src/lessons/mount-demo/steps.js";

function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}()`];
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => shape(child, `${path}.${key}`));
  }
  return [path];
}

describe("language choice", () => {
  it("--lang wins over the environment", () => {
    expect(chooseLang("en", { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(chooseLang("zh", { LANG: "en_US.UTF-8" })).toBe("zh");
  });

  it.each([
    [{ LC_ALL: "zh_CN.UTF-8" }, "zh"],
    [{ LC_MESSAGES: "zh_TW.UTF-8" }, "zh"],
    [{ LANG: "zh_CN.UTF-8" }, "zh"],
    [{ LANG: "en_US.UTF-8" }, "en"],
    [{}, "en"],
    [{ LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" }, "en"],
    [{ LC_ALL: "", LC_MESSAGES: "zh_CN", LANG: "en_US" }, "zh"],
    [{ LC_MESSAGES: "C", LANG: "zh_CN" }, "en"],
    [{ LANG: "ja_JP.UTF-8" }, "ja"],
    [{ LC_ALL: "ja_JP.eucJP" }, "ja"],
    [{ LC_MESSAGES: "ja", LANG: "zh_CN.UTF-8" }, "ja"],
  ] as const)("%j → %s", (env, lang) => {
    expect(chooseLang(undefined, env)).toBe(lang);
  });
});

const texts = (value: unknown): string[] =>
  typeof value === "string" ? [value] : typeof value === "object" && value !== null ? Object.values(value).flatMap(texts) : [];

/** Share of the messages written in the language's own script (kana for Japanese, Han for Chinese). */
function share(catalogue: unknown, script: RegExp): number {
  const all = texts(catalogue);
  return all.filter((text) => script.test(text)).length / all.length;
}

const HAN = /[\u4e00-\u9fff]/;
const KANA = /[\u3040-\u30ff]/;

// The runner's and CLI's catalogue, and each lesson's own words.
const CATALOGUES = [
  ["runner and CLI", { en, zh, ja }],
  ["mount-demo", mountDemo.words],
  ["cow-demo", cowDemo.words],
  ["layers-demo", layersDemo.words],
  ["features-demo", featuresDemo.words],
] as const;

describe.each(CATALOGUES)("the %s catalogue", (_name, words) => {
  it("has the same keys in every language (the compiler checks this too)", () => {
    expect(shape(words.zh)).toEqual(shape(words.en));
    expect(shape(words.ja)).toEqual(shape(words.en));
  });

  it("has no empty message; the Chinese one is Chinese and the Japanese one Japanese", () => {
    for (const text of [...texts(words.en), ...texts(words.zh), ...texts(words.ja)]) expect(text.trim()).not.toBe("");
    expect(share(words.zh, HAN)).toBeGreaterThan(0.8);
    expect(share(words.ja, KANA)).toBeGreaterThan(0.8);
    // Chinese text is not Japanese: kana never appear in it.
    expect(share(words.zh, KANA)).toBe(0);
  });
});

describe("the list of lessons", () => {
  it("describes every lesson in every language", () => {
    for (const lesson of LESSONS) {
      for (const describe of [lesson.describe, lesson.summary]) {
        expect(describe.zh).toMatch(HAN);
        expect(describe.ja).toMatch(KANA);
        expect(describe.en).not.toMatch(HAN);
      }
    }
  });
});

/** Every message of a catalogue, functions called with sample arguments ("X"). */
function sentences(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") {
    const call = (sample: unknown): unknown =>
      (value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, () => sample));
    let said: unknown;
    try {
      said = call("X");
    } catch {
      said = call(["X"]); // a list (the commands an unknown command's line names)
    }
    return typeof said === "string" ? [said] : [];
  }
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(sentences);
  return [];
}

const containerDemoWords = { en: containerEn, zh: containerZh, ja: containerJa };

const EVERY = [
  ...CATALOGUES,
  ["container-demo", containerDemoWords],
  ["inspect", { en: inspectWords("en"), zh: inspectWords("zh"), ja: inspectWords("ja") }],
] as const;

describe.each(EVERY)("the %s catalogue's small words", (_name, words) => {
  it("puts no ASCII space after full-width punctuation, nor before （", () => {
    for (const text of [...sentences(words.zh), ...sentences(words.ja)]) expect(text).not.toMatch(/[：（，。；）、] |\S （/);
  });

  it("Chinese: the workspace is 工作区, workdir is 工作目录, never the one for the other", () => {
    // "workdir 是工作区" told a learner the two were one thing.
    for (const text of sentences(words.zh)) expect(text).not.toMatch(/\bwork(dir)?\/?\s*(是|作为|为)[^，。；]*工作区/);
  });

  it("Japanese: workdir is 作業用ディレクトリ, never 作業領域, a near twin of ワークスペース", () => {
    for (const text of sentences(words.ja)) expect(text).not.toContain("作業領域");
  });
});
