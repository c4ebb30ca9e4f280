/**
 * This tablet's id when none is configured: generated once and kept in localStorage, so a
 * kiosk's heartbeats and ratings stay together across reloads and restarts. Configure real ids
 * (`data-device-id`) when the report should name the terminals.
 */
export const deviceId = (storageKey: string): string => {
  const key = `${storageKey}:device`;
  const made = `kiosk-${Math.random().toString(36).slice(2, 10)}`;
  try {
    const had = localStorage.getItem(key);
    if (had) return had;
    localStorage.setItem(key, made);
  } catch {
    // Storage blocked: an id for this page only.
  }
  return made;
};
