import type { Clock } from "../clock/clock.ts";
import type { WebhookSettings } from "../deliveries/webhook-settings.ts";
import type { SegmentsService } from "../service/segments-service.ts";
import type { Store } from "../store/store.ts";
import type { AppMetrics } from "./ops/app-metrics.ts";

/** What route plugins are given (their options): the app's ports, never config. */
export interface RouteDeps {
  service: SegmentsService;
  store: Store;
  clock: Clock;
  metrics: AppMetrics;
  /** Webhook delivery settings (private-address guard, retries, timeouts); defaults otherwise. */
  webhooks?: Partial<WebhookSettings>;
}
