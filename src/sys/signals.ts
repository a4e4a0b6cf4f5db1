// Termination signals. The first one starts an orderly stop (the handler given); any later one
// is acknowledged but does not abandon teardown, because a half-finished teardown is exactly
// how mounts get left behind.

export type TerminationSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

export const SIGNAL_EXIT_CODES: Record<TerminationSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const SIGNALS: TerminationSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

export interface SignalWatch {
  /** The first signal received, if any. */
  readonly received: TerminationSignal | undefined;
  dispose(): void;
}

export function watchSignals(
  onFirst: (signal: TerminationSignal) => void,
  onRepeat: (signal: TerminationSignal) => void,
  /** A signal that belongs to someone else right now (Ctrl-C typed in the learner's shell). */
  ignore: (signal: TerminationSignal) => boolean = () => false,
): SignalWatch {
  let received: TerminationSignal | undefined;
  const handlers = SIGNALS.map((signal) => {
    const handler = (): void => {
      if (ignore(signal)) return;
      if (received === undefined) {
        received = signal;
        onFirst(signal);
      } else {
        onRepeat(signal);
      }
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    get received() {
      return received;
    },
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
