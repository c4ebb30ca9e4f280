/**
 * The delivery engine as the script tag's lazy chunk `dist/touchpoint.send.js` (global
 * `touchpointSend`), loaded by senderLazy.ts, with the unload journal's recovery. The script
 * tag itself only writes and beacons: the engine brings `fetch` with keepalive, `fetchLater` and
 * the read side of the IndexedDB store.
 */
import { createSender as engine, type Sender, type SenderConfig } from './createSender';
import type { IdbWriter } from './idbWriter';
import { withReads } from './storage';
import { browserTransport } from './transport';

export { recoverJournal } from './journalRecover';

export const createSender = (c: SenderConfig): Sender =>
  engine({
    ...c,
    transport: 'send' in c.transport ? c.transport : browserTransport(),
    // The page's IndexedDB store came without its read side: complete it (once, in place).
    store: () => {
      const s = c.store();
      return 'head' in s ? s : withReads(s as unknown as IdbWriter);
    },
  });
