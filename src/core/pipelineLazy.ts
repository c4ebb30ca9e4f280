/**
 * The script tag's pipeline, swapped in for pipeline.ts by rollup.config.mjs. The real one (the
 * IndexedDB queue, the sending tab's lock, the delivery engine, journal recovery) is the chunk
 * `touchpoint.send.js`, fetched by every tab once the page has loaded: it never delays the host's
 * `load` event. A flush, a consent denial or the page being hidden fetch it at once.
 *
 * Until it has arrived this stand-in keeps the tab's events in memory (they are in no queue yet,
 * so no other tab can send them). When the page is hidden it notes them in the unload journal
 * (synchronous localStorage: a hidden page may be killed without `pagehide`); at page exit it
 * hands them to the browser by beacons within the page's keepalive budget and notes what did not
 * fit. The next sender of the
 * origin queues noted events; the tab takes its notes back when it is shown again, comes back
 * from the bfcache, or its chunk arrives — unless another tab has already queued them, which
 * makes them that tab's to send. Whoever removes the notes owns the events: each is sent once.
 * Consent changes are replayed to the real pipeline, then the kept events are added to it. A
 * chunk that fails to load is tried again after 5 s, doubling up to 5 minutes.
 */
import { beacon } from './beacon';
import { afterLoad, loadChunk } from './loadChunk';
import { withLs } from './localStore';
import { handOut, KEEPALIVE_BUDGET } from './pack';
import type { Pipeline, PipelineConfig } from './pipeline';
import { journalFailing, saveJournal } from './unloadJournal';

export const createPipeline = (c: PipelineConfig): Pipeline => {
  let real: Pipeline | undefined;
  let stopped = false;
  /** This tab's events (oldest first), until the real pipeline has them. */
  const own = new Map<string, string>();
  /** Consent changes to replay: whether it was denied meanwhile, and the last state. */
  let denied = false;
  let last: boolean | undefined;
  const spillKey = `${c.dbName}:early:${c.tab}`;
  /** Keys of the events this tab has noted in the journal. */
  let noted: string[] = [];
  const list = () => [...own].map(([k, v]) => ({ k, v }));
  let loading: Promise<void> | undefined;
  let wait = 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What is left of the page's keepalive budget for exit beacons. */
  let budget = KEEPALIVE_BUDGET - 2048;

  /** Note the kept events for the next sender (not in anonymous mode, not without IndexedDB). */
  const spill = () => {
    if (!c.anonymous && typeof indexedDB != 'undefined') noted = saveJournal(c.dbName, c.tab, [], list(), 'early') ?? noted;
  };
  /** Take the notes back; events another tab has queued from them are its own now. */
  const claim = () => {
    const taken = withLs((s) => {
      const had = s.getItem(spillKey);
      s.removeItem(spillKey);
      return had === null;
    });
    if (taken) for (const k of noted) own.delete(k);
    noted = [];
  };
  /** Note what this tab still has (a hidden page may be killed without `pagehide`). */
  const renote = () => (claim(), spill());

  const start = (): Promise<void> =>
    stopped
      ? Promise.resolve()
      : (loading ??= loadChunk('send').then(
          async (chunk: { createPipeline: typeof createPipeline }) => {
            if (stopped) return;
            const p = chunk.createPipeline(c);
            // Events handed over before it knows whether this tab sends would be nobody's to
            // beacon at exit: until then this stand-in keeps them (and hands them over itself).
            await p.ready;
            if (stopped) return void p.destroy();
            real = p;
            if (denied) real.consent(false);
            if (last) real.consent(true);
            claim();
            if (own.size) real.add(list());
            own.clear();
          },
          (e) => {
            loading = undefined;
            c.reporter.debug('delivery engine', e);
            if (stopped) return;
            clearTimeout(timer);
            timer = setTimeout(start, wait);
            wait = Math.min(wait * 2, 300_000);
          },
        ));
  void afterLoad().then(start);

  const onVisibility = () => {
    if (real) return;
    if (document.hidden) renote(), void start();
    else claim();
  };
  document.addEventListener('visibilitychange', onVisibility);

  return {
    add(records) {
      if (real) return real.add(records);
      if (stopped) return;
      for (const r of records) own.set(r.k, r.v);
      const over = own.size - c.opts.queueCap;
      if (over > 0) {
        c.reporter.error({ code: 'events_dropped', message: `queue full (${c.opts.queueCap}): ${over} oldest events dropped`, count: over });
        for (const k of [...own.keys()].slice(0, over)) own.delete(k);
      }
      // Tracked while hidden (or in a tab opened in the background): noted at once too.
      if (document.hidden) renote(), void start();
    },
    flush: () => (real ? real.flush() : start().then(() => real?.flush())),
    unload() {
      if (real) return real.unload();
      claim();
      // Within the page's keepalive budget (a second exit gets the rest), never into a collector
      // known to be failing.
      if (c.allowed() && !journalFailing(c.dbName) && navigator.onLine !== false) {
        const out = handOut(list(), budget, c.opts.writeKey, (body) => beacon(c.opts.batchUrl, body));
        for (const k of out.keys) own.delete(k);
        budget = out.budget;
      }
      spill();
    },
    restore() {
      if (real) return real.restore();
      budget = KEEPALIVE_BUDGET - 2048;
      claim();
    },
    consent(granted) {
      if (real) return real.consent(granted);
      last = granted;
      if (!granted) {
        denied = true;
        own.clear();
        claim();
        // The queue of earlier pages is cleared by the real pipeline: fetch it now.
        void start();
      }
    },
    destroy() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      if (real) return real.destroy();
      // Kept for a later page of the origin (as the real pipeline keeps them in its queue).
      renote();
      own.clear();
      return Promise.resolve();
    },
  };
};
