import type { Clock } from "../clock/clock.ts";

/**
 * Resolves at `at` on the clock, when `signal` aborts, or when `register`'s callback is called,
 * whichever comes first. Never rejects: callers look at the signal to tell why they woke.
 */
export function sleepUntil(
  clock: Clock,
  at: number,
  signal: AbortSignal,
  register?: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      cancel();
      signal.removeEventListener("abort", finish);
      resolve();
    };
    const cancel = clock.schedule(at, finish);
    signal.addEventListener("abort", finish, { once: true });
    register?.(finish);
  });
}

/**
 * A latch between a commit and one reader of the change log. The reader calls `reset()` before
 * reading and `wait()` when it found nothing new: a commit in between sets the latch, so the wait
 * returns at once and no commit is ever slept through.
 *
 * @example
 *   wakeup.reset(); const page = await read(); if (page.length === 0) await wakeup.wait(clock, t, signal);
 */
export class Wakeup {
  #pending = false;
  #waiter: (() => void) | undefined;

  set(): void {
    this.#pending = true;
    this.#waiter?.();
  }

  reset(): void {
    this.#pending = false;
  }

  /** Until set (since the last reset), until `at` on the clock, or until `signal` aborts. */
  async wait(clock: Clock, at: number, signal: AbortSignal): Promise<void> {
    if (this.#pending) return;
    await sleepUntil(clock, at, signal, (wake) => {
      this.#waiter = wake;
    });
    this.#waiter = undefined;
  }
}
