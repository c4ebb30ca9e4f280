/** Hand a body to the browser at page exit (`sendBeacon`, else a keepalive fetch); true when accepted. */
export const beacon = (url: string, body: string): boolean => {
  try {
    if (navigator.sendBeacon) return navigator.sendBeacon(url, body);
    void fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => {});
    return true;
  } catch {
    return false;
  }
};
