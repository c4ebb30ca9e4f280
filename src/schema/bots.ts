/**
 * Known automation and crawler user agents, shared by the SDK (records nothing for them unless
 * told to) and the collector (flags them; the report excludes them and shows how many). Headless
 * browsers announce themselves (`HeadlessChrome`), crawlers name themselves (`Googlebot`, `bingbot`
 * …), and HTTP tools send their library name.
 */
const BOT_UA =
  /headless|bot\b|bot\/|crawl|spider|slurp|lighthouse|pagespeed|phantomjs|puppeteer|playwright|selenium|webdriver|python-requests|curl\/|wget\/|axios\/|node-fetch|go-http-client|java\/|okhttp|facebookexternalhit|bingpreview|ahrefs|semrush|yandex(bot|images)|baiduspider|duckduckbot|applebot|petalbot|bytespider|gptbot|ccbot|claudebot|amazonbot/i;

/** True when a user agent string belongs to a known bot, crawler or headless browser. */
export const isBotUserAgent = (userAgent: string | null | undefined): boolean =>
  typeof userAgent === 'string' && BOT_UA.test(userAgent);
