/**
 * Personal data never leaves the device in URLs: e-mail addresses and phone numbers anywhere in
 * a URL (path, query, hash; plain or percent-encoded) become `[redacted]`, and configured query
 * parameters (tokens, `email`, …) are removed with their value, in the query and in the hash.
 */

/** Query parameters removed by default (matched case-insensitively). */
export const SCRUB_PARAMS: string[] = 'token access_token id_token refresh_token auth code key api_key secret password pass pwd email mail phone tel sid session'.split(' ');

const EMAIL = /[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+/g;
// A phone number starts with `+` (or `%2B`) or a trunk `0` and has 9–15 digits, with optional
// separators; product ids rarely start with 0 and are kept.
const PHONE = /(?:\+|%2B|\b0)(?:\d(?:[ .-]|%20)?){8,14}\d/gi;

/** A URL filter removing e-mails, phone numbers and the given query parameters. Never throws. */
export const createUrlFilter = (params: readonly string[] = SCRUB_PARAMS): ((url: string) => string) => {
  const re = new RegExp(`([?&#])(?:${params.map((p) => p.replace(/\W/g, '\\$&')).join('|')})=[^&#]*`, 'gi');
  return (url) => {
    try {
      return url
        .replace(re, '$1')
        .replace(/([?&#])&+/g, '$1')
        .replace(/[?&]+(#|$)/, '$1')
        .replace(EMAIL, '[redacted]')
        .replace(PHONE, '[redacted]');
    } catch {
      return url;
    }
  };
};

/** Scrub one URL with the default parameter list. */
export const scrubUrl = (url: string): string => createUrlFilter()(url);
