/**
 * `POST /v1/webhooks/<platform>`: an order webhook from Shopify, WooCommerce, Haravan or Sapo, verified
 * (HMAC-SHA256 of the raw body, base64, compared in constant time) before anything is parsed.
 * A bad or missing signature answers 401 and stores nothing; a verified order is stored as
 * `Order Completed` with `source: 'server'` (see `orderEvent.ts`), deduped by its order id, and
 * forwarded like browser events. Other verified topics are acknowledged (200) and ignored, so the
 * platform does not retry them.
 */
import type { Forwarder } from '../forwarder';
import { ingest } from '../ingest';
import { json, problem } from '../problem';
import type { EventStore } from '../store';
import { orderEvent, type ServerOrder, type WebhookPlatform } from './orderEvent';
import { readRawBody } from './readRawBody';
import { shopifyOrder } from './shopifyOrder';
import { verifyHmac } from './verifyHmac';
import { wooOrder } from './wooOrder';

/** The shared secret of each platform whose webhooks are accepted (Shopify: the app's client secret or the store's webhook key). */
export type WebhookSecrets = Partial<Record<WebhookPlatform, string>>;

interface PlatformRules {
  /** Signature headers, first found wins. */
  signature: string[];
  topic: string;
  /** The topic recorded as an order. */
  orderTopic: string;
  read: (body: unknown) => ServerOrder | undefined;
}

const PLATFORMS: Record<WebhookPlatform, PlatformRules> = {
  shopify: { signature: ['x-shopify-hmac-sha256'], topic: 'x-shopify-topic', orderTopic: 'orders/create', read: shopifyOrder },
  woocommerce: { signature: ['x-wc-webhook-signature'], topic: 'x-wc-webhook-topic', orderTopic: 'order.created', read: wooOrder },
  // Haravan's header is spelled `X-Haravan-Hmacsha256` by its integrations; the hyphenated
  // spelling is accepted too (see docs/platforms/webhooks.md).
  haravan: { signature: ['x-haravan-hmacsha256', 'x-haravan-hmac-sha256'], topic: 'x-haravan-topic', orderTopic: 'orders/create', read: shopifyOrder },
  // Sapo's Admin API follows Shopify's too (order resource, `X-Sapo-Hmac-Sha256`, `X-Sapo-Topic`).
  sapo: { signature: ['x-sapo-hmac-sha256'], topic: 'x-sapo-topic', orderTopic: 'orders/create', read: shopifyOrder },
};

/** What the webhook route needs from the collector. */
export interface WebhookDeps {
  secrets: WebhookSecrets;
  store: EventStore;
  forwarder?: Forwarder;
  maxBodyBytes: number;
  now: () => number;
  tell: (error: unknown) => void;
}

/** Answer one webhook request for `platform` (the path segment). Never throws. */
export const handleWebhook = async (request: Request, platform: string, deps: WebhookDeps): Promise<Response> => {
  const rules = PLATFORMS[platform as WebhookPlatform];
  const secret = rules && deps.secrets[platform as WebhookPlatform];
  if (!rules || !secret) return problem(404, 'not_found', `no webhook is configured for "${platform.slice(0, 50)}"`);
  const body = await readRawBody(request, deps.maxBodyBytes).catch(() => null);
  if (!body) return problem(413, 'payload_too_large', `webhook body exceeds ${deps.maxBodyBytes} bytes or could not be read`);
  const signature = rules.signature.map((h) => request.headers.get(h)).find((v) => v);
  if (!signature) return problem(401, 'missing_signature', `the ${rules.signature[0]} header is required`);
  if (!verifyHmac(body, secret, signature)) return problem(401, 'invalid_signature', `${rules.signature[0]} does not match the body`);

  const topic = request.headers.get(rules.topic);
  if (topic && topic !== rules.orderTopic) return json(200, { ok: true, ignored: `topic ${topic.slice(0, 100)}` });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    // WooCommerce pings a new webhook with a form body (`webhook_id=12`): acknowledged.
    return json(200, { ok: true, ignored: 'not an order' });
  }
  const order = rules.read(parsed);
  if (!order) return problem(400, 'invalid_body', 'the webhook body has no order id');
  const receivedAt = deps.now();
  try {
    const result = await ingest([orderEvent(platform as WebhookPlatform, order, receivedAt)], deps.store, { receivedAt });
    if (result.rejected.length) return problem(400, 'invalid_event', result.rejected[0]!.reason);
    if (deps.forwarder && result.stored.length) deps.forwarder.enqueue(result.stored);
    return json(200, { ok: true, accepted: result.accepted, duplicates: result.duplicates });
  } catch (error) {
    deps.tell(error);
    return problem(503, 'store_unavailable', 'the order could not be stored; retry later', { 'retry-after': '5' });
  }
};
