import ipaddr from 'ipaddr.js';

/**
 * Why an IP address may not be the target of a request to a host a user
 * supplied, or undefined when it is a public unicast address. IPv4-mapped
 * IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries; every
 * special range ipaddr.js knows (loopback, link-local, RFC 1918, ULA, CGNAT,
 * multicast, unspecified, 6to4/Teredo/NAT64 wrappers, reserved, …) is refused.
 */
export function nonPublicRange(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** True for a literal IPv4 or IPv6 address (bracketed or not). */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return ipaddr.isValid(bare) && (ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare));
}
