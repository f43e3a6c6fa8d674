import { Registry } from "prom-client";
import { FakeClock } from "../../../src/clock/fake-clock.ts";
import { WebhookDeliveries } from "../../../src/deliveries/webhook-deliveries.ts";
import { newWebhookSecret } from "../../../src/deliveries/webhook-message.ts";
import { WebhookMetrics } from "../../../src/deliveries/webhook-metrics.ts";
import { WEBHOOK_DEFAULTS, type WebhookSettings } from "../../../src/deliveries/webhook-settings.ts";
import { SegmentsService } from "../../../src/service/segments-service.ts";
import type { WebhookRecord } from "../../../src/store/records.ts";
import { SqliteStore } from "../../../src/store/sqlite/index.ts";
import type { Store } from "../../../src/store/store.ts";
import { planIs } from "../../http/support/api-client.ts";
import { EventLog } from "./events.ts";

/** Test settings: a 1 s first retry on the fake clock, everything else as in production. */
export const TEST_SETTINGS: Partial<WebhookSettings> = { retryBaseMs: 1_000, retryMaxMs: 60_000 };

/**
 * A service with workspaces "a" and "b" (segments "pros", "teams" and "frees" each) and their webhook
 * workers, on a fake clock that starts at the real time (receivers check signature timestamps).
 */
export class Rig {
  private constructor(
    readonly events: EventLog,
    readonly registry: Registry,
    readonly store: Store,
    readonly service: SegmentsService,
    readonly clock: FakeClock,
    readonly deliveries: WebhookDeliveries,
  ) {}

  static async start(
    options: { store?: Store; clock?: FakeClock; settings?: Partial<WebhookSettings> } = {},
  ): Promise<Rig> {
    const store = options.store ?? new SqliteStore({ path: ":memory:" });
    const clock = options.clock ?? new FakeClock(Date.now());
    const service = await SegmentsService.open({ store, clock });
    for (const id of ["a", "b"]) {
      if ((await store.listWorkspaces()).some((w) => w.id === id)) continue;
      const ws = await service.createWorkspace({
        id,
        name: id,
        apiKeyHash: `hash-${id}`,
        createdAt: clock.now(),
      });
      await ws.createSegment({ id: "pros", name: "Pros", rule: planIs("pro") });
      await ws.createSegment({ id: "teams", name: "Teams", rule: planIs("team") });
      await ws.createSegment({ id: "frees", name: "Frees", rule: planIs("free") });
    }
    const events = new EventLog();
    const registry = new Registry();
    const deliveries = new WebhookDeliveries({
      store,
      clock,
      settings: { ...WEBHOOK_DEFAULTS, ...TEST_SETTINGS, ...options.settings },
      metrics: new WebhookMetrics(registry),
      observe: events.observe,
      subscribe: (ws, wake) => service.workspace(ws).pipeline.addCommitListener(wake),
    });
    await deliveries.start();
    return new Rig(events, registry, store, service, clock, deliveries);
  }

  /** Stores a webhook (from the log's current end, as the API does) and starts delivering to it. */
  async addWebhook(
    workspaceId: string,
    url: string,
    segments: string[] | null = null,
  ): Promise<WebhookRecord> {
    const webhook: WebhookRecord = {
      workspaceId,
      id: `wh_${workspaceId}_${(await this.store.listWebhooks(workspaceId)).length + 1}`,
      url,
      segments,
      secret: newWebhookSecret(),
      createdAt: this.clock.now(),
      delivery: {
        cursor: await this.store.lastSeq(workspaceId),
        failures: 0,
        gone: 0,
        nextAttemptAt: null,
        lastError: null,
        disabledAt: null,
        disabledReason: null,
      },
    };
    await this.store.createWebhook(webhook);
    this.deliveries.add(webhook);
    return webhook;
  }

  /** Sets contacts' plans in one commit (each change of plan: an exit and an entry). */
  async plans(workspaceId: string, plans: Record<string, string>): Promise<void> {
    const timestamp = this.clock.now();
    const messages = Object.entries(plans).map(([userId, plan]) => ({
      type: "identify" as const,
      userId,
      traits: { plan },
      timestamp,
    }));
    await this.service.workspace(workspaceId).ingest(messages);
  }

  async failures(reason: string): Promise<number> {
    const metric = await this.registry.getSingleMetric("segments_webhook_failures_total")?.get();
    return metric?.values.find((v) => v.labels.reason === reason)?.value ?? 0;
  }

  /** Stops the workers, then the service; the store stays open unless `andStore`. */
  async close(andStore = true): Promise<void> {
    await this.deliveries.close();
    await this.service.close();
    if (andStore) await this.store.close();
  }
}
