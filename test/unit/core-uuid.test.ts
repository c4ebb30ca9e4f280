import { afterEach, describe, expect, test, vi } from 'vitest';
import { uuid } from '../../src/core/uuid';

/** A fresh copy of the module (its random pool empty), for tests that stub crypto. */
const freshUuid = async () => {
  vi.resetModules();
  return (await import('../../src/core/uuid')).uuid;
};

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('uuid', () => {
  test('v4 format, unique', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(1000);
  });

  test('without crypto.randomUUID (non-secure context) still valid, unique v4 UUIDs from a pooled draw', async () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(a: T) => real.getRandomValues(a as never) as T);
    vi.stubGlobal('crypto', { getRandomValues });
    const fresh = await freshUuid();
    const ids = Array.from({ length: 300 }, fresh);
    // 4 KiB of random bytes serve 256 ids: two draws for 300.
    expect(getRandomValues).toHaveBeenCalledTimes(2);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(300);
  });

  test('version and variant bits are set even from all-ones or all-zero bytes', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0xff) });
    expect((await freshUuid())()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0) });
    expect((await freshUuid())()).toBe('00000000-0000-4000-8000-000000000000');
  });
});
