/** CORS decisions for the collector's routes. */
export interface Cors {
  /** Whether a request from this `Origin` header may write (no header: server-to-server, allowed). */
  allows(origin: string | null): boolean;
  /** Headers to add to the answer of a request from this origin (empty when none apply). */
  headers(origin: string | null): Record<string, string>;
  /** The answer to a preflight (`OPTIONS`) request. */
  preflight(origin: string | null): Response;
}

/**
 * CORS for a list of allowed origins, or `'*'` for any. The allowed origin is echoed (never `*`)
 * with `Access-Control-Allow-Credentials: true`, because `sendBeacon` always sends in credentials
 * mode "include", where a wildcard answer is refused. Preflights allow the `Content-Type`,
 * `Content-Encoding` and `Authorization` headers the SDK may send and are cached for a day.
 */
export const createCors = (origins: '*' | string[]): Cors => {
  const allowed = origins === '*' ? null : new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const allows = (origin: string | null) => !origin || !allowed || allowed.has(origin.toLowerCase());
  const headers = (origin: string | null): Record<string, string> =>
    origin && allows(origin)
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'retry-after',
          vary: 'Origin',
        }
      : { vary: 'Origin' };
  return {
    allows,
    headers,
    preflight: (origin) =>
      new Response(null, {
        status: allows(origin) ? 204 : 403,
        headers: allows(origin)
          ? {
              ...headers(origin),
              'access-control-allow-methods': 'POST, OPTIONS',
              'access-control-allow-headers': 'content-type, content-encoding, authorization',
              'access-control-max-age': '86400',
            }
          : { vary: 'Origin' },
      }),
  };
};
