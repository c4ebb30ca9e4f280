/** Stable codes of the collector's error answers, so clients and tests can match them. */
export type ProblemCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'unsupported_encoding'
  | 'payload_too_large'
  | 'too_many_events'
  | 'invalid_gzip'
  | 'invalid_utf8'
  | 'malformed_json'
  | 'invalid_body'
  | 'invalid_event'
  | 'missing_write_key'
  | 'invalid_write_key'
  | 'missing_signature'
  | 'invalid_signature'
  | 'store_unavailable'
  | 'cross_site_request'
  | 'unknown_alert'
  | 'report_busy'
  | 'report_token_required'
  | 'invalid_report_token'
  | 'host_not_allowed'
  | 'invalid_host'
  | 'too_busy'
  | 'internal_error';

/** A JSON response with `cache-control: no-store`. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

/** An error answer that names the problem: `{ ok: false, error: { code, message } }`. */
export const problem = (
  status: number,
  code: ProblemCode,
  message: string,
  headers: Record<string, string> = {},
): Response => json(status, { ok: false, error: { code, message } }, headers);
