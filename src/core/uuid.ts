/**
 * A random RFC 4122 v4 UUID (messageId, anonymousId, session and submission ids).
 * `crypto.randomUUID()` costs ~15 µs a call in Chromium — most of a `track()` call — so random
 * bytes are drawn 4 KiB at a time and formatted through a lookup table (and it also works on
 * plain-http pages, where `randomUUID` is missing).
 */
const HEX = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));
let pool = new Uint8Array(0);
let at = 0;

export const uuid = (): string => {
  if (at + 16 > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(4096));
    at = 0;
  }
  const b = pool;
  const i = at;
  at += 16;
  const x = HEX;
  // Written out: this runs once per event, often before the JIT has warmed up.
  return (
    x[b[i]!]! + x[b[i + 1]!] + x[b[i + 2]!] + x[b[i + 3]!] + '-' + x[b[i + 4]!] + x[b[i + 5]!] + '-' +
    x[(b[i + 6]! & 0x0f) | 0x40] + x[b[i + 7]!] + '-' + x[(b[i + 8]! & 0x3f) | 0x80] + x[b[i + 9]!] + '-' +
    x[b[i + 10]!] + x[b[i + 11]!] + x[b[i + 12]!] + x[b[i + 13]!] + x[b[i + 14]!] + x[b[i + 15]!]
  );
};
