import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { problem } from './problem';

/** Where the report token comes from, in order: the option, `TOUCHPOINT_REPORT_TOKEN`, the saved file, a new one. */
export interface TokenSource {
  option?: string | undefined;
  env?: string | undefined;
  /** File that keeps a generated token across restarts (next to the database); none for custom stores. */
  file?: string | undefined;
  /** Told once, when a token is generated. */
  log: (line: string) => void;
}

/**
 * The report credential. A generated token (32 random bytes, base64url) is saved with mode 0600
 * next to the database so restarts keep it, and printed once, when it is made.
 */
export const resolveReportToken = ({ option, env, file, log }: TokenSource): string => {
  const given = option?.trim() || env?.trim();
  if (given) return given;
  if (file && existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved) return saved;
  }
  const token = randomBytes(32).toString('base64url');
  if (file) {
    try {
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
    } catch {
      // an unwritable folder: the token lives for this process only
      file = undefined;
    }
  }
  log(`touchpoint: report token generated${file ? ` (saved in ${file})` : ''}: ${token}  — open /report?token=${token}`);
  return token;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The credential a report request carries: `Authorization: Bearer <token>`, else `?token=`. */
export const tokenOf = (request: Request): string | null => {
  const auth = request.headers.get('authorization');
  const bearer = auth && /^bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  return bearer || new URL(request.url).searchParams.get('token');
};

/** Hosts the report answers on by default: loopback names. `listen()` adds the address it binds. */
export const DEFAULT_REPORT_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a `Host` value, lower case, without the port. */
const hostName = (host: string) => host.toLowerCase().replace(/:\d+$/, '');

/**
 * Check a report request: the `Host` must be allowed (a page on another site that points its own
 * domain at 127.0.0.1 — DNS rebinding — gets 403), and the token must match (401). Null when the
 * request may read the report.
 */
export const checkReportAccess = (request: Request, token: string, hosts: readonly string[]): Response | null => {
  const host = request.headers.get('host') ?? new URL(request.url).host;
  if (!hosts.includes('*') && !hosts.map((h) => h.toLowerCase()).includes(hostName(host))) {
    return problem(403, 'host_not_allowed', `the report is not served for host ${host.slice(0, 100)}; add it to reportHosts`);
  }
  const given = tokenOf(request);
  const challenge = { 'www-authenticate': 'Bearer realm="touchpoint report"' };
  if (!given) return problem(401, 'report_token_required', 'the report needs its token: ?token=… or Authorization: Bearer …', challenge);
  // Digests have equal length, so the comparison takes the same time whatever was sent.
  if (!timingSafeEqual(digest(given), digest(token))) return problem(401, 'invalid_report_token', 'the report token is not valid', challenge);
  return null;
};
