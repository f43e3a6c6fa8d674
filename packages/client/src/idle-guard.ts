/** Aborts a connection when the subscription ends, or when no bytes came for `ms`. */
export class IdleGuard {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal;
  readonly #onOuterAbort = () => this.#controller.abort();
  #timer: ReturnType<typeof setTimeout> | undefined;
  timedOut = false;

  constructor(
    readonly ms: number,
    outer: AbortSignal,
  ) {
    this.#outer = outer;
    outer.addEventListener("abort", this.#onOuterAbort, { once: true });
    this.reset();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#controller.abort();
    }, this.ms);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#outer.removeEventListener("abort", this.#onOuterAbort);
  }
}
