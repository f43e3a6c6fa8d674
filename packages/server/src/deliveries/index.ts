export type { DeliveryEvent, DeliveryObserver } from "./delivery-events.ts";
export { checkDestination, type Resolve } from "./destination.ts";
export { isPrivateAddress } from "./private-address.ts";
export { sleepUntil, Wakeup } from "./wakeup.ts";
export { type DeliveriesDeps, WebhookDeliveries } from "./webhook-deliveries.ts";
export { newWebhookSecret, webhookBody, webhookMessageId } from "./webhook-message.ts";
export { WebhookMetrics } from "./webhook-metrics.ts";
export { retryDelay, WEBHOOK_DEFAULTS, type WebhookSettings } from "./webhook-settings.ts";
