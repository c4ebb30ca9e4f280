import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `signature` (base64, as Shopify, WooCommerce and Haravan send it) is the HMAC-SHA256 of
 * the raw body bytes under `secret`. The digests are compared in constant time; a missing or
 * malformed header is simply false (never a throw).
 */
export const verifyHmac = (body: Uint8Array, secret: string, signature: string | null | undefined): boolean => {
  if (!signature || !secret) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature.trim(), 'base64');
  // Equal lengths first: timingSafeEqual throws otherwise. The length of a SHA-256 digest is public.
  return given.length === expected.length && timingSafeEqual(given, expected);
};
