import { isBotUserAgent } from '../schema/bots';

/**
 * True in a browser driven by automation (`navigator.webdriver`, set by WebDriver, Puppeteer and
 * Playwright unless hidden) or presenting a known crawler / headless user agent. The tracker
 * records nothing there unless its `allowBots` option says so: bots would inflate every figure.
 */
export const isAutomatedBrowser = (): boolean => {
  const nav = globalThis.navigator as (Navigator & { webdriver?: boolean }) | undefined;
  return !!nav && (nav.webdriver === true || isBotUserAgent(nav.userAgent));
};
