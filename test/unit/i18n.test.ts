import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.js";
import { chooseLang } from "../../src/i18n/index.js";
import { zh } from "../../src/i18n/zh.js";

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
  ] as const)("%j → %s", (env, lang) => {
    expect(chooseLang(undefined, env)).toBe(lang);
  });
});

describe("catalogues", () => {
  it("have the same keys (the compiler checks this too)", () => {
    expect(shape(zh)).toEqual(shape(en));
  });

  it("have no empty message and the Chinese one is Chinese", () => {
    const texts = (value: unknown): string[] =>
      typeof value === "string" ? [value] : typeof value === "object" && value !== null ? Object.values(value).flatMap(texts) : [];
    for (const text of [...texts(en), ...texts(zh)]) expect(text.trim()).not.toBe("");
    const han = texts(zh).filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
    expect(han / texts(zh).length).toBeGreaterThan(0.8);
  });
});
