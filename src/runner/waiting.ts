// Waiting on a step that may be interrupted: a promise that rejects at the first signal, and a
// bounded wait for a step's own work to wind down (a child being killed).
import { InterruptedError } from "../sys/errors.js";

export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new InterruptedError(String(signal.reason)));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

/** Wait for a step's own work (a child being killed) to finish, at most `ms`. */
export async function settle(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
