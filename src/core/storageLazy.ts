/**
 * The script tag's storage, swapped in for storage.ts by rollup.config.mjs: the IndexedDB store
 * without its read side, which the delivery engine chunk adds (`withReads` in storage.ts).
 */
import { idbWriter } from './idbWriter';
import type { EventStore } from './storage';

export { memoryStore } from './memoryStore';
export const idbStore = idbWriter as unknown as (name: string) => EventStore;
