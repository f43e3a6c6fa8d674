import type { Clock } from "../clock/clock.ts";
import type { ChangeRecord, WebhookDeliveryState, WebhookRecord } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import type { DeliveryObserver } from "./delivery-events.ts";
import { type FailureReason, type PostOutcome, postWebhook } from "./post-webhook.ts";
import { sleepUntil, Wakeup } from "./wakeup.ts";
import { webhookMessage } from "./webhook-message.ts";
import type { WebhookMetrics } from "./webhook-metrics.ts";
import { retryDelay, type WebhookSettings } from "./webhook-settings.ts";

export interface LaneContext {
  store: Store;
  clock: Clock;
  settings: WebhookSettings;
  metrics: WebhookMetrics;
  observe: DeliveryObserver;
}

/**
 * Delivers one webhook's changes, one at a time and in seq order, from its durable cursor. The
 * cursor moves only after a 2xx (or past changes not for this webhook), so a crash at any point
 * delivers again at worst: at least once. A failure is retried after a growing wait, with the same
 * webhook-id; enough 410 Gone in a row disable the webhook.
 */
export class WebhookLane {
  readonly done: Promise<void>;
  readonly #wakeup = new Wakeup();
  readonly #stop = new AbortController();
  #state: WebhookDeliveryState;
  /** The cursor moved past other segments' changes and is not saved yet. */
  #dirty = false;

  constructor(
    readonly webhook: WebhookRecord,
    private readonly ctx: LaneContext,
  ) {
    this.#state = { ...webhook.delivery };
    this.done = this.#run();
  }

  /** A commit happened: look at the log again now. */
  wake(): void {
    this.#wakeup.set();
  }

  /** Stops (an attempt in flight is abandoned, and made again by the next worker). */
  stop(): Promise<void> {
    this.#stop.abort();
    return this.done;
  }

  async #run(): Promise<void> {
    const { clock, settings, observe } = this.ctx;
    const signal = this.#stop.signal;
    while (!signal.aborted && this.#state.disabledAt === null) {
      try {
        if (!(await this.#step(signal))) return;
      } catch (error) {
        observe({ kind: "error", workspaceId: this.webhook.workspaceId, webhookId: this.webhook.id, error });
        await sleepUntil(clock, clock.now() + settings.pollMs, signal);
      }
    }
  }

  /** Waits out a retry, skips changes not for this webhook, or delivers the next one. False: deleted. */
  async #step(signal: AbortSignal): Promise<boolean> {
    const { clock, settings, store } = this.ctx;
    const due = this.#state.nextAttemptAt;
    if (due !== null && clock.now() < due) {
      await sleepUntil(clock, due, signal);
      return true;
    }
    this.#wakeup.reset();
    const segments = this.webhook.segments;
    const only = segments?.length === 1 ? segments[0] : undefined;
    const page = await store.changes(this.webhook.workspaceId, this.#state.cursor, settings.pageSize, only);
    const next = page.find((c) => segments === null || segments.includes(c.segmentId));
    const skipTo = next === undefined ? page.at(-1)?.seq : next.seq - 1;
    if (skipTo !== undefined && skipTo > this.#state.cursor) {
      this.#state = { ...this.#state, cursor: skipTo };
      this.#dirty = true;
    }
    if (next !== undefined) return this.#deliver(next, signal);
    if (page.length > 0) return true;
    if (this.#dirty && !(await this.#save(this.#state))) return false;
    await this.#wakeup.wait(clock, clock.now() + settings.pollMs, signal);
    return true;
  }

  async #deliver(change: ChangeRecord, signal: AbortSignal): Promise<boolean> {
    const { clock, settings, metrics, observe } = this.ctx;
    const attempt = this.#state.failures + 1;
    const outcome = await postWebhook(webhookMessage(this.webhook, change, clock.now()), settings, signal);
    if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) {
      const delivered = { cursor: change.seq, failures: 0, gone: 0, nextAttemptAt: null, lastError: null };
      if (!(await this.#save({ ...this.#state, ...delivered }))) return false;
      metrics.delivered.inc();
      observe({ kind: "delivered", ...this.#ids(), seq: change.seq, status: outcome.status, attempt });
      return true;
    }
    if ("reason" in outcome && outcome.reason === "stopped") return true;
    return this.#fail(change, attempt, outcome);
  }

  async #fail(change: ChangeRecord, attempt: number, outcome: PostOutcome): Promise<boolean> {
    const { clock, settings, metrics, observe } = this.ctx;
    const now = clock.now();
    const gone = "status" in outcome && outcome.status === 410 ? this.#state.gone + 1 : 0;
    const reason: FailureReason = "status" in outcome ? (gone > 0 ? "gone" : "status") : outcome.reason;
    const error = "status" in outcome ? `HTTP ${outcome.status}` : outcome.error;
    const disabled = gone >= settings.goneLimit;
    const retryAt = now + retryDelay(attempt, settings);
    const disabledReason = `the endpoint answered 410 Gone ${gone} times in a row`;
    const state = {
      ...this.#state,
      failures: attempt,
      gone,
      lastError: error,
      nextAttemptAt: disabled ? null : retryAt,
      disabledAt: disabled ? now : null,
      disabledReason: disabled ? disabledReason : null,
    };
    metrics.countFailure(reason);
    if (!(await this.#save(state))) return false;
    const ids = { ...this.#ids(), seq: change.seq };
    observe(
      disabled
        ? { kind: "disabled", ...ids, reason: disabledReason }
        : { kind: "failed", ...ids, attempt, error, retryAt },
    );
    return true;
  }

  /**
   * Makes `state` durable, then current: if the store fails, memory stays where the store is, so
   * the change is delivered again (same webhook-id) rather than counted as done and not saved.
   */
  async #save(state: WebhookDeliveryState): Promise<boolean> {
    const saved = await this.ctx.store.saveWebhookDelivery(this.webhook.workspaceId, this.webhook.id, state);
    this.#state = state;
    this.#dirty = false;
    return saved;
  }

  #ids() {
    return { workspaceId: this.webhook.workspaceId, webhookId: this.webhook.id };
  }
}
