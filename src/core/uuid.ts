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
  const h = (j: number) => HEX[b[i + j]!]!;
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${HEX[(b[i + 6]! & 0x0f) | 0x40]}${h(7)}-${HEX[(b[i + 8]! & 0x3f) | 0x80]}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
};
