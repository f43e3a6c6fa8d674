import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { type Resolve, refusedAddress } from "./destination.ts";

/** The error a refused connection fails with (its code tells the delivery why). */
export class RefusedDestinationError extends Error {
  static readonly CODE = "EDESTINATIONREFUSED";
  readonly code = RefusedDestinationError.CODE;
}

/**
 * A `lookup` for outgoing requests that refuses private addresses at connection time, after the
 * name is resolved: a name that was public when the webhook was created and now resolves to
 * 127.0.0.1 (DNS rebinding) is refused here.
 */
export function guardedLookup(resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const usable = all.filter((a) => !options.family || a.family === familyNumber(options.family));
        const refused = usable.map((a) => refusedAddress(hostname, a.address)).find((r) => r !== undefined);
        if (refused !== undefined) return callback(new RefusedDestinationError(refused), "", 4);
        if (usable.length === 0) return callback(notFound(hostname), "", 4);
        if (options.all === true) return callback(null, usable);
        const [first] = usable as [LookupAddress];
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };
}

function familyNumber(family: number | "IPv4" | "IPv6"): number {
  return family === "IPv4" ? 4 : family === "IPv6" ? 6 : family;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
}
