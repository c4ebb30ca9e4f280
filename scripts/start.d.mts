// Types of the demo server (start.mjs), for the tests that start it.
import type { Server } from 'node:http';

/** Device id of the demo's kiosk page (the seed's exit terminal of store hcm-q1). */
export declare const DEMO_KIOSK_DEVICE: string;

/** A running demo server. */
export interface RunningDemo {
  /** URL on this machine. */
  url: string;
  /** URLs on the LAN when bound to every interface (`host: '0.0.0.0'`), else empty. */
  lanUrls: string[];
  server: Server;
  collector: unknown;
  /** The report's credential (`?token=`), as the collector has it. */
  reportToken: string;
  close(): Promise<void>;
}

/** Start the demo server (see start.mjs). */
export declare const startDemo: (options?: {
  port?: number;
  host?: string;
  dbPath?: string;
  seed?: boolean;
  abandonMinutes?: number;
  rateLimit?: false | object;
  log?: (line: string) => void;
}) => Promise<RunningDemo>;
