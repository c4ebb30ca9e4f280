/**
 * The script tag's transport until the delivery engine (`dist/touchpoint.send.js`) arrives:
 * only the page-exit beacon. The engine brings `send` and `fetchLater` (see senderLazy.ts).
 * Swapped in for transport.ts by rollup.config.mjs.
 */
import { beacon } from './beacon';
import type { Transport } from './transport';

export const browserTransport = (): Pick<Transport, "beacon"> => ({ beacon });
