import type { EventStore } from '../store';
import { startAlertRunner } from './alertRunner';
import { createAckTokens } from './handleAck';
import type { ReportOptions, ReportRuntime } from './handleReport';
import { parseOpeningHours, type OpenGrid } from './heatmap';
import { touchpointLabeller, validateTouchpointLabels } from './touchpointLabels';

/**
 * Check the report options once at start-up (a bad option throws a TypeError naming it) and start
 * what runs beside the report: the alert rules on their timer.
 */
export const prepareReport = (
  options: ReportOptions,
  store: EventStore,
  env: { now: () => number; onError: (error: unknown) => void; fetch?: typeof fetch },
): ReportRuntime => {
  const labels = options.touchpointLabels === undefined ? {} : validateTouchpointLabels(options.touchpointLabels);
  const label = touchpointLabeller(labels);
  const openingHours: Record<string, OpenGrid> = {};
  if (options.openingHours !== undefined) {
    if (!options.openingHours || typeof options.openingHours !== 'object') throw new TypeError('report.openingHours must be an object of store id → opening hours');
    for (const [store, hours] of Object.entries(options.openingHours)) openingHours[store] = parseOpeningHours(hours, `report.openingHours.${store}`);
  }
  const alerts =
    options.alerts === false
      ? undefined
      : startAlertRunner(store, options.alerts ?? {}, { now: options.now ?? env.now, abandonmentWindowMs: options.abandonmentWindowMs ?? 30 * 60_000, label, onError: env.onError, ...(env.fetch ? { fetch: env.fetch } : {}) });
  return { label, openingHours, alerts, ackTokens: createAckTokens() };
};
