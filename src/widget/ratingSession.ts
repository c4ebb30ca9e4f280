import { h } from './h';
import { mountRating } from './mountRating';
import type { RatingEffect, RatingState } from './ratingMachine';
import { resolveSurvey, surveyLang } from './resolveSurvey';
import { loadReasons } from './reasonTables';
import { SCALES } from './scales';
import { acquireScreen } from './screenLock';
import { adoptStyles } from './styles';
import type { TriggerContext } from './triggers';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';
import { loadStrings } from './vi';

/**
 * The frequency rules a web survey follows (startRating.ts); a kiosk has none, so its bundle
 * carries neither the rules nor their IndexedDB store.
 */
export interface RatingRules {
  /** Resolves falsy when the survey may show now (else why not). */
  eligible(): Promise<unknown>;
  /** The survey was shown. */
  shown(): Promise<unknown>;
  /** The survey was answered or dismissed. */
  outcome(outcome: 'answered' | 'dismissed'): Promise<unknown>;
}

/** A survey that shows once `show` is called (a trigger, or at once). */
export interface RatingSession extends RatingHandle {
  /** Try to show it now; the trigger's context is attached to the rating. */
  show(ctx: TriggerContext): Promise<void>;
  /** What stops the survey's trigger: called once it shows or closes. */
  disarm: () => void;
}

/**
 * One survey through a tracker, into a given host element or a new one: the screen lock, the
 * card, and the events of its answers. Validate the survey first (`validateSurvey`); everything
 * here is caught and reported through the tracker's `onError`.
 */
export const ratingSession = (tracker: RatingTracker, o: ShowRatingOptions, host?: HTMLElement, rules?: RatingRules): RatingSession => {
  const manual = !o.trigger || o.trigger.type == 'manual';
  const { min, max } = SCALES[o.scale ?? 'emoji5'];
  const t: Partial<RatingTracker['options']> = tracker.options || {};
  let settle = (_: boolean) => {};
  const shown = new Promise<boolean>((ok) => (settle = ok));
  let state = 0; // 0 waiting, 1 trying, 2 on screen, 3 closed
  let unmount = () => {};
  let release = () => {};

  const report = (cause: unknown) => {
    try {
      t.onError?.({ code: 'plugin_failed', message: `rating ${o.id}: ${cause}`, cause });
    } catch {}
  };
  const close = () => {
    if (state > 2) return;
    state = 3;
    session.disarm();
    settle(false);
    release();
    try {
      unmount();
    } catch (e) {
      report(e);
    }
  };

  const show = async (ctx: TriggerContext) => {
    if (state) return;
    state = 1;
    try {
      if ((o.when && !o.when()) || (rules && (await rules.eligible())) || state > 1) return;
      // The script-tag chunk loads Vietnamese texts on demand; a no-op elsewhere.
      await loadStrings(surveyLang(o));
      // Built-in reasons: a lazy chunk there too; without them the follow-ups still work.
      await Promise.resolve(loadReasons()).catch(report);
      const r = resolveSurvey(o);
      const free = await acquireScreen();
      if (!free) return;
      release = free;
      if (state > 1) return free();
      session.disarm();
      const channel = t.channel;
      const touchpoint = o.touchpoint ?? t.touchpoint ?? location.pathname;
      const journey_stage = o.journeyStage ?? (o.trigger?.type == 'orderCompleted' ? 'post_purchase' : t.journeyStage);
      const base = {
        survey_id: r.id,
        survey_type: r.type,
        scale_min: min,
        scale_max: max,
        touchpoint,
        journey_stage,
        channel,
        product_id: o.productId,
        order_id: o.orderId ?? ctx.order_id,
      };
      const send = (event: string, p: object) => {
        try {
          tracker.track(event, p as Record<string, unknown>, { touchpoint, journey_stage, channel });
        } catch (e) {
          report(e);
        }
      };
      let submission_id: string | undefined;
      const effect = (e: RatingEffect, s: RatingState) => {
        const first = !submission_id;
        if (e > 2) {
          send('Feedback Dismissed', { ...base, submission_id });
          // A dismissal after a tap is still an answer (already remembered as such).
          if (first) rules?.outcome('dismissed').catch(report);
          return;
        }
        const score = s.score!;
        // randomUUID needs a secure context; on plain http, time + random is unique enough here.
        submission_id ??= self.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2) + Date.now();
        send('Feedback Submitted', {
          ...base,
          submission_id,
          score,
          label: r.labels[score - min],
          comment: s.comment ?? null,
          reasons: s.reasons ?? [],
          completed: e == 2,
        });
        if (first) {
          rules?.outcome('answered').catch(report);
          if (o.productId) send('Product Reviewed', { product_id: o.productId, review_id: submission_id, rating: score });
        }
      };
      const el = host ?? (o.container ?? document.body).appendChild(h('div'));
      const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
      adoptStyles(root, o.nonce);
      const remove = mountRating(root, r, {
        floating: o.presentation ? o.presentation == 'floating' : !host,
        thanksMs: o.thanksMs ?? 5000,
        wait: o.beforeThanks,
        effect,
        closed: close,
      });
      unmount = () => {
        remove();
        host || el.remove();
      };
      state = 2;
      settle(true);
      send('Feedback Shown', base);
      rules?.shown().catch(report);
    } catch (e) {
      report(e);
    } finally {
      if (state < 2) state = 0;
      // A manual survey gets one chance; triggered ones keep listening until shown or closed.
      if (!state && manual) close();
    }
  };

  const session: RatingSession = { close, shown, show, disarm: () => {} };
  return session;
};
