import type { Credential } from './auth.js';

/** A structured logger the core hands to handlers. Never log secrets. */
export interface ToolLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What a handler receives besides its input. Give `fetch` and `signal` to the
 * official SDK you wrap: the core rate limits, retries, traces and times out
 * every request made through them.
 */
export interface ToolContext {
  /** The caller's credential for this plugin's service; undefined for plugins without auth. */
  readonly credential: Credential | undefined;
  /** Upstream API base URL: the plugin's default or the operator's override. */
  readonly baseUrl: string;
  /** Aborts when the call's deadline passes or the client cancels. */
  readonly signal: AbortSignal;
  /** The core's fetch: rate limited and observed. Pass it to the upstream SDK. */
  readonly fetch: typeof globalThis.fetch;
  /**
   * Logs for the operator, in MCPist's log. A client that asked for log
   * messages (`logging/setLevel`, MCP 2025-era) receives them too, so never
   * log secrets.
   */
  readonly logger: ToolLogger;
  /**
   * Reports how far a long call got: `done` of `total` units (pages fetched,
   * items written); omit `total` when it is not known. Sent to the client as
   * progress when it asked for progress, otherwise ignored; cheap to call.
   * `done` should only grow.
   */
  progress(done: number, total?: number): void;
  readonly limits: {
    /** Follow pagination up to this many records (default 500). */
    readonly maxRecords: number;
  };
}
