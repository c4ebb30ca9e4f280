/**
 * The delivery engine as the script tag's lazy chunk `dist/touchpoint.send.js` (global
 * `touchpointSend`), loaded by senderLazy.ts, with the unload journal's recovery. The script tag's own transport only beacons: the
 * engine brings `fetch` with keepalive and `fetchLater`.
 */
import { createSender as engine, type Sender, type SenderConfig } from './createSender';
import { browserTransport } from './transport';

export { recoverJournal } from './journalRecover';

export const createSender = (c: SenderConfig): Sender =>
  engine('send' in c.transport ? c : { ...c, transport: browserTransport() });
