/**
 * The script tag's pipeline, swapped in for pipeline.ts by rollup.config.mjs. The real one (the
 * IndexedDB queue, the sending tab's lock, the delivery engine, journal recovery) is the chunk
 * `touchpoint.send.js`, fetched by every tab once the page has loaded: it never delays the host's
 * `load` event, and a flush fetches it at once. Until it has arrived this stand-in keeps the
 * tab's events in memory (they are in no queue yet, so no other tab can send them) and at page
 * exit hands them to the browser in one beacon; what does not fit is noted in the unload journal
 * for the next page. Consent changes meanwhile are replayed to the real pipeline in order, then
 * the kept events are added to it. A chunk that fails to load is tried again after 5 s, doubling
 * up to 5 minutes.
 */
import { beacon } from './beacon';
import { LIMITS } from './limits';
import { afterLoad, loadChunk } from './loadChunk';
import { withLs } from './localStore';
import { pack } from './pack';
import type { Pipeline, PipelineConfig } from './pipeline';
import { journalFailing, saveJournal } from './unloadJournal';

export const createPipeline = (c: PipelineConfig): Pipeline => {
  let real: Pipeline | undefined;
  let stopped = false;
  /** This tab's events (oldest first), until the real pipeline has them. */
  const own = new Map<string, string>();
  /** Consent changes to replay. */
  const consents: boolean[] = [];
  /** Events are noted in the journal at exit (not in anonymous mode, not without IndexedDB). */
  const notes = !c.anonymous && typeof indexedDB != 'undefined';
  const spillKey = `${c.dbName}:spill:${c.tab}`;
  let noted = false;
  const list = () => [...own].map(([k, v]) => ({ k, v }));
  let loading: Promise<void> | undefined;
  let wait = 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const start = (): Promise<void> =>
    (loading ??= loadChunk('send').then(
      () => {
        if (stopped) return;
        real = (window as unknown as { touchpointSend: { createPipeline: typeof createPipeline } }).touchpointSend.createPipeline(c);
        for (const g of consents.splice(0)) real.consent(g);
        if (own.size) real.add(list());
        own.clear();
      },
      (e) => {
        loading = undefined;
        c.reporter.debug('delivery engine', e);
        clearTimeout(timer);
        timer = setTimeout(start, wait);
        wait = Math.min(wait * 2, 300_000);
      },
    ));
  void afterLoad().then(start);

  const spill = () => {
    if (notes && own.size) saveJournal(c.dbName, c.tab, [], list()), (noted = true);
  };

  return {
    add(records) {
      if (real) return real.add(records);
      if (stopped) return;
      for (const r of records) own.set(r.k, r.v);
      let over = own.size - c.opts.queueCap;
      if (over > 0)
        c.reporter.error({ code: 'events_dropped', message: `queue full (${c.opts.queueCap}): ${over} oldest events dropped`, count: over });
      for (const k of own.keys()) if (over-- > 0) own.delete(k);
    },
    flush: () => (real ? real.flush() : start().then(() => real?.flush())),
    unload() {
      if (real) return real.unload();
      // One beacon of at most one request's bytes (never into a collector known to be failing).
      if (own.size && c.allowed() && !journalFailing(c.dbName) && navigator.onLine !== false) {
        const { body, keys } = pack(list(), LIMITS.requestBytes, { writeKey: c.opts.writeKey });
        if (beacon(c.opts.batchUrl, body)) for (const k of keys) own.delete(k);
      }
      spill();
    },
    restore() {
      if (real) return real.restore();
      // Back from the bfcache: the events noted at exit are still here. If another tab has
      // already queued them from the journal they are its to send; else take the notes back.
      if (noted && withLs((s) => s.getItem(spillKey)) === null) own.clear();
      withLs((s) => s.removeItem(spillKey));
      noted = false;
    },
    consent(granted) {
      if (real) return real.consent(granted);
      if (!granted) own.clear();
      consents.push(granted);
    },
    destroy() {
      stopped = true;
      clearTimeout(timer);
      if (real) return real.destroy();
      // Kept for a later page of the origin (as the real pipeline keeps them in its queue).
      spill();
      own.clear();
      return Promise.resolve();
    },
  };
};
