import { timingSafeEqual } from 'node:crypto';

/**
 * The write key of a request: the HTTP Basic user name (Segment's convention: `key:` base64) or,
 * failing that, the body's `writeKey` (what `sendBeacon` can send, since it cannot set headers).
 */
export const writeKeyOf = (request: Request, body: unknown): string | undefined => {
  const auth = request.headers.get('authorization');
  if (auth && /^basic\s+/i.test(auth)) {
    try {
      const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
      const user = decoded.split(':')[0];
      if (user) return user;
    } catch {
      // fall through to the body key
    }
  }
  const key = body && typeof body === 'object' ? (body as { writeKey?: unknown }).writeKey : undefined;
  return typeof key === 'string' && key ? key : undefined;
};

/** Whether `key` is one of `keys`, compared in constant time so timing does not leak a key. */
export const isValidWriteKey = (key: string, keys: readonly string[]): boolean => {
  const given = Buffer.from(key);
  let found = false;
  for (const k of keys) {
    const expected = Buffer.from(k);
    if (expected.length === given.length && timingSafeEqual(expected, given)) found = true;
  }
  return found;
};
