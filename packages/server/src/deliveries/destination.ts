import { promises as dns, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isPrivateAddress } from "./private-address.ts";

/** Resolves a host name to every address it has (injectable: tests resolve without DNS). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A URL's host as an address or a name (`[::1]` → `::1`). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Why a destination is refused under the private-address policy, or undefined. */
export function refusedAddress(hostname: string, address: string): string | undefined {
  if (!isPrivateAddress(address)) return undefined;
  const shown = hostname === address ? address : `${hostname} (${address})`;
  return `${shown} is a loopback, private or link-local address, which this server does not call`;
}

/**
 * Checks a URL's host against the policy before any request: an address literal as it is, a
 * name by resolving it (every address must be public). A name that does not resolve passes: the
 * deliveries check every connection's address again.
 */
export async function checkDestination(url: URL, resolve: Resolve): Promise<string | undefined> {
  const host = hostOf(url);
  if (isIP(host) !== 0) return refusedAddress(host, host);
  if (host === "localhost" || host.endsWith(".localhost")) return refusedAddress(host, "127.0.0.1");
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return undefined;
  }
  for (const a of addresses) {
    const refused = refusedAddress(host, a.address);
    if (refused !== undefined) return refused;
  }
  return undefined;
}
