// The commander program: subcommands and options, and the one place that maps every way out to
// an exit code and a line on stderr. Lessons and commands are loaded only when they run, so
// `--help` stays fast.
import { Command, CommanderError } from "commander";
import pkg from "../package.json" with { type: "json" };
import { addExamples, type HelpFit, helpConfiguration } from "./help-layout.js";
import { chooseLang, isLang, type Lang, loadMessages, type Messages } from "./i18n/index.js";
import type { LessonFlags } from "./lessons/catalog.js";
import { LESSONS, OTHER_COMMANDS } from "./lessons/index.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, ExitError } from "./sys/errors.js";

export type { LessonFlags };
export { OTHER_COMMANDS };

export interface CleanupFlags {
  dir?: string;
  dryRun?: boolean;
  json?: boolean;
  color?: boolean;
  lang?: string;
}

export interface DoctorFlags {
  dir?: string;
  json?: boolean;
  color?: boolean;
  lang?: string;
}

export interface InspectFlags {
  json?: boolean;
  top?: string;
  color?: boolean;
  lang?: string;
  image?: string;
  runtime?: string;
  ci?: boolean;
  maxHidden?: string;
  maxHiddenPercent?: string;
  html?: string;
  root?: string;
}

/** What each command does; cli.ts wires them, tests can pass recorders instead. */
export interface Actions {
  lesson(id: string, flags: LessonFlags): Promise<number>;
  cleanup(flags: CleanupFlags): Promise<number>;
  doctor(flags: DoctorFlags): Promise<number>;
  list(flags: { lang?: string; json?: boolean }): Promise<number>;
  inspect(target: string | undefined, flags: InspectFlags): Promise<number>;
}

/** --lang must be known before commander runs, to write --help in the right language. */
export function scanLang(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--lang") return argv[index + 1];
    if (arg?.startsWith("--lang=")) return arg.slice("--lang=".length);
  }
  return undefined;
}

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

  // Options every command shares: where, how to print, in which language.
  const withOutput = (command: Command, options: { dir?: string; json: string; color: boolean }): Command => {
    command.usage(t.cli.usage);
    if (options.dir !== undefined) command.option("--dir <parent>", options.dir);
    command.option("--json", options.json);
    if (options.color) command.option("--no-color", t.cli.optNoColor);
    return command.option("--lang <lang>", t.cli.optLang).helpOption("-h, --help", t.cli.optHelp);
  };
  const withLessonOptions = (command: Command): Command =>
    withOutput(command, { dir: t.cli.optDir, json: t.cli.optJson, color: true })
      .option("--keep", t.cli.optKeep)
      .option("--yes", t.cli.optYes)
      .option("--transcript <file>", t.cli.optTranscript)
      .option("--shell", t.cli.optShell)
      .option("--practice", t.cli.optPractice)
      .option("--from <step>", t.cli.optFrom)
      .option("--rootless", t.cli.optRootless);

  // One subcommand per lesson, from the list of lessons: a new lesson needs no change here.
  for (const lesson of LESSONS) {
    const command = withLessonOptions(program.command(lesson.id).description(lesson.describe[lang]));
    for (const option of lesson.options ?? []) command.option(option.flags, option.describe[lang]);
    command.action(async (flags: LessonFlags) => {
      setExitCode(await actions.lesson(lesson.id, flags));
    });
  }

  withOutput(program.command("cleanup").description(t.cli.cleanup), { dir: t.cli.optDirCleanup, json: t.cli.optJsonReport, color: true })
    .option("--dry-run", t.cli.optDryRun)
    .action(async (flags: CleanupFlags) => {
      setExitCode(await actions.cleanup(flags));
    });

  withOutput(program.command("doctor").description(t.cli.doctor), {
    dir: t.cli.optDirDoctor,
    json: t.cli.optJsonReport,
    color: true,
  }).action(async (flags: DoctorFlags) => {
    setExitCode(await actions.doctor(flags));
  });

  withOutput(program.command("list").description(t.cli.list), { json: t.cli.optJsonReport, color: false }).action(
    async (flags: { lang?: string; json?: boolean }) => {
      setExitCode(await actions.list(flags));
    },
  );

  program
    .command("inspect")
    .argument("[target]", t.cli.inspectTarget)
    .description(t.cli.inspect)
    .usage(`[target] ${t.cli.usage}`)
    .option("--json", t.cli.optInspectJson)
    .option("--html <file>", t.cli.optHtml)
    .option("--top <n>", t.cli.optTop)
    .option("--image <image>", t.cli.optInspectImage)
    .option("--runtime <runtime>", t.cli.optInspectRuntime)
    .option("--root <dir>", t.cli.optInspectRoot)
    .option("--ci", t.cli.optCi)
    .option("--max-hidden <size>", t.cli.optMaxHidden)
    .option("--max-hidden-percent <p>", t.cli.optMaxHiddenPercent)
    .option("--no-color", t.cli.optNoColor)
    .option("--lang <lang>", t.cli.optLang)
    .helpOption("-h, --help", t.cli.optHelp)
    .action(async (target: string | undefined, flags: InspectFlags) => {
      setExitCode(await actions.inspect(target, flags));
    });

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

  return program;
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

const lazyActions = (lang: Lang): Actions => ({
  lesson: async (id, flags) => (await import("./commands/lesson.js")).lessonCommand(id, flags, lang),
  cleanup: async (flags) => (await import("./commands/cleanup.js")).cleanupCommand(flags, lang),
  doctor: async (flags) => (await import("./commands/doctor.js")).doctorCommand(flags, lang),
  list: async (flags) => (await import("./commands/list.js")).listCommand(flags, lang),
  inspect: async (target, flags) => (await import("./commands/inspect.js")).inspectCommand(target, flags, lang),
});

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const langFlag = scanLang(argv.slice(2));
  const lang = chooseLang(langFlag);
  const t = await loadMessages(lang);
  if (langFlag !== undefined && !isLang(langFlag)) {
    process.stderr.write(`overlay-lesson: ${t.usage.lang(langFlag)}\n`);
    return EXIT_USAGE;
  }
  let exitCode = EXIT_OK;
  const fit = lang !== "en" && wantsHelp(argv.slice(2)) ? await import("./runner/report/text.js") : undefined;
  const program = buildProgram(
    t,
    lang,
    lazyActions(lang),
    (code) => {
      exitCode = code;
    },
    fit,
  );
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `help [command]` ends in commander.help with exit code 0; a bare `overlay-lesson` ends
      // in the same code with exit code 1 (help shown as an error).
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
      if (error.code === "commander.help" && error.exitCode === 0) return EXIT_OK;
      if (error.code === "commander.help") process.stderr.write(program.helpInformation());
      process.stderr.write(`overlay-lesson: ${usageMessage(t, error)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ExitError) {
      process.stderr.write(`overlay-lesson: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`overlay-lesson: ${t.errors.internal(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return EXIT_FAILED;
  }
}
