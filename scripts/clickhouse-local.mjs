// Starts a throwaway ClickHouse server for the tests and the benchmark: Debian's
// `clickhouse-server` as a plain child process, listening on 127.0.0.1 and free ports, with its own
// config, data, logs and tmp under a fresh temporary directory that `stop()` removes.
//
//   const ch = await startClickHouse();   // ch.url = 'http://127.0.0.1:PORT'
//   …
//   await ch.stop();
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get a server, for the error that says there is none. */
export const INSTALL_HINT =
  'Install it with `sudo apt-get install clickhouse-server` (Debian/Ubuntu; .ci/run does this in CI), ' +
  'set CLICKHOUSE_SERVER to the binary, or set CLICKHOUSE_URL to a running server (http://127.0.0.1:8123).';

/** The server binary: $CLICKHOUSE_SERVER, else `clickhouse-server` on the PATH or in /usr/sbin, /usr/bin. */
export const findClickHouseServer = () => {
  if (process.env.CLICKHOUSE_SERVER) return existsSync(process.env.CLICKHOUSE_SERVER) ? process.env.CLICKHOUSE_SERVER : undefined;
  const onPath = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p));
};

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for the server to take). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

// Only settings that 18.16 and current releases both read. Small caches: it is a test server.
const config = (dir, httpPort, tcpPort, interserverPort) => `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <interserver_http_port>${interserverPort}</interserver_http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
</yandex>
`;

const users = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start a server and wait (polling `/ping`, at most `timeoutMs`) until it answers.
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, dir: string, stop: () => Promise<void> }>}
 */
export const startClickHouse = async ({ timeoutMs = 60_000 } = {}) => {
  const binary = findClickHouseServer();
  if (!binary) throw new Error(`clickhouse-server was not found. ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-clickhouse-'));
  const [httpPort, tcpPort, interserverPort] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(join(dir, 'config.xml'), config(dir, httpPort, tcpPort, interserverPort));
  writeFileSync(join(dir, 'users.xml'), users);
  const child = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  let exited = null;
  const gone = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  child.once('error', (error) => (exited = { error }));
  const url = `http://127.0.0.1:${httpPort}`;

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      // A clean shutdown takes a moment; a server that hangs is killed after 10 s.
      if (!(await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)]))) {
        child.kill('SIGKILL');
        await gone;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/ping`).then((r) => r.ok, () => false);
    if (ok) return { url, dir, stop };
    if (exited || Date.now() > deadline) {
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '';
      await stop();
      throw new Error(`clickhouse-server (${binary}) did not answer /ping${exited ? ` (exited: ${JSON.stringify(exited)})` : ` within ${timeoutMs} ms`}.\n${stderr}\n${log}`);
    }
    await sleep(100);
  }
};
