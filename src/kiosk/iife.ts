/**
 * Script-tag chunk `dist/touchpoint.kiosk.js` (global `touchpointKiosk`): starts a kiosk from its
 * own tag's `data-*` attributes and the page's URL parameters as soon as the page is parsed.
 *
 *   <script src="touchpoint.kiosk.js" data-endpoint="https://collect.example.vn"
 *           data-store-id="hcm-1" data-device-id="exit-2" data-lang="vi"></script>
 *
 * `data-auto-start="false"` leaves it to the page: `touchpointKiosk.startKiosk({ … })`.
 */
import { readKioskConfig } from './readKioskConfig';
import { startKiosk } from './startKiosk';
import type { KioskHandle, KioskOptions } from './types';

let running: KioskHandle | undefined;
const tag = document.currentScript as HTMLScriptElement | null;

/** The kiosk the script tag started, if any. */
export const current = (): KioskHandle | undefined => running;

if (tag?.dataset.autoStart != 'false') {
  const go = () => {
    try {
      running = startKiosk(readKioskConfig(tag?.dataset, location.search) as KioskOptions);
    } catch (e) {
      console.error('[touchpoint kiosk]', e);
    }
  };
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
  else go();
}

export { startKiosk, readKioskConfig };
