import { CommanderError } from "commander";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type Actions, buildProgram, main, OTHER_COMMANDS, type SharedOptions, scanLang, usageMessage } from "../../src/cli.js";
import { normalizeOptions, type SharedFlags } from "../../src/commands/shared.js";
import { en } from "../../src/i18n/en.js";
import { loadMessages } from "../../src/i18n/index.js";
import { ja } from "../../src/i18n/ja.js";
import { zh } from "../../src/i18n/zh.js";
import { LESSONS } from "../../src/lessons/index.js";
import { EXIT_FAILED, EXIT_USAGE, ExitError } from "../../src/sys/errors.js";

interface Call {
  command: string;
  flags: Record<string, unknown>;
}

/** Actions that tell `onCall` each command run, with its parameters, and exit 0. */
function recordingActions(onCall: (command: string, params: unknown[]) => void): Actions {
  const record =
    (command: string) =>
    async (...params: unknown[]): Promise<number> => {
      onCall(command, params);
      return 0;
    };
  return {
    lesson: record("lesson"),
    cleanup: record("cleanup"),
    doctor: record("doctor"),
    list: record("list"),
    inspect: record("inspect"),
  };
}

async function parse(args: string[]): Promise<Call> {
  let call: Call | undefined;
  const actions = recordingActions((command, params) => {
    const flags = (typeof params[0] === "string" ? params[1] : params[0]) as Record<string, unknown>;
    call = { command: typeof params[0] === "string" ? params[0] : command, flags: { ...flags } };
  });
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

describe("the shared flags, normalized once before a command runs", () => {
  // main() loads the chosen language's catalogue before commander runs; here, every one.
  beforeAll(async () => {
    await loadMessages("zh");
    await loadMessages("ja");
  });
  const terminal = (env: NodeJS.ProcessEnv = {}) => ({ env, stdoutIsTTY: true });

  it.each<[string, SharedFlags, NodeJS.ProcessEnv, string]>([
    ["--lang wins over LC_ALL and LANG", { lang: "ja" }, { LC_ALL: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }, "ja"],
    ["LC_ALL wins over LC_MESSAGES and LANG", {}, { LC_ALL: "ja_JP.UTF-8", LC_MESSAGES: "en_US.UTF-8", LANG: "zh_CN.UTF-8" }, "ja"],
    ["LC_MESSAGES wins over LANG", {}, { LC_MESSAGES: "zh_TW.UTF-8", LANG: "ja_JP.UTF-8" }, "zh"],
    ["an empty LC_ALL is not set", {}, { LC_ALL: "", LANG: "zh_CN.UTF-8" }, "zh"],
    ["LANG alone", {}, { LANG: "ja_JP.eucJP" }, "ja"],
    ["nothing set: English", {}, {}, "en"],
    ["a locale of another language: English", {}, { LANG: "de_DE.UTF-8" }, "en"],
  ])("%s", (_name, flags, env, lang) => {
    const options = normalizeOptions(flags, terminal(env));
    expect(options.lang).toBe(lang);
    expect(options.t).toBe({ en, zh, ja }[options.lang]);
  });

  it.each<[string, SharedFlags, NodeJS.ProcessEnv, boolean, boolean]>([
    ["a terminal: colour", {}, {}, true, true],
    ["--no-color", { color: false }, {}, true, false],
    ["NO_COLOR=1", {}, { NO_COLOR: "1" }, true, false],
    ["an empty NO_COLOR is not set (no-color.org)", {}, { NO_COLOR: "" }, true, true],
    ["--json: never colour", { json: true }, {}, true, false],
    ["a pipe", {}, {}, false, false],
  ])("%s", (_name, flags, env, stdoutIsTTY, color) => {
    expect(normalizeOptions(flags, { env, stdoutIsTTY }).color).toBe(color);
  });

  it("--json is true only when given", () => {
    expect(normalizeOptions({ json: true }, terminal()).json).toBe(true);
    expect(normalizeOptions({}, terminal()).json).toBe(false);
  });

  it("every command gets them from commander, the program's --lang included, wherever it stands; the last one wins, as main() scans it", async () => {
    const seen: Array<[string, SharedOptions]> = [];
    const actions = recordingActions((command, params) => seen.push([command, params.at(-1) as SharedOptions]));
    const cases: Array<[string[], { lang: string; json: boolean }]> = [
      [["--lang", "zh", "mount-demo", "--json"], { lang: "zh", json: true }],
      [["mount-demo", "--lang", "ja"], { lang: "ja", json: false }],
      [["--lang", "zh", "list", "--lang", "ja", "--json"], { lang: "ja", json: true }],
      [["cleanup", "--lang=ja", "--json"], { lang: "ja", json: true }],
      [["doctor", "--lang", "zh"], { lang: "zh", json: false }],
      [["inspect", "x", "--lang", "ja", "--json", "--no-color"], { lang: "ja", json: true }],
    ];
    for (const [args, expected] of cases) {
      seen.length = 0;
      await buildProgram(en, "en", actions, () => undefined).parseAsync(["node", "overlay-lesson", ...args]);
      expect(seen).toHaveLength(1);
      const [, shared] = seen[0] ?? [];
      expect({ lang: shared?.lang, json: shared?.json }).toEqual(expected);
      expect(shared?.t).toBe({ en, zh, ja }[shared?.lang ?? "en"]);
      expect(scanLang(args)).toBe(expected.lang);
    }
  });
});

describe("main: the one place mapping a way out to an exit code and a line on stderr", () => {
  async function runMain(args: string[], actions: Partial<Actions>): Promise<{ code: number; stderr: string }> {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const none = async (): Promise<number> => 0;
    try {
      const code = await main(["node", "overlay-lesson", ...args], {
        lesson: none,
        cleanup: none,
        doctor: none,
        list: none,
        inspect: none,
        ...actions,
      });
      return { code, stderr: written.join("") };
    } finally {
      spy.mockRestore();
    }
  }

  it("a command's ExitError: its code and its message as one line", async () => {
    const thrown = await runMain(["cleanup"], {
      cleanup: async () => {
        throw new ExitError(EXIT_FAILED, "2 could not be removed");
      },
    });
    expect(thrown).toEqual({ code: 1, stderr: "overlay-lesson: 2 could not be removed\n" });
    const usage = await runMain(["doctor"], {
      doctor: async () => {
        throw new ExitError(EXIT_USAGE, "no overlay: modprobe overlay");
      },
    });
    expect(usage).toEqual({ code: 2, stderr: "overlay-lesson: no overlay: modprobe overlay\n" });
    const interrupted = await runMain(["mount-demo"], {
      lesson: async () => {
        throw new ExitError(130, "interrupted (SIGINT): everything was removed");
      },
    });
    expect(interrupted).toEqual({ code: 130, stderr: "overlay-lesson: interrupted (SIGINT): everything was removed\n" });
  });

  it("a command's own exit code, with nothing on stderr", async () => {
    expect(await runMain(["list"], { list: async () => 0 })).toEqual({ code: 0, stderr: "" });
    expect(await runMain(["inspect"], { inspect: async () => 1 })).toEqual({ code: 1, stderr: "" });
  });

  it("anything else is a bug: exit 1, one line that says so, with the message", async () => {
    const result = await runMain(["list", "--lang", "en"], {
      list: async () => {
        throw new TypeError("cannot read properties of undefined");
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^overlay-lesson: .*cannot read properties of undefined/);
    expect(result.stderr).toContain(en.errors.internal("").slice(0, 12));
  });

  it("an unknown --lang: exit 2 and one line, before any command runs", async () => {
    let ran = false;
    const result = await runMain(["list", "--lang", "fr"], {
      list: async () => {
        ran = true;
        return 0;
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toContain("fr");
    expect(ran).toBe(false);
  });

  it("commander's own errors are usage errors: exit 2 and one line", async () => {
    const result = await runMain(["mount-demo", "--frob"], {});
    expect(result).toEqual({ code: 2, stderr: `overlay-lesson: ${en.usage.unknownOption("--frob")}\n` });
  });
});
