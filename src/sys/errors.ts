// Expected ways out. One place (cli.ts main) turns these into a line on stderr and an exit code;
// anything else that reaches it is a bug and is reported as one.

/** Exit with `exitCode` after printing `message` (one line, already in the learner's language). */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ExitError";
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A lesson step was cut short by a signal. */
export class InterruptedError extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
    this.name = "InterruptedError";
  }
}

/** A command or action in a step failed outright; the message says what to do. */
export class StepError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StepError";
  }
}

/**
 * A step cannot run on this machine (a kernel without the feature, or one rootless mode cannot
 * have): the step is reported as skipped with this reason, neither passed nor failed.
 */
export class StepSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "StepSkipped";
  }
}
