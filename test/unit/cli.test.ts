import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { type Actions, buildProgram, OTHER_COMMANDS, scanLang, usageMessage } from "../../src/cli.js";
import { en } from "../../src/i18n/en.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import { LESSONS } from "../../src/lessons/index.js";

interface Call {
  command: string;
  flags: Record<string, unknown>;
}

async function parse(args: string[]): Promise<Call> {
  let call: Call | undefined;
  const record =
    (command: string) =>
    async (...params: unknown[]): Promise<number> => {
      const flags = (typeof params[0] === "string" ? params[1] : params[0]) as Record<string, unknown>;
      call = { command: typeof params[0] === "string" ? params[0] : command, flags: { ...flags } };
      return 0;
    };
  const actions: Actions = {
    lesson: record("lesson"),
    cleanup: record("cleanup"),
    doctor: record("doctor"),
    list: record("list"),
    inspect: record("inspect"),
  };
  const program = buildProgram(en, "en", actions, () => undefined);
  await program.parseAsync(["node", "overlay-lesson", ...args]);
  if (!call) throw new Error("no command ran");
  return call;
}

async function parseError(args: string[]): Promise<CommanderError> {
  const actions: Actions = {
    lesson: async () => 0,
    cleanup: async () => 0,
    doctor: async () => 0,
    list: async () => 0,
    inspect: async () => 0,
  };
  const program = buildProgram(en, "en", actions, () => undefined);
  try {
    await program.parseAsync(["node", "overlay-lesson", ...args]);
  } catch (error) {
    if (error instanceof CommanderError) return error;
    throw error;
  }
  throw new Error(`${args.join(" ")} parsed without error`);
}

describe("option parsing", () => {
  it.each<[string[], Call]>([
    [["mount-demo"], { command: "mount-demo", flags: { color: true } }],
    [
      ["mount-demo", "--yes", "--json", "--keep", "--dir", "/srv/x", "--lang", "zh", "--no-color"],
      // --lang is read by main() (scanLang) before commander runs, wherever it stands.
      { command: "mount-demo", flags: { yes: true, json: true, keep: true, dir: "/srv/x", color: false } },
    ],
    [["cow-demo"], { command: "cow-demo", flags: { color: true } }],
    [
      ["cow-demo", "--size", "1G", "--trials=3", "--containers", "100", "--yes"],
      { command: "cow-demo", flags: { color: true, size: "1G", trials: "3", containers: "100", yes: true } },
    ],
    [["cleanup", "--dir", "/tmp", "--dry-run"], { command: "cleanup", flags: { color: true, dir: "/tmp", dryRun: true } }],
    [["doctor", "--json"], { command: "doctor", flags: { color: true, json: true } }],
    [["list"], { command: "list", flags: {} }],
  ])("%j", async (args, expected) => {
    expect(await parse(args)).toEqual(expected);
  });

  it.each<[string[], string]>([
    [["frobnicate"], "commander.unknownCommand"],
    [["mount-demo", "--frob"], "commander.unknownOption"],
    [["mount-demo", "--dir"], "commander.optionMissingArgument"],
    [["cow-demo", "--size"], "commander.optionMissingArgument"],
    [["mount-demo", "extra"], "commander.excessArguments"],
    // Like any unknown command: one line and exit 2, not the whole help and exit 1.
    [["help", "nosuch"], "commander.unknownCommand"],
  ])("%j is a usage error (%s)", async (args, code) => {
    const error = await parseError(args);
    expect(error.code).toBe(code);
    expect(usageMessage(en, error)).not.toMatch(/^error:/);
  });

  it("names the offending word in the learner's language", async () => {
    const error = await parseError(["mount-demo", "--frob"]);
    expect(usageMessage(en, error)).toContain("--frob");
    expect(usageMessage(zh, error)).toContain("--frob");
    expect(usageMessage(zh, error)).toMatch(/选项/);
  });

  it("finds --lang wherever it stands, before commander runs", () => {
    expect(scanLang(["mount-demo", "--lang", "zh"])).toBe("zh");
    expect(scanLang(["--lang=en", "doctor"])).toBe("en");
    expect(scanLang(["mount-demo"])).toBeUndefined();
  });

  it("an unknown command's line names every command, in every language", async () => {
    const program = buildProgram(en, "en", {} as Actions, () => undefined);
    const names = program.commands.map((command) => command.name());
    expect(names).toEqual([...LESSONS.map((lesson) => lesson.id), ...OTHER_COMMANDS]);
    for (const args of [["frobnicate"], ["help", "frobnicate"]]) {
      const error = await parseError(args);
      for (const t of [en, zh, ja]) {
        const line = usageMessage(t, error);
        expect(line).toContain("'frobnicate'");
        for (const name of names) expect(line).toContain(name);
        expect(line).not.toContain("\n");
      }
    }
  });
});
