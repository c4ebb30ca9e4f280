/**
 * `POST /report/alerts/ack`: staff acknowledge an alert from the report page (a plain form, no
 * script). Guarded against cross-site requests three ways: the form must be URL-encoded, a
 * browser's `Sec-Fetch-Site` (when sent) must be `same-origin` and its `Origin` (when sent) must be
 * this host (`null`, as sent under `no-referrer`, only with `Sec-Fetch-Site: same-origin`), and the form carries a token — an HMAC of the alert id under a secret of this
 * collector — that another site cannot know. The report's own credential applies as for
 * `GET /report`. Answers 303 back to the report.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { problem } from '../problem';
import type { Alerts } from './alerts';

/** Tokens of the acknowledge forms. */
export interface AckTokens {
  token(alertId: string): string;
  valid(alertId: string, token: string): boolean;
}

/** Tokens under a random secret made at start-up (forms of an earlier run stop working: reload). */
export const createAckTokens = (secret: Uint8Array = randomBytes(32)): AckTokens => {
  const token = (id: string) => createHmac('sha256', secret).update(`ack:${id}`).digest('base64url');
  return {
    token,
    valid: (id, given) => {
      const want = Buffer.from(token(id));
      const got = Buffer.from(given);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
};

const sameSite = (request: Request): boolean => {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with a form post; their
  // `Sec-Fetch-Site: same-origin` then vouches for it.
  if (origin === 'null') return site === 'same-origin';
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false;
  }
};

/** Handle an acknowledge form. */
export const handleAck = async (request: Request, alerts: Alerts, tokens: AckTokens, now: number): Promise<Response> => {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get('content-type') ?? '')) {
    return problem(415, 'unsupported_media_type', 'send the acknowledge form as application/x-www-form-urlencoded');
  }
  if (!sameSite(request)) return problem(403, 'cross_site_request', 'alerts are acknowledged from the report page of this collector only');
  const text = (await request.text()).slice(0, 8192);
  const form = new URLSearchParams(text);
  const id = form.get('id') ?? '';
  if (!tokens.valid(id, form.get('csrf') ?? '')) return problem(403, 'cross_site_request', 'the form token does not match: reload the report and try again');
  if (!alerts.acknowledge(id, now)) return problem(404, 'unknown_alert', `no open alert ${id.slice(0, 60)}`);
  // Back to the report with the same filter: only a query string is accepted, never another URL.
  const back = form.get('back') ?? '';
  const query = /^\?[^\r\n#]{0,2000}$/.test(back) ? back : '';
  return new Response(null, { status: 303, headers: { location: `../../report${query}#alerts`, 'cache-control': 'no-store' } });
};
