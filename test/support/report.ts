/**
 * URLs of a running collector's report for tests. The report needs a credential (the collector's
 * report token); every test builds its report URLs here, so the credential is added in one place.
 */

/** What a test knows of a running collector (`listen()` or the demo server). */
export interface ReportHost {
  url: string;
  /** The report credential, when the collector has one. */
  reportToken?: string;
}

/** `path` (`/report`, `/report.json`, `/report.csv` …) on `host`, with `params` and the credential. */
export const reportUrl = (host: ReportHost, path = '/report', params: Record<string, string> = {}): string => {
  const url = new URL(path, host.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (host.reportToken) url.searchParams.set('token', host.reportToken);
  return url.href;
};
