/**
 * The script tag's journal recovery, swapped in for journalRecover.ts by rollup.config.mjs: it
 * comes with the delivery engine chunk (`touchpoint.send.js`), which only the sender needs.
 */
import { loadChunk } from './loadChunk';
import type { EventStore } from './storage';

export const recoverJournal = (name: string, store: EventStore, cap: number): Promise<void> =>
  loadChunk('send').then(() =>
    (window as unknown as { touchpointSend: { recoverJournal: typeof recoverJournal } }).touchpointSend.recoverJournal(name, store, cap),
  );
