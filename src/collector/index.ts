/** `touchpoint/collector`: the Node-side reference collector and the emotional journey report. */
export { createCollector } from './createCollector';
export type { Collector, CollectorOptions, ClientInfo } from './createCollector';
export { createServer, listen, toRequest, sendResponse } from './createServer';
export type { ListenOptions, RunningCollector } from './createServer';
export { createSqliteStore } from './sqliteStore';
export type { SqliteStoreOptions } from './sqliteStore';
export type { EventStore, StoredEvent, EventQuery, InsertResult } from './store';
export { createForwarder } from './forwarder';
export type { Forwarder, ForwardOptions, ForwardStats } from './forwarder';
export type { RateLimitOptions } from './rateLimiter';
export type { IngestResult, Rejection } from './ingest';
export type { ProblemCode } from './problem';
export { computeReport } from './report/computeReport';
export type { Report, TouchpointCard, StageColumn, Down, AbandonmentSummary, VitalSummary } from './report/computeReport';
export type { ReportOptions } from './report/handleReport';
export type { ReportFilter, Lang } from './report/reportFilter';
export { deriveAbandonment } from './report/abandonment';
export type { Outcome } from './report/abandonment';
