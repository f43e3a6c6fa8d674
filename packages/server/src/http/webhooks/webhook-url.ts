import { checkDestination } from "../../deliveries/destination.ts";
import type { WebhookSettings } from "../../deliveries/webhook-settings.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import { textProblem } from "../validation/safe-text.ts";

type UrlPolicy = Pick<WebhookSettings, "denyPrivate" | "resolve">;

/**
 * A webhook URL as it will be stored: http or https, with a host and no credentials (they would
 * show in every listing); under the private-address policy, not pointing at a private address.
 * Throws a validation problem at `/url` otherwise.
 */
export async function acceptWebhookUrl(raw: string, policy: UrlPolicy): Promise<string> {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const problem = url === undefined ? "must be an absolute URL" : await urlProblem(raw, url, policy);
  if (url === undefined || problem !== undefined) {
    const message = problem ?? "must be an absolute URL";
    throw new HttpProblem("validation", `the webhook URL ${message}`, [{ path: "/url", message }]);
  }
  return url.toString();
}

async function urlProblem(raw: string, url: URL, policy: UrlPolicy): Promise<string | undefined> {
  const text = textProblem(raw);
  if (text !== undefined) return text;
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username !== "" || url.password !== "")
    return "must not carry credentials: put a token in the path or query instead";
  return policy.denyPrivate ? checkDestination(url, policy.resolve) : undefined;
}
