import type { StoredEvent } from '../store';

/** A stored event with its properties parsed, as the report reads it. */
export interface ReportRow extends StoredEvent {
  /** `properties` of the event (empty object when none). */
  props: Record<string, unknown>;
  /** Grouping key of the visit: `context.session_id`, else the anonymous or user id. */
  session: string;
  /** Grouping key of the shopper across visits: anonymous id, else user id, else session. */
  person: string;
}

/** Parse stored rows once for the report; rows whose JSON cannot be read are skipped. */
export const toReportRows = (rows: readonly StoredEvent[]): ReportRow[] => {
  const out: ReportRow[] = [];
  for (const row of rows) {
    let props: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(row.json) as { properties?: unknown };
      if (parsed.properties && typeof parsed.properties === 'object') props = parsed.properties as Record<string, unknown>;
    } catch {
      continue;
    }
    const person = row.anonymousId ?? row.userId ?? row.sessionId ?? row.messageId;
    out.push({ ...row, props, session: row.sessionId ?? `person:${person}`, person });
  }
  return out;
};

/** A finite number from a property, or undefined. */
export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** A non-empty string from a property, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
