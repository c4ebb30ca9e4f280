/**
 * Persistent storage for a kiosk: it holds days of ratings offline, and browsers evict site data
 * under pressure (Safari after 7 days without interaction).
 */

/**
 * Ask the browser to keep this origin's storage (`navigator.storage.persist()`), once at start.
 * Not awaited: Firefox answers only after a person answers its prompt, which on a kiosk may be never.
 */
export const requestPersistence = (): void => {
  try {
    navigator.storage?.persist?.().catch(() => {});
  } catch {}
};

/**
 * What the heartbeat says about storage: whether it is persisted now (`storage_persisted`, which
 * never prompts), quota and usage in bytes; only what the browser tells.
 */
export const storageState = async (): Promise<{ storage_persisted?: boolean; storage_quota?: number; storage_usage?: number }> => {
  try {
    const [persisted, e] = await Promise.all([navigator.storage?.persisted?.(), navigator.storage?.estimate?.()]);
    return { storage_persisted: persisted, storage_quota: e?.quota, storage_usage: e?.usage };
  } catch {
    return {};
  }
};
