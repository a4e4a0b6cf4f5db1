// The one owner of teardown. Every resource registers the moment it exists and leaves when it
// is released; teardown runs once, newest first, and is synchronous so that it can also run
// from the process 'exit' event (the last chance, where no event loop is left) and so that a
// second signal cannot cut it in half: signal handlers only run between synchronous stretches.

export interface Resource {
  /** What this is, for messages: "mount /tmp/overlay-lesson-x/merged". */
  readonly label: string;
  /** Undo it. Must check state before acting (idempotent) and may throw. */
  release(): void;
}

export interface TeardownEntry {
  label: string;
  ok: boolean;
  error?: string;
}

export interface Registration {
  /** Release now and forget it (normal, in-order release by the code that made it). */
  release(): void;
  /** Forget it without releasing (the resource was handed off, e.g. --keep). */
  forget(): void;
}

export class CleanupRegistry {
  readonly #stack: Resource[] = [];
  #onEntry: ((entry: TeardownEntry) => void) | undefined;

  register(resource: Resource): Registration {
    this.#stack.push(resource);
    return {
      release: () => {
        if (this.#remove(resource)) resource.release();
      },
      forget: () => {
        this.#remove(resource);
      },
    };
  }

  /** Resources still held, oldest first. */
  get pending(): readonly string[] {
    return this.#stack.map((resource) => resource.label);
  }

  /** Called for each resource as teardown releases it (the reporter shows progress). */
  onEntry(listener: (entry: TeardownEntry) => void): void {
    this.#onEntry = listener;
  }

  /** Forget everything: --keep hands the workspace to the learner. */
  keepAll(): string[] {
    const labels = this.pending.slice();
    this.#stack.length = 0;
    return labels;
  }

  /**
   * Release everything still held, newest first, and return what happened. Each resource leaves
   * the registry before it is released, so a second trigger (a signal, then 'exit') finds
   * nothing left to do: nothing is ever released twice. A failure to release one resource does
   * not stop the others.
   */
  teardown(): TeardownEntry[] {
    const entries: TeardownEntry[] = [];
    for (let resource = this.#stack.pop(); resource; resource = this.#stack.pop()) {
      let entry: TeardownEntry;
      try {
        resource.release();
        entry = { label: resource.label, ok: true };
      } catch (error) {
        entry = { label: resource.label, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      entries.push(entry);
      this.#onEntry?.(entry);
    }
    return entries;
  }

  #remove(resource: Resource): boolean {
    const index = this.#stack.lastIndexOf(resource);
    if (index === -1) return false;
    this.#stack.splice(index, 1);
    return true;
  }
}

/** The registry of this process. */
export const registry = new CleanupRegistry();

let exitHookInstalled = false;

/**
 * The last chance: whatever way the process ends (process.exit deep in a library, a crash that
 * skipped our handlers), 'exit' still runs synchronous code, and teardown is synchronous.
 */
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    registry.teardown();
  });
}
