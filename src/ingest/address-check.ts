import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";
import { refusalPhrase } from "../core/news-phrases.ts";

/**
 * True for an address the bot must not fetch from unless told it may (`FETCH_ALLOW_PRIVATE`): loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 — the cloud metadata service — and fe80::/10),
 * carrier-grade NAT, unspecified, multicast, reserved. Only public unicast passes; IPv4 inside IPv6 is unwrapped.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== "unicast";
}

/**
 * True for link-local addresses (169.254/16, where clouds serve instance metadata and credentials, and fe80::/10)
 * and AWS's IPv6 metadata address: refused even with `FETCH_ALLOW_PRIVATE`, which is for a lab's own servers.
 */
export function isMetadataAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "linkLocal" || parsed.toNormalizedString() === "fd00:ec2:0:0:0:0:0:254";
}

/** Whether an address may be fetched from: public unicast, or (with `allowPrivate`) any but metadata ones. */
export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  return allowPrivate ? !isMetadataAddress(address) : !isPrivateAddress(address);
}

/** The message a refused address gets in the log. */
const PRIVATE_REFUSAL = refusalPhrase({ kind: "private" }).en;

/** Raised by `checkedLookup` for a name that resolves to a refused address. */
export class PrivateAddressError extends Error {
  readonly code = "EPRIVATE";
  constructor(hostname: string) {
    super(`${PRIVATE_REFUSAL} (${hostname})`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `dns.lookup` for sockets that refuses names resolving to a private address (any of them: a name with one
 * public and one private address is refused). It runs when the socket connects, so the address checked is the
 * address connected to, whatever the name resolved to before (DNS rebinding).
 */
export function checkedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.some((a) => !isAllowedAddress(a.address, allowPrivate)))
        return callback(new PrivateAddressError(hostname), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}
