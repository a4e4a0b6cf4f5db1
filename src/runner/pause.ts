// "Press Enter to continue". stdin stays in cooked mode (no raw mode, no readline), so Ctrl-C
// at the prompt is a real SIGINT from the terminal and takes the same path as anywhere else.

export function waitForEnter(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      process.stdin.off("data", finish);
      process.stdin.off("end", finish);
      signal.removeEventListener("abort", finish);
      process.stdin.pause();
      resolve();
    };
    process.stdin.on("data", finish);
    process.stdin.on("end", finish);
    signal.addEventListener("abort", finish, { once: true });
    process.stdin.resume();
  });
}

/** One line typed by the learner (cooked mode: Enter ends it), trimmed and lower-cased; undefined at EOF or on abort. */
export function readAnswer(signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    let typed = "";
    let complete = false;
    const finish = (): void => {
      process.stdin.off("data", onData);
      process.stdin.off("end", finish);
      signal.removeEventListener("abort", finish);
      process.stdin.pause();
      resolve(complete ? typed.trim().toLowerCase() : undefined);
    };
    const onData = (chunk: Buffer | string): void => {
      typed += chunk.toString();
      complete = typed.includes("\n");
      if (complete) finish();
    };
    process.stdin.on("data", onData);
    process.stdin.on("end", finish);
    signal.addEventListener("abort", finish, { once: true });
    process.stdin.resume();
  });
}
