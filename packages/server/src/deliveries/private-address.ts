import { BlockList, isIP } from "node:net";

/**
 * Addresses a hosted, multi-tenant server must not call on a tenant's behalf
 * (`SEGMENTS_WEBHOOK_DENY_PRIVATE=1`): loopback, private, link-local (cloud metadata services),
 * carrier-grade NAT, unspecified, multicast and reserved ranges. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) are checked as the IPv4 address they carry.
 */
const DENIED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  DENIED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: reaches the IPv4 address in its last 32 bits
  ["2002::", 16], // 6to4: carries an IPv4 address
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  DENIED.addSubnet(net, prefix, "ipv6");

/**
 * True for an address in a denied range; false for a public one or for text that is no address.
 * @example isPrivateAddress("169.254.169.254") // true
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return DENIED.check(address, family === 4 ? "ipv4" : "ipv6");
}
