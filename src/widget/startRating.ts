import { checkFrequency, countImpression, rememberOutcome } from './frequency';
import { mountRating } from './mountRating';
import type { RatingEffect, RatingState } from './ratingMachine';
import { resolveSurvey } from './resolveSurvey';
import { acquireScreen } from './screenLock';
import { defaultStore } from './store';
import { adoptStyles } from './styles';
import { armTrigger, type TriggerContext } from './triggers';
import type { Properties } from '../core/types';
import type { RatingHandle, RatingTracker, ShowRatingOptions } from './types';
import { validateSurvey } from './validateSurvey';

const uuid = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    // No randomUUID outside secure contexts (plain http shops): time + random is unique enough.
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
};

/**
 * Show a survey through a tracker, into a given host element (the custom element passes itself)
 * or a new one. Validates at once (throws on a bad definition); everything after that is caught
 * and reported through the tracker's `onError`.
 */
export const startRating = (tracker: RatingTracker, o: ShowRatingOptions, host?: HTMLElement): RatingHandle => {
  validateSurvey(o);
  const r = resolveSurvey(o);
  const store = o.store ?? defaultStore();
  const floating = (o.presentation ?? (host ? 'inline' : 'floating')) == 'floating';
  const { min, max } = r.scale;
  let settle: (v: boolean) => void = () => {};
  const shown = new Promise<boolean>((ok) => (settle = ok));
  let stopped = false;
  let trying = false;
  let unmount: (() => void) | undefined;
  let release: (() => void) | undefined;
  let disarm = () => {};

  const report = (cause: unknown) => {
    try {
      tracker.options?.onError?.({ code: 'plugin_failed', message: `rating ${r.id}: ${cause}`, cause });
    } catch {}
  };
  const finish = () => {
    if (stopped) return;
    stopped = true;
    disarm();
    settle(false);
    release?.();
    try {
      o.onClose?.();
    } catch (e) {
      report(e);
    }
  };

  const show = async (ctx: TriggerContext) => {
    if (stopped || trying || unmount) return;
    trying = true;
    try {
      if ((o.when && !o.when()) || (!o.force && (await checkFrequency(store, o))) || stopped) return;
      release = await acquireScreen();
      if (!release) return;
      if (stopped) return release();
      disarm();
      const channel = tracker.options?.channel;
      const touchpoint = o.touchpoint ?? tracker.options?.touchpoint ?? location.pathname;
      const journey_stage =
        o.journeyStage ?? (o.trigger?.type == 'orderCompleted' ? 'post_purchase' : tracker.options?.journeyStage);
      const order_id = o.orderId ?? ctx.order_id;
      const base = {
        survey_id: r.id,
        survey_type: r.type,
        scale_min: min,
        scale_max: max,
        touchpoint,
        journey_stage,
        channel,
        product_id: o.productId,
        order_id,
      };
      const send = (event: string, p: Properties) => {
        try {
          tracker.track(event, p, { touchpoint, journey_stage, channel });
        } catch (e) {
          report(e);
        }
      };
      let submission_id: string | undefined;
      const effect = (e: RatingEffect, s: RatingState) => {
        if (e == 'dismiss') {
          send('Feedback Dismissed', { ...base, submission_id });
          if (!submission_id) rememberOutcome(store, r.id, 'dismissed').catch(report);
          return;
        }
        const score = s.score!;
        const first = !submission_id;
        submission_id ??= uuid();
        send('Feedback Submitted', {
          ...base,
          submission_id,
          score,
          label: r.labels[score - min],
          comment: s.comment ?? null,
          reasons: s.reasons ?? [],
          completed: e == 'complete',
        });
        if (first) {
          rememberOutcome(store, r.id, 'answered').catch(report);
          if (o.productId) send('Product Reviewed', { product_id: o.productId, review_id: submission_id, rating: score });
        }
      };
      const el = host ?? (o.container ?? document.body).appendChild(document.createElement('div'));
      const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
      adoptStyles(root, o.nonce);
      const remove = mountRating(root, r, {
        floating,
        thanksMs: o.thanksMs ?? 5000,
        effect,
        closed: () => {
          if (!host) el.remove();
          finish();
        },
      });
      unmount = () => {
        remove();
        if (!host) el.remove();
      };
      settle(true);
      send('Feedback Shown', base);
      countImpression(store, r.id).catch(report);
    } catch (e) {
      report(e);
    } finally {
      trying = false;
      // A manual survey gets one chance; triggered ones keep listening until shown or closed.
      if (!unmount && (!o.trigger || o.trigger.type == 'manual')) finish();
    }
  };

  if (!o.trigger || o.trigger.type == 'manual') void show({});
  else disarm = armTrigger(tracker, o.trigger, (ctx) => void show(ctx));

  return {
    close() {
      if (stopped) return;
      try {
        unmount?.();
      } catch (e) {
        report(e);
      }
      finish();
    },
    shown,
  };
};
