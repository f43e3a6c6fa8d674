import type { IncomingHttpHeaders } from "node:http";
import { Webhook } from "standardwebhooks";
import type { Received } from "./receiver.ts";

/** Checks a received request's signature as a receiver would, with the library; returns its body. */
export function verified(secret: string, r: Received): unknown {
  return new Webhook(secret).verify(r.body, flat(r.headers));
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = String(v);
  return out;
}
