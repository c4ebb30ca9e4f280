import { isIP } from 'node:net';

/**
 * Which proxies in front of the collector are trusted to append to `X-Forwarded-For`: a number of
 * hops (`1` = one proxy such as nginx; `true` means 1), or the proxies' addresses and IPv4 CIDR
 * ranges (`['10.0.0.0/8', '::1']`). `false` (default): the socket address is the client.
 */
export type TrustProxy = boolean | number | string[];

const v4 = (ip: string): number | null => {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? null : parts.reduce((a, p) => a * 256 + p, 0);
};

/** Whether `ip` is one of `trusted` (addresses, or IPv4 `a.b.c.d/n` ranges). */
export const inTrustedList = (ip: string, trusted: readonly string[]): boolean =>
  trusted.some((entry) => {
    const [base, bits] = entry.split('/');
    const a = v4(ip);
    const b = v4(base!);
    if (bits !== undefined && a !== null && b !== null) {
      const n = Number(bits);
      const size = 2 ** (32 - Math.min(32, Math.max(0, n)));
      return Math.floor(a / size) === Math.floor(b / size);
    }
    return ip.toLowerCase().replace(/^::ffff:(?=\d)/, '') === base!.toLowerCase().replace(/^::ffff:(?=\d)/, '');
  });

/**
 * The address to rate-limit a request by. Each proxy appends the address it received the request
 * from to `X-Forwarded-For`, so only the right-hand end of the list is written by machines we
 * trust; anything further left may be made up by the client. Walk from the socket address
 * leftwards past trusted proxies: the first address not trusted is the client. A client that
 * sends its own `X-Forwarded-For` only adds entries to the left of that point, so it cannot
 * choose its bucket.
 */
export const clientAddress = (socketAddress: string, forwardedFor: string | null, trust: TrustProxy): string => {
  if (trust === false || trust === 0 || !forwardedFor) return socketAddress;
  const hops = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean).slice(-64);
  const chain = [...hops, socketAddress];
  const isTrusted = Array.isArray(trust) ? (ip: string) => inTrustedList(ip, trust) : null;
  let budget = trust === true ? 1 : typeof trust === 'number' ? trust : Infinity;
  // Bounded: at most chain.length steps, each moving one hop left.
  for (let i = chain.length - 1; i > 0; i--) {
    const trusted = isTrusted ? isTrusted(chain[i]!) : budget > 0;
    if (!trusted) return chain[i]!;
    budget -= 1;
    // A malformed entry cannot be a proxy's: stop at the hop that wrote it.
    if (!isIP(chain[i - 1]!)) return chain[i]!;
  }
  return chain[0]!;
};
