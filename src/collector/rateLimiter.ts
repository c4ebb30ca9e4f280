/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Requests per second a client may sustain. Default 50. */
  perSecond?: number;
  /** Requests a client may send at once after being idle (bucket size). Default 200. */
  burst?: number;
  /** Most clients tracked; the least recently seen is forgotten beyond it. Default 10,000. */
  maxClients?: number;
}

/** A per-client token bucket. */
export interface RateLimiter {
  /** Take one token for `client`; returns 0 when allowed, else the seconds to wait before retrying. */
  take(client: string, now?: number): number;
}

/**
 * A token bucket per client key (the IP address). The defaults are generous on purpose: many
 * shoppers share one carrier-grade NAT address on mobile networks, and a store's kiosks share the
 * shop's address. Memory is bounded by `maxClients`.
 */
export const createRateLimiter = ({ perSecond = 50, burst = 200, maxClients = 10_000 }: RateLimitOptions = {}): RateLimiter => {
  // Map keeps insertion order: re-inserting on use makes the first key the least recently seen.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take: (client, now = Date.now()) => {
      const bucket = buckets.get(client) ?? { tokens: burst, at: now };
      buckets.delete(client);
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      buckets.set(client, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
  };
};
