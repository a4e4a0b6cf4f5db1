// How --help is laid out to the terminal. Commander wraps descriptions at spaces and counts a
// character as one column, which is right for English and wrong for Chinese and Japanese (no
// spaces to break at, two columns a character): in those languages main() hands in `fit`, the
// reporters' own widths and wrapping (runner/report/text.ts), loaded only when help is shown.
// English keeps commander's own, so that `--help` loads no width tables.
import { type Command, Help, type HelpConfiguration } from "commander";
import type { Messages } from "./i18n/index.js";

export interface HelpFit {
  displayWidth(text: string): number;
  wrap(text: string, width: number, restWidth?: number): string[];
}

/** Commander's own widths and wrapping: enough for text without wide characters. */
function plainFit(): HelpFit {
  const help = new Help();
  // Its boxWrap leaves text narrower than 40 columns unwrapped: the examples' comments are.
  help.minWidthToWrap = 1;
  return {
    displayWidth: (text) => help.displayWidth(text),
    wrap: (text, width) => help.boxWrap(text, width).split("\n"),
  };
}

export function helpConfiguration(t: Messages, fit: HelpFit | undefined): HelpConfiguration {
  const configuration: HelpConfiguration = {
    // Commander writes its section titles in English; styleTitle sees each one, so translate there.
    styleTitle: (title: string) => t.cli.helpTitles[title as keyof Messages["cli"]["helpTitles"]] ?? title,
    // "用法：" carries its own spacing: commander's space after the title goes.
    // Commander stops wrapping descriptions narrower than 40 columns: at 60 they would overflow.
    minWidthToWrap: 20,
    formatHelp: (command, helper) => Help.prototype.formatHelp.call(helper, command, helper).replace(/^(\S*：) +/m, "$1"),
    // The list of commands says "[options]" and "[command]" as the usage lines above it do, in the reader's words.
    subcommandTerm: (command) => translatedTerm(Help.prototype.subcommandTerm.call(new Help(), command), t),
  };
  if (fit === undefined) return configuration;
  return {
    ...configuration,
    displayWidth: (text: string) => fit.displayWidth(text),
    boxWrap: (text: string, width: number) => fit.wrap(text, width).join("\n"),
  };
}

/** A command's term in the list ("mount-demo [options]", "help [command]"), its placeholders in the reader's words. */
export function translatedTerm(term: string, t: Messages): string {
  const commandArg = t.cli.usageCommand.replace(/^<(.*)>$/, "[$1]");
  return term.replace(/ \[options\]/, ` ${t.cli.usage}`).replace(/ \[command\]$/, ` ${commandArg}`);
}

/** Line up the `# comments` of example commands, whatever the catalogue's spacing. */
export function alignComments(lines: readonly string[]): Array<[command: string, comment: string]> {
  const split = lines.map((line): [string, string] => {
    const at = line.search(/\s+# /);
    return at === -1 ? [line, ""] : [line.slice(0, at), line.slice(at).trimStart()];
  });
  const width = Math.max(...split.filter(([, comment]) => comment !== "").map(([command]) => command.length));
  return split.map(([command, comment]) => [comment === "" ? command : command.padEnd(width), comment]);
}

/**
 * The examples after the help, fitted to `columns`: a comment that does not fit beside its
 * command wraps under itself, or goes under the command when even that leaves too little room.
 */
export function examplesText(title: string, lines: readonly string[], columns: number, fit: HelpFit = plainFit()): string {
  const rows = [title];
  for (const [command, comment] of alignComments(lines)) {
    const lead = `  ${command}  `;
    const room = columns - fit.displayWidth(lead);
    if (comment === "") rows.push(...hang(command, columns, fit));
    else if (room >= 24) rows.push(...fit.wrap(comment, room).map((row, index) => (index === 0 ? lead : " ".repeat(lead.length)) + row));
    else rows.push(`  ${command.trimEnd()}`, ...fit.wrap(comment, columns - 6).map((row) => `      ${row}`));
  }
  return `\n${rows.join("\n")}\n`;
}

/** A command alone: between its words, continuation rows indented under it. */
function hang(command: string, columns: number, fit: HelpFit): string[] {
  return fit.wrap(command, columns - 6).map((row, index) => (index === 0 ? `  ${row}` : `      ${row}`));
}

/** The examples are laid out when the help is, at the width commander lays the rest. */
export function addExamples(program: Command, t: Messages, fit: HelpFit | undefined): void {
  const lines = [
    t.cli.exampleMount,
    t.cli.exampleLang,
    t.cli.examplePractice,
    t.cli.exampleCow,
    t.cli.exampleInspect,
    t.cli.exampleJson,
    t.cli.exampleDoctor,
  ];
  // The width commander lays the rest at: the terminal's, or 80 in a pipe.
  program.addHelpText("after", (context) => {
    const stream = context.error ? process.stderr : process.stdout;
    return examplesText(t.cli.examples, lines, (stream.isTTY && stream.columns) || 80, fit);
  });
}
