/** The report engine's oracle for tests: the in-memory computeReport over every event of the range. */
import type { EventStore } from '../../src/collector';
import { computeReport } from '../../src/collector/report/computeReport';
import { reportParams } from '../../src/collector/report/handleReport';
import { toEventQuery } from '../../src/collector/report/reportFilter';
import type { ComputeOptions } from '../../src/collector/report/reportTypes';

/** The report of `o` computed in memory from every event of the range: the oracle. */
export const oracle = async (s: EventStore, o: ComputeOptions) => {
  const params = reportParams(o.filter, o.now, o.abandonmentWindowMs);
  const events = await s.query(toEventQuery(o.filter));
  const beats = await s.query({ events: ['Kiosk Heartbeat'], fromLocal: params.beatsFrom, ...(o.filter.store ? { storeId: o.filter.store } : {}) });
  return computeReport(events, beats, o);
};

