/** How to get a ClickHouse server, for errors that say there is none. */
export declare const INSTALL_HINT: string;
/** The `clickhouse-server` binary, or undefined when none is installed. */
export declare const findClickHouseServer: () => string | undefined;
/** A throwaway ClickHouse server on 127.0.0.1 (free ports, temporary directory). */
export interface LocalClickHouse {
  /** HTTP interface, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Its temporary directory (config, data, logs). */
  dir: string;
  /** Stop the server and remove its directory. */
  stop(): Promise<void>;
}
/** Start a server and wait until `/ping` answers (at most `timeoutMs`, default 60 s). */
export declare const startClickHouse: (options?: { timeoutMs?: number }) => Promise<LocalClickHouse>;
