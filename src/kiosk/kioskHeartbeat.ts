import { storeTime } from './openingHours';
import { storageState } from './persistStorage';
import { readBattery } from './readBattery';
import type { Station } from './station';

/**
 * Whether a heartbeat must wait: inside a respondent's session it would tie device health to a
 * customer, so it is held back (`heartbeatDue`) until they are done.
 */
const heldBack = (st: Station) => {
  const s = st.state;
  if (s.stopped) return true;
  s.heartbeatDue = s.machine.ratedAt !== undefined;
  return s.heartbeatDue;
};

/**
 * Send a `Kiosk Heartbeat`: queue depth, last delivery and dropped events, battery, storage
 * (`storage_persisted`, `storage_quota`, `storage_usage`), app version, network state and the
 * store's time (`local_time`, `time_zone`, `outside_hours`).
 */
export const kioskHeartbeat = async (st: Station): Promise<void> => {
  if (heldBack(st)) return;
  const [health, battery, storage] = await Promise.all([st.kt.health(), readBattery(), storageState()]);
  if (heldBack(st)) return;
  st.send('Kiosk Heartbeat', {
    ...health,
    ...battery,
    ...storage,
    app_version: st.r.appVersion,
    online: navigator.onLine !== false,
    ...storeTime(st.r.hours, st.r.timeZone),
  });
};
