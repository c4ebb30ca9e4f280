/**
 * The script tag's chunk loader (src/core/loadChunk.ts): resolves with the global the chunk sets
 * (`touchpoint<Name>`); a file that runs without setting it (a soft 404, a stale cache) or fails
 * to load is a failed load, forgotten so that the next call tries again. Scripts do not run in
 * happy-dom: the tests fire the element's load and error handlers themselves.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadChunk } from '../../src/core/loadChunk';

const w = window as unknown as Record<string, unknown>;
/** The script elements loadChunk inserted (kept out of happy-dom, which would refuse them). */
let added: HTMLScriptElement[] = [];
const last = () => added.at(-1)!;
beforeEach(() => {
  added = [];
  vi.spyOn(document.head, 'append').mockImplementation((...n) => void added.push(...(n as HTMLScriptElement[])));
});
afterEach(() => {
  delete w.touchpointDemo;
  vi.restoreAllMocks();
});

test('resolves with the chunk global; a second call reuses the load', async () => {
  const p = loadChunk('demo');
  expect(last().src).toMatch(/\/touchpoint\.demo\.js\?v=/);
  w.touchpointDemo = { hello: 1 };
  last().onload!(new Event('load'));
  await expect(p).resolves.toEqual({ hello: 1 });
  expect(loadChunk('demo')).toBe(p);
});

test('a file that runs without setting its global fails, and the next call loads it again', async () => {
  const p = loadChunk('stale');
  last().onload!(new Event('load'));
  await expect(p).rejects.toThrow('touchpoint.stale.js did not load');
  const q = loadChunk('stale');
  expect(q).not.toBe(p);
  w.touchpointStale = { ok: true };
  last().onload!(new Event('load'));
  await expect(q).resolves.toEqual({ ok: true });
  delete w.touchpointStale;
});

test('a load error fails and is forgotten', async () => {
  const p = loadChunk('gone');
  last().onerror!(new Event('error'));
  await expect(p).rejects.toThrow('did not load');
  expect(loadChunk('gone')).not.toBe(p);
});

