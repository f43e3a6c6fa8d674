import type { DeliveryEvent } from "../../../src/deliveries/delivery-events.ts";

/** Collects the workers' events; a test awaits the one it expects next instead of sleeping. */
export class EventLog {
  readonly events: DeliveryEvent[] = [];
  #waiters: { check: (e: DeliveryEvent) => boolean; resolve: (e: DeliveryEvent) => void }[] = [];

  readonly observe = (event: DeliveryEvent): void => {
    this.events.push(event);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.check(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  /** The first event from index `from` on that passes `check` (already logged, or the next). */
  until<K extends DeliveryEvent["kind"]>(
    kind: K,
    check: (e: Extract<DeliveryEvent, { kind: K }>) => boolean = () => true,
    from = 0,
  ): Promise<Extract<DeliveryEvent, { kind: K }>> {
    const test = (e: DeliveryEvent): e is Extract<DeliveryEvent, { kind: K }> =>
      e.kind === kind && check(e as Extract<DeliveryEvent, { kind: K }>);
    const found = this.events.slice(from).find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) =>
      this.#waiters.push({ check: test, resolve: (e) => resolve(e as Extract<DeliveryEvent, { kind: K }>) }),
    );
  }

  of<K extends DeliveryEvent["kind"]>(kind: K): Extract<DeliveryEvent, { kind: K }>[] {
    return this.events.filter((e): e is Extract<DeliveryEvent, { kind: K }> => e.kind === kind);
  }
}
