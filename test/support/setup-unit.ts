// happy-dom has no IndexedDB; fake-indexeddb gives the unit tier a spec-complete one.
import 'fake-indexeddb/auto';

// happy-dom says navigator.webdriver is true (it is an automated DOM); the tracker rightly
// records nothing for automated browsers (src/platforms/isAutomatedBrowser.ts). Unit tests play a
// shopper's browser, as the Chromium launcher does; bot tests set webdriver back themselves.
Object.defineProperty(navigator, 'webdriver', { value: false, configurable: true, writable: true });
