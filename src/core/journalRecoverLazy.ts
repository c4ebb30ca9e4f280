/**
 * The script tag's journal recovery, swapped in for journalRecover.ts by rollup.config.mjs: it
 * comes with the delivery engine chunk (`touchpoint.send.js`), fetched after the page's load
 * event. Until the chunk has loaded the tab does not become the sender (`setLeader` waits for
 * this), so the engine never sends before the notes of torn-down pages are applied; a chunk that
 * cannot be fetched is tried again after 5 s, doubling to 5 minutes. Meanwhile the tab holds the
 * lock as next in line and hands its own events over at exit.
 */
import { afterLoad, loadChunk } from './loadChunk';
import type { EventStore } from './storage';

type Recover = (name: string, store: EventStore, cap: number) => Promise<void>;

export const recoverJournal: Recover = (name, store, cap) => {
  const attempt = (wait: number): Promise<void> =>
    loadChunk('send').then(
      () => (window as unknown as { touchpointSend: { recoverJournal: Recover } }).touchpointSend.recoverJournal(name, store, cap),
      () => new Promise((r) => setTimeout(r, wait)).then(() => attempt(Math.min(wait * 2, 300_000))),
    );
  return afterLoad().then(() => attempt(5000));
};
