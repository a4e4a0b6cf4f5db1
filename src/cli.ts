// The commander program: subcommands and options, and the one place that maps every way out to
// an exit code and a line on stderr. Lessons and commands are loaded only when they run, so
// `--help` stays fast.
import { Command, CommanderError } from "commander";
import pkg from "../package.json" with { type: "json" };
import { langOption } from "./commands/options.js";
import { normalizeOptions, type SharedOptions } from "./commands/shared.js";
import { addExamples, type HelpFit, helpConfiguration } from "./help-layout.js";
import { chooseLang, isLang, type Lang, loadMessages, type Messages } from "./i18n/index.js";
import type { LessonFlags } from "./lessons/catalog.js";
import { LESSONS, OTHER_COMMANDS } from "./lessons/index.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, ExitError } from "./sys/errors.js";

export type { LessonFlags, SharedOptions };
export { OTHER_COMMANDS };

export interface CleanupFlags {
  dir?: string;
  dryRun?: boolean;
}

export interface DoctorFlags {
  dir?: string;
}

/** list has no options of its own: only the shared ones. */
export type ListFlags = Record<string, never>;

export interface InspectFlags {
  top?: string;
  image?: string;
  runtime?: string;
  ci?: boolean;
  maxHidden?: string;
  maxHiddenPercent?: string;
  html?: string;
  summary?: boolean;
  root?: string;
}

/**
 * What each command does; cli.ts wires them, tests can pass recorders instead. `flags` are the
 * command's own, as commander parsed them; `shared` is what --lang, --no-color and --json mean.
 * A command returns its exit code, or throws ExitError for an expected failure (main maps it).
 */
export interface Actions {
  lesson(id: string, flags: LessonFlags, shared: SharedOptions): Promise<number>;
  cleanup(flags: CleanupFlags, shared: SharedOptions): Promise<number>;
  doctor(flags: DoctorFlags, shared: SharedOptions): Promise<number>;
  list(flags: ListFlags, shared: SharedOptions): Promise<number>;
  inspect(target: string | undefined, flags: InspectFlags, shared: SharedOptions): Promise<number>;
}

/**
 * --lang must be known before commander runs, to write --help in the right language. The last
 * one given wins, wherever it stands, as commander reads it (the program's own option, parsed
 * before and after the command's name).
 */
export function scanLang(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--") break;
    if (arg === "--lang") found = argv[++index];
    else if (arg?.startsWith("--lang=")) found = arg.slice("--lang=".length);
  }
  return found;
}

/** Each command's action: the shared flags normalized once, then the command, whose code is the exit code. */
type Run = (command: Command, action: (shared: SharedOptions) => Promise<number>) => Promise<void>;

export function buildProgram(t: Messages, lang: Lang, actions: Actions, setExitCode: (code: number) => void, fit?: HelpFit): Command {
  const program = new Command("overlay-lesson")
    .description(t.cli.description)
    .usage(`${t.cli.usageCommand} ${t.cli.usage}`)
    .version(pkg.version, "-V, --version", t.cli.optVersion)
    .helpOption("-h, --help", t.cli.optHelp)
    // Our own `help [command]`: commander's answers a command it does not know with the whole
    // help and exit code 1, where any other unknown command gets one line and 2.
    .helpCommand(false)
    .option("--lang <lang>", t.cli.optLang)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .configureHelp(helpConfiguration(t, fit));
  addExamples(program, t, fit);
  const run: Run = async (command, action) => {
    setExitCode(await action(normalizeOptions(command.optsWithGlobals())));
  };
  addLessonCommands(program, t, lang, actions, run);
  addToolCommands(program, t, actions, run);
  addHelpCommand(program, t);
  return program;
}

/** Options every command shares: where (when it has a --dir), how to print, in which language. */
function withOutput(t: Messages, command: Command, options: { dir?: string; json: string; color: boolean }): Command {
  command.usage(t.cli.usage);
  if (options.dir !== undefined) command.option("--dir <parent>", options.dir);
  command.option("--json", options.json);
  if (options.color) command.option("--no-color", t.cli.optNoColor);
  return command.option("--lang <lang>", t.cli.optLang).helpOption("-h, --help", t.cli.optHelp);
}

/** The catalogue's lines for --help that are plain text (not functions of a value). */
type CliLine = { [K in keyof Messages["cli"]]: Messages["cli"][K] extends string ? K : never }[keyof Messages["cli"]];

/** A command's own options as data: commander's flags, and the catalogue's line for each in --help. */
type OptionLine = readonly [flags: string, describe: CliLine];

const LESSON_OPTIONS: readonly OptionLine[] = [
  ["--keep", "optKeep"],
  ["--yes", "optYes"],
  ["--transcript <file>", "optTranscript"],
  ["--shell", "optShell"],
  ["--practice", "optPractice"],
  ["--from <step>", "optFrom"],
  ["--rootless", "optRootless"],
];

const INSPECT_OPTIONS: readonly OptionLine[] = [
  ["--summary", "optSummary"],
  ["--html <file>", "optHtml"],
  ["--top <n>", "optTop"],
  ["--image <image>", "optInspectImage"],
  ["--runtime <runtime>", "optInspectRuntime"],
  ["--root <dir>", "optInspectRoot"],
  ["--ci", "optCi"],
  ["--max-hidden <size>", "optMaxHidden"],
  ["--max-hidden-percent <p>", "optMaxHiddenPercent"],
];

function withOptions(t: Messages, command: Command, lines: readonly OptionLine[]): Command {
  for (const [flags, describe] of lines) command.option(flags, t.cli[describe]);
  return command;
}

/** One subcommand per lesson, from the list of lessons: a new lesson needs no change here. */
function addLessonCommands(program: Command, t: Messages, lang: Lang, actions: Actions, run: Run): void {
  for (const lesson of LESSONS) {
    const described = program.command(lesson.id).description(lesson.describe[lang]);
    const command = withOptions(t, withOutput(t, described, { dir: t.cli.optDir, json: t.cli.optJson, color: true }), LESSON_OPTIONS);
    for (const option of lesson.options ?? []) command.option(option.flags, option.describe[lang]);
    command.action((flags: LessonFlags, self: Command) => run(self, (shared) => actions.lesson(lesson.id, flags, shared)));
  }
}

function addToolCommands(program: Command, t: Messages, actions: Actions, run: Run): void {
  withOutput(t, program.command("cleanup").description(t.cli.cleanup), { dir: t.cli.optDirCleanup, json: t.cli.optJsonReport, color: true })
    .option("--dry-run", t.cli.optDryRun)
    .action((flags: CleanupFlags, self: Command) => run(self, (shared) => actions.cleanup(flags, shared)));
  withOutput(t, program.command("doctor").description(t.cli.doctor), {
    dir: t.cli.optDirDoctor,
    json: t.cli.optJsonReport,
    color: true,
  }).action((flags: DoctorFlags, self: Command) => run(self, (shared) => actions.doctor(flags, shared)));
  withOutput(t, program.command("list").description(t.cli.list), { json: t.cli.optJsonReport, color: false }).action(
    (flags: ListFlags, self: Command) => run(self, (shared) => actions.list(flags, shared)),
  );
  const inspect = withOutput(t, program.command("inspect").argument("[target]", t.cli.inspectTarget).description(t.cli.inspect), {
    json: t.cli.optInspectJson,
    color: true,
  }).usage(`[target] ${t.cli.usage}`);
  withOptions(t, inspect, INSPECT_OPTIONS).action((target: string | undefined, flags: InspectFlags, self: Command) =>
    run(self, (shared) => actions.inspect(target, flags, shared)),
  );
}

function addHelpCommand(program: Command, t: Messages): void {
  program
    .command("help")
    .argument("[command]")
    .description(t.cli.helpCommand)
    .helpOption(false)
    .action((name: string | undefined) => {
      const target = name === undefined ? program : program.commands.find((command) => command.name() === name);
      if (target === undefined) throw new CommanderError(1, "commander.unknownCommand", `error: unknown command '${name}'`);
      target.outputHelp();
    });
}

/**
 * Whether this run will show help: -h, --help, `help`, or no command at all (help as an error).
 * Only then, and only in Chinese or Japanese, main() loads the width tables for it.
 */
export function wantsHelp(args: readonly string[]): boolean {
  const words = args.filter((arg, index) => !arg.startsWith("--lang") && args[index - 1] !== "--lang");
  return words.length === 0 || words.includes("-h") || words.includes("--help") || words[0] === "help";
}

/** Commander's own errors, in the learner's language. Its exits are 1: ours are 2. */
export function usageMessage(t: Messages, error: CommanderError): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "commander.unknownCommand":
      return t.usage.unknownCommand(
        quoted,
        LESSONS.map((lesson) => lesson.id),
        OTHER_COMMANDS,
      );
    case "commander.unknownOption":
      return t.usage.unknownOption(quoted);
    case "commander.optionMissingArgument":
      return t.usage.missingValue(quoted.split(" ")[0] ?? quoted);
    case "commander.missingArgument":
      return t.usage.missingArgument(quoted);
    case "commander.excessArguments":
      return t.usage.excessArguments(quoted);
    case "commander.help":
      return t.usage.noCommand;
    default:
      return error.message.replace(/^error: /, "");
  }
}

/** Each command's module, loaded only when it runs, so that --help parses none of them. */
const lazyActions: Actions = {
  lesson: async (id, flags, shared) => (await import("./commands/lesson.js")).lessonCommand(id, flags, shared),
  cleanup: async (flags, shared) => (await import("./commands/cleanup.js")).cleanupCommand(flags, shared),
  doctor: async (flags, shared) => (await import("./commands/doctor.js")).doctorCommand(flags, shared),
  list: async (_flags, shared) => (await import("./commands/list.js")).listCommand(shared),
  inspect: async (target, flags, shared) => (await import("./commands/inspect.js")).inspectCommand(target, flags, shared),
};

/**
 * The whole run: --lang first (help and every error speak it), then commander and the command.
 * This is the one place that turns a way out into an exit code and a line on stderr.
 */
export async function main(argv: readonly string[] = process.argv, actions: Actions = lazyActions): Promise<number> {
  const args = argv.slice(2);
  const langFlag = scanLang(args);
  // An unknown --lang is refused in the language the environment asks for.
  const lang = chooseLang(langFlag !== undefined && isLang(langFlag) ? langFlag : undefined);
  const t = await loadMessages(lang);
  let exitCode = EXIT_OK;
  let program: Command | undefined;
  try {
    langOption(t, langFlag);
    const fit = lang !== "en" && wantsHelp(args) ? await import("./runner/report/text.js") : undefined;
    program = buildProgram(
      t,
      lang,
      actions,
      (code) => {
        exitCode = code;
      },
      fit,
    );
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    return exitCodeOf(error, t, program, (text) => process.stderr.write(text));
  }
}

/** How a run that threw ends: the code, after one line on stderr (the whole help first, for a bare `overlay-lesson`). */
export function exitCodeOf(error: unknown, t: Messages, program: Command | undefined, write: (text: string) => void): number {
  if (error instanceof CommanderError) {
    // `help [command]` ends in commander.help with exit code 0; a bare `overlay-lesson` ends
    // in the same code with exit code 1 (help shown as an error).
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
    if (error.code === "commander.help" && error.exitCode === 0) return EXIT_OK;
    if (error.code === "commander.help" && program !== undefined) write(program.helpInformation());
    write(`overlay-lesson: ${usageMessage(t, error)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ExitError) {
    write(`overlay-lesson: ${error.message}\n`);
    return error.exitCode;
  }
  write(`overlay-lesson: ${t.errors.internal(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  return EXIT_FAILED;
}
