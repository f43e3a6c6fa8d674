import type { WebhookRecord } from "../store/records.ts";
import { type LaneContext, WebhookLane } from "./webhook-lane.ts";

export interface DeliveriesDeps extends LaneContext {
  /** Calls `wake` after each local commit of the workspace; returns the unsubscribe. */
  subscribe(workspaceId: string, wake: () => void): () => void;
}

/** One workspace's worker: a lane per webhook, all woken by the workspace's commits. */
class WorkspaceWorker {
  readonly #lanes = new Map<string, WebhookLane>();
  readonly #unsubscribe: () => void;

  constructor(
    workspaceId: string,
    private readonly deps: DeliveriesDeps,
  ) {
    this.#unsubscribe = deps.subscribe(workspaceId, () => {
      for (const lane of this.#lanes.values()) lane.wake();
    });
  }

  add(webhook: WebhookRecord): void {
    if (this.#lanes.has(webhook.id)) return;
    const lane = new WebhookLane(webhook, this.deps);
    this.#lanes.set(webhook.id, lane);
    // A lane ends by itself when its webhook is disabled or deleted.
    void lane.done.then(() => {
      if (this.#lanes.get(webhook.id) === lane) this.#lanes.delete(webhook.id);
    });
  }

  async remove(webhookId: string): Promise<void> {
    const lane = this.#lanes.get(webhookId);
    this.#lanes.delete(webhookId);
    await lane?.stop();
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    await Promise.all([...this.#lanes.values()].map((lane) => lane.stop()));
    this.#lanes.clear();
  }
}

/**
 * Every workspace's webhook worker in this process. `start` picks up the stored webhooks (each
 * resumes from its durable cursor); the HTTP routes add and remove webhooks as they change.
 */
export class WebhookDeliveries {
  readonly #workers = new Map<string, WorkspaceWorker>();
  #closed = false;

  constructor(private readonly deps: DeliveriesDeps) {}

  get settings() {
    return this.deps.settings;
  }

  async start(): Promise<void> {
    for (const workspace of await this.deps.store.listWorkspaces()) {
      for (const webhook of await this.deps.store.listWebhooks(workspace.id)) this.add(webhook);
    }
  }

  /** Starts delivering to a webhook (a disabled one stays silent). */
  add(webhook: WebhookRecord): void {
    if (this.#closed || webhook.delivery.disabledAt !== null) return;
    let worker = this.#workers.get(webhook.workspaceId);
    if (worker === undefined) {
      worker = new WorkspaceWorker(webhook.workspaceId, this.deps);
      this.#workers.set(webhook.workspaceId, worker);
    }
    worker.add(webhook);
  }

  /** Stops delivering to a webhook; resolves once no attempt of it is in flight. */
  async remove(workspaceId: string, webhookId: string): Promise<void> {
    await this.#workers.get(workspaceId)?.remove(webhookId);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#workers.values()].map((w) => w.close()));
    this.#workers.clear();
  }
}
