import type { StoredEvent } from '../store';
import { assembleReport } from './assembleReport';
import { memoryAggregates } from './memoryAggregates';
import type { ComputeOptions, Report } from './reportTypes';

export type { AbandonmentSummary, ComputeOptions, Down, Report, StageColumn, TouchpointCard, VitalSummary } from './reportTypes';

/**
 * Compute the emotional journey report in memory from stored events (already filtered by range,
 * channel and store) and the last week's heartbeats. This is the SQL engine's test oracle, and
 * what a custom store without SQL gets; it holds every event of the range in memory.
 */
export const computeReport = (events: readonly StoredEvent[], heartbeats: readonly StoredEvent[], o: ComputeOptions): Report =>
  assembleReport(memoryAggregates(events, heartbeats, { now: o.now, abandonmentWindowMs: o.abandonmentWindowMs }), o);
