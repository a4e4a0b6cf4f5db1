// Commands we print for the reader to type: with `sudo` only where their shell is not root's. A
// lesson run with sudo is root, but the reader's shell is not (SUDO_USER says so); a root shell
// (su, a container, a VM's console) may not have sudo at all (Debian's minimal systems do not).

/** The reader types as root already: we are root, and not by sudo. */
export function readerIsRoot(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.getuid?.() === 0 && (env.SUDO_USER ?? "") === "";
}

/** `text` (a fix, a command) as the reader types it: every `sudo ` dropped where their shell is root's. */
export function asTyped(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return readerIsRoot(env) ? text.replace(/\bsudo (?=\S)/g, "") : text;
}
