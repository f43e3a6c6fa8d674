import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { DeliveryEvent } from "../../deliveries/delivery-events.ts";
import { WebhookDeliveries } from "../../deliveries/webhook-deliveries.ts";
import { WebhookMetrics } from "../../deliveries/webhook-metrics.ts";
import { WEBHOOK_DEFAULTS, type WebhookSettings } from "../../deliveries/webhook-settings.ts";
import { NotFoundError } from "../../service/errors.ts";
import type { RouteDeps } from "../route-deps.ts";

export type WebhookRouteOptions = RouteDeps & {
  webhooks?: Partial<WebhookSettings> & { observe?: (e: DeliveryEvent) => void };
};

/**
 * The app's delivery workers: started with the app (each stored webhook resumes from its cursor)
 * and stopped when it closes, after the last request and before the service and the store.
 */
export function startDeliveries(app: FastifyInstance, options: WebhookRouteOptions): WebhookDeliveries {
  const { observe, ...settings } = options.webhooks ?? {};
  const deliveries = new WebhookDeliveries({
    store: options.store,
    clock: options.clock,
    settings: { ...WEBHOOK_DEFAULTS, ...settings },
    metrics: new WebhookMetrics(options.metrics.registry),
    observe: (event) => {
      logDelivery(app.log, event);
      observe?.(event);
    },
    subscribe(workspaceId, wake) {
      try {
        return options.service.workspace(workspaceId).pipeline.addCommitListener(wake);
      } catch (e) {
        if (e instanceof NotFoundError) return () => {}; // not served here: the poll finds its changes
        throw e;
      }
    },
  });
  app.addHook("onReady", async () => deliveries.start());
  app.addHook("onClose", async () => deliveries.close());
  return deliveries;
}

function logDelivery(log: FastifyBaseLogger, event: DeliveryEvent): void {
  const { kind, ...fields } = event;
  if (kind === "delivered") log.debug(fields, "webhook delivered");
  else if (kind === "failed") log.warn(fields, "webhook delivery failed");
  else if (kind === "disabled") log.warn(fields, "webhook disabled");
  else log.error({ ...fields, err: event.error }, "webhook worker error");
}
