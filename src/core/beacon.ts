/**
 * Hand a body to the browser at page exit; true when it took it. A keepalive `fetch` with
 * `credentials: 'omit'` — not `navigator.sendBeacon`, whose credentials mode is always "include":
 * a collector on the shop's own site (`collect.shop.vn`) would receive the shop's cookies. The
 * keepalive budget is the caller's to respect (see exitHandover's `EXIT_BUDGET`): the browser
 * rejects an over-budget keepalive fetch only asynchronously.
 */
export const beacon = (url: string, body: string): boolean => {
  try {
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit', mode: 'cors' }).catch(() => {});
    return true;
  } catch {
    return false;
  }
};
