// happy-dom has no IndexedDB; fake-indexeddb gives the unit tier a spec-complete one.
import 'fake-indexeddb/auto';
// happy-dom reports navigator.webdriver = true; the tracker records nothing in automated
// browsers (contract 5), so the unit tier plays an ordinary shopper's browser, as the Chromium
// tier does (test/support/browser.ts). Bot tests set it back themselves.
Object.defineProperty(Object.getPrototypeOf(navigator), 'webdriver', { get: () => false, configurable: true });
