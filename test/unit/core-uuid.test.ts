import { afterEach, describe, expect, test, vi } from 'vitest';
import { uuid } from '../../src/core/uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.unstubAllGlobals());

describe('uuid', () => {
  test('v4 format, unique', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(1000);
  });

  test('without crypto.randomUUID (non-secure context) still a valid, unique v4 UUID', () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(a: T) => real.getRandomValues(a as never) as T);
    vi.stubGlobal('crypto', { getRandomValues });
    const ids = Array.from({ length: 200 }, uuid);
    expect(getRandomValues).toHaveBeenCalledTimes(200);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(200);
  });

  test('fallback sets version and variant bits even from all-ones or all-zero bytes', () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0xff) });
    expect(uuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0) });
    expect(uuid()).toBe('00000000-0000-4000-8000-000000000000');
  });
});
