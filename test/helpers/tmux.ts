// Driving a program through a real pseudo-terminal, as a learner at a keyboard would: tmux runs
// it, send-keys types, capture-pane reads the screen. Used for practice mode, whose shells and
// menus need a terminal.
import { execFileSync, spawnSync } from "node:child_process";

export function tmuxReason(): string | undefined {
  const probe = spawnSync("tmux", ["-V"], { encoding: "utf8" });
  return probe.status === 0 ? undefined : "tmux is not installed (apt-get install tmux; .ci/run installs it)";
}

let counter = 0;

/**
 * tmux's server exits when its last session closes; a session started in that moment fails with
 * "server exited unexpectedly" (or finds no server). Asked again, a fresh server starts.
 */
function startSession(args: readonly string[]): void {
  for (let attempt = 1; ; attempt++) {
    const started = spawnSync("tmux", args, { encoding: "utf8" });
    if (started.status === 0) return;
    const transient = /server exited unexpectedly|no server running|lost server/i.test(started.stderr ?? "");
    if (!transient || attempt === 5) throw new Error(`tmux ${args.join(" ")} failed: ${started.stderr}`);
    spawnSync("sleep", ["0.2"]);
  }
}

export class Terminal {
  readonly name = `ol-test-${process.pid}-${++counter}`;

  /**
   * Start `argv` in a fresh terminal (120×50 unless `size` says otherwise: the width tests use 60,
   * 80 and 100 columns); when it ends, its exit code is printed as EXIT=<n>.
   */
  constructor(argv: readonly string[], env: Record<string, string> = {}, size: { columns?: number; rows?: number } = {}) {
    const quoted = argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ");
    const exports = Object.entries(env)
      .map(([key, value]) => `${key}='${value.replaceAll("'", "'\\''")}'`)
      .join(" ");
    const script = `cd /tmp && env ${exports} ${quoted}; echo "EXIT=$?"; sleep 600`;
    const columns = String(size.columns ?? 120);
    const rows = String(size.rows ?? 50);
    startSession(["new-session", "-d", "-s", this.name, "-x", columns, "-y", rows, script]);
  }

  screen(): string {
    return execFileSync("tmux", ["capture-pane", "-p", "-J", "-S", "-2000", "-t", this.name], { encoding: "utf8" });
  }

  type(text: string): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, "-l", text]);
    execFileSync("tmux", ["send-keys", "-t", this.name, "Enter"]);
  }

  key(name: string): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, name]);
  }

  /** Wait until the screen matches, counting only matches after `from` occurrences. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000, occurrence = 1): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      const matches = screen.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
      if (matches.length >= occurrence) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} (×${occurrence}) on the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async exitCode(timeoutMs = 30_000): Promise<number> {
    const screen = await this.waitFor(/EXIT=\d+/, timeoutMs);
    return Number(/EXIT=(\d+)/.exec(screen)?.[1]);
  }

  close(): void {
    spawnSync("tmux", ["kill-session", "-t", this.name]);
  }
}

/** Each language at each of the widths a learner's terminal has (60, 80, 100 columns), in an order that varies both. */
export const LANG_WIDTHS: ReadonlyArray<readonly ["en" | "zh" | "ja", number]> = [
  ["en", 60],
  ["zh", 80],
  ["ja", 100],
  ["zh", 60],
  ["ja", 80],
  ["en", 100],
];

/** A screen's text without its whitespace: what it says, wherever a narrow terminal wrapped it. */
export const squash = (text: string): string => text.replace(/\s+/g, "");
