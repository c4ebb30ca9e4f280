// The test run needs two programs from Debian: Chromium for the browser tier (never a downloaded
// browser) and clickhouse-server for the scale-out tier. On a fresh machine, install what is
// missing with apt-get when we are root; otherwise say exactly what to do.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findClickHouseServer, INSTALL_HINT } from './clickhouse-local.mjs';

const root = typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
const missing = [];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (!root) {
    console.error(`Chromium not found at ${chromium}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  missing.push('chromium', 'fonts-noto-color-emoji');
}
if (!process.env.CLICKHOUSE_URL && !findClickHouseServer()) {
  if (!root) {
    console.error(`clickhouse-server not found. ${INSTALL_HINT}`);
    process.exit(1);
  }
  missing.push('clickhouse-server');
}
if (missing.length) {
  console.log(`Installing Debian ${missing.join(', ')} for the tests …`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
}
