/**
 * Ask the browser to keep this origin's storage (`navigator.storage.persist()`): a kiosk holds
 * days of ratings offline, and browsers evict site data under pressure (Safari after 7 days
 * without interaction). Resolves with the browser's answer, undefined where the API is missing
 * or fails; the heartbeat reports it (`storage_persisted`).
 */
export const persistStorage = async (): Promise<boolean | undefined> => {
  try {
    return await navigator.storage?.persist?.();
  } catch {
    return undefined;
  }
};

/** Quota and usage of this origin's storage in bytes (`storage_quota`, `storage_usage`), `{}` where unknown. */
export const storageEstimate = async (): Promise<{ storage_quota?: number; storage_usage?: number }> => {
  try {
    const e = await navigator.storage?.estimate?.();
    return e ? { storage_quota: e.quota, storage_usage: e.usage } : {};
  } catch {
    return {};
  }
};
