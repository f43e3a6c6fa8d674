import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { hostOf, refusedAddress } from "./destination.ts";
import { guardedLookup, RefusedDestinationError } from "./guarded-lookup.ts";
import type { WebhookMessage } from "./webhook-message.ts";
import type { WebhookSettings } from "./webhook-settings.ts";

export type FailureReason = "status" | "gone" | "timeout" | "network" | "refused" | "stopped";

/** How one attempt ended: a status line (any status), or no answer and why. */
export type PostOutcome =
  | { status: number }
  | { reason: Exclude<FailureReason, "status" | "gone">; error: string };

/**
 * POSTs one message. Redirects are not followed (a 3xx is a failure). The timeout covers
 * connecting and the status line; the response body is read and dropped.
 */
export function postWebhook(
  message: WebhookMessage,
  settings: Pick<WebhookSettings, "denyPrivate" | "timeoutMs" | "resolve">,
  stop: AbortSignal,
): Promise<PostOutcome> {
  const url = new URL(message.url);
  const host = hostOf(url);
  if (settings.denyPrivate && isIP(host) !== 0) {
    const refused = refusedAddress(host, host);
    if (refused !== undefined) return Promise.resolve({ reason: "refused", error: refused });
  }
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: { ...message.headers, "content-length": String(Buffer.byteLength(message.body)) },
      signal: AbortSignal.any([stop, timeout]),
      ...(settings.denyPrivate ? { lookup: guardedLookup(settings.resolve) } : {}),
    });
    req.on("response", (res: IncomingMessage) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (stop.aborted) resolve({ reason: "stopped", error: "the worker stopped" });
      else if (timeout.aborted)
        resolve({ reason: "timeout", error: `no answer within ${settings.timeoutMs} ms` });
      else if (error.code === RefusedDestinationError.CODE)
        resolve({ reason: "refused", error: error.message });
      else resolve({ reason: "network", error: error.code ?? error.message });
    });
    req.end(message.body);
  });
}
