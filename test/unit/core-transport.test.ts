import { afterEach, describe, expect, test, vi } from 'vitest';
import { browserTransport, parseRetryAfter } from '../../src/core/transport';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
  test.each([
    ['3', 3000],
    ['0', 0],
    ['120', 120_000],
    ['1.5', 1500],
    ['-5', 0],
  ])('delta-seconds %j → %i ms', (h, ms) => {
    expect(parseRetryAfter(h, now)).toBe(ms);
  });

  test('HTTP date → milliseconds from now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:30:00 GMT', now)).toBe(120_000);
  });

  test('an HTTP date in the past → 0, not negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0);
  });

  test.each([null, undefined, '', 'soon', 'Infinity'])('%j → undefined', (h) => {
    expect(parseRetryAfter(h, now)).toBeUndefined();
  });

  test('now defaults to the clock', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds)!;
    // toUTCString drops milliseconds.
    expect(ms).toBeGreaterThan(8_900);
    expect(ms).toBeLessThanOrEqual(10_000);
  });
});

describe('browserTransport', () => {
  test('send: POST, text body, keepalive flag, no credentials; status and Retry-After returned', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 429, headers: { 'Retry-After': '7' } }));
    vi.stubGlobal('fetch', fetch);
    const res = await browserTransport().send('https://c.example/v1/batch', '{"batch":[]}', true);
    expect(res).toEqual({ status: 429, retryAfter: 7000 });
    expect(fetch).toHaveBeenCalledWith('https://c.example/v1/batch', {
      method: 'POST',
      body: '{"batch":[]}',
      keepalive: true,
      credentials: 'omit',
      mode: 'cors',
    });
  });

  test('send: a body string (not Blob/JSON content type) so the request is CORS-simple', async () => {
    const fetch = vi.fn(async (_u: string, _i: RequestInit) => new Response(null, { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await browserTransport().send('https://c.example/v1/batch', 'x', false);
    const init = fetch.mock.calls[0]![1];
    expect(typeof init.body).toBe('string');
    expect(init.headers).toBeUndefined();
    expect(init.keepalive).toBe(false);
  });

  test('send: the response body is read (Chromium keeps a keepalive request in its budget until then)', async () => {
    const text = vi.fn(async () => 'ok');
    vi.stubGlobal('fetch', vi.fn(async () => ({ status: 200, headers: new Headers(), text })));
    await expect(browserTransport().send('https://c.example/', 'x', true)).resolves.toEqual({ status: 200, retryAfter: undefined });
    expect(text).toHaveBeenCalledTimes(1);
  });

  test('send: the answer waits for the body; a body that fails to read still gives the status', async () => {
    let finish!: (s: string) => void;
    const text = () => new Promise<string>((r) => (finish = r));
    vi.stubGlobal('fetch', vi.fn(async () => ({ status: 503, headers: new Headers({ 'Retry-After': '2' }), text })));
    let done = false;
    const p = browserTransport()
      .send('https://c.example/', 'x', true)
      .then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    finish('');
    await expect(p).resolves.toEqual({ status: 503, retryAfter: 2000 });
    vi.stubGlobal('fetch', vi.fn(async () => ({ status: 200, headers: new Headers(), text: () => Promise.reject(new TypeError('aborted')) })));
    await expect(browserTransport().send('https://c.example/', 'x', true)).resolves.toEqual({ status: 200, retryAfter: undefined });
  });

  test('send: a network error resolves to status 0 (never rejects)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(browserTransport().send('https://c.example/', 'x', false)).resolves.toEqual({ status: 0 });
  });

  test('beacon: a keepalive fetch without credentials, never sendBeacon (its credentials mode is "include")', () => {
    const fetch = vi.fn(async () => new Response(null));
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('navigator', { sendBeacon });
    vi.stubGlobal('fetch', fetch);
    expect(browserTransport().beacon('https://c.example/', 'b')).toBe(true);
    expect(fetch).toHaveBeenCalledWith(
      'https://c.example/',
      expect.objectContaining({ method: 'POST', body: 'b', keepalive: true, credentials: 'omit' }),
    );
    expect(sendBeacon).not.toHaveBeenCalled();
  });

  test('beacon: a fetch that throws at once → false; one that rejects later is swallowed', async () => {
    vi.stubGlobal('fetch', () => {
      throw new TypeError('bad url');
    });
    expect(browserTransport().beacon('https://c.example/', 'b')).toBe(false);
    const rejected = Promise.reject(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', vi.fn(() => rejected));
    expect(browserTransport().beacon('https://c.example/', 'b')).toBe(true);
    await rejected.catch(() => {});
  });

  test('later: absent without fetchLater', () => {
    vi.stubGlobal('fetchLater', undefined);
    expect(browserTransport().later).toBeUndefined();
  });

  test('later: arms fetchLater with an abort signal; activated reflects the browser', () => {
    const result = { activated: false };
    let signal: AbortSignal | undefined;
    const fetchLater = vi.fn((_u: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return result;
    });
    vi.stubGlobal('fetchLater', fetchLater);
    const d = browserTransport().later!('https://c.example/', 'body')!;
    expect(fetchLater).toHaveBeenCalledWith('https://c.example/', expect.objectContaining({ method: 'POST', body: 'body', credentials: 'omit' }));
    expect(d.activated).toBe(false);
    result.activated = true;
    expect(d.activated).toBe(true);
    expect(signal!.aborted).toBe(false);
    d.abort();
    expect(signal!.aborted).toBe(true);
  });

  test('later: a quota error from fetchLater → undefined', () => {
    vi.stubGlobal('fetchLater', () => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(browserTransport().later!('https://c.example/', 'b')).toBeUndefined();
  });
});
