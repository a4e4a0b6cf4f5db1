// The flags every command shares (--lang, --no-color, --json), read once, in cli.ts, before the
// command's module is loaded (changesets' normalizeOptions): a command gets their meaning, never
// the flags themselves. Kept apart from commands/lesson.ts so that cli.ts stays light for --help.
import { chooseLang, type Lang, type Messages, messages } from "../i18n/index.js";

export interface SharedFlags {
  lang?: string;
  json?: boolean;
  /** false with --no-color. */
  color?: boolean;
}

export interface SharedOptions {
  lang: Lang;
  /** The runner's and the CLI's words in `lang` (main loaded the catalogue before commander ran). */
  t: Messages;
  json: boolean;
  /** Colour on this run's stdout. */
  color: boolean;
}

/** What the shared flags are read against: the environment and whether stdout is a terminal. */
export interface Host {
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
}

export const currentHost = (): Host => ({ env: process.env, stdoutIsTTY: process.stdout.isTTY === true });

/**
 * `flags` are the command's and the program's options together (commander's optsWithGlobals).
 * The language: --lang, else the first of LC_ALL, LC_MESSAGES, LANG that is set; an unknown
 * --lang was refused by main() before commander ran. Colour: never with --no-color, --json or
 * NO_COLOR (any non-empty value, no-color.org), nor when stdout is not a terminal.
 */
export function normalizeOptions(flags: SharedFlags, host: Host = currentHost()): SharedOptions {
  const lang = chooseLang(flags.lang, host.env);
  const json = flags.json === true;
  return { lang, t: messages(lang), json, color: colorWanted({ ...flags, json }, host) };
}

function colorWanted(flags: SharedFlags, host: Host): boolean {
  if (flags.color === false || flags.json === true) return false;
  if (host.env.NO_COLOR !== undefined && host.env.NO_COLOR !== "") return false;
  return host.stdoutIsTTY;
}
