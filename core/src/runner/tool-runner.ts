import {
  type ContentBlock,
  describeBlock,
  invokeTool,
  isContentResult,
  isPluginError,
  type ToolContext,
} from '@mcpist/plugin-sdk';
import { type Tracer, trace } from '@opentelemetry/api';
import type { Logger } from 'winston';
import type { Principal } from '../auth/principal.js';
import type { CredentialSource, ResolvedCredential } from '../broker/credential-source.js';
import { classifyError } from '../errors/classify-error.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { CallLog } from '../observability/call-log.js';
import type { Metrics } from '../observability/metrics.js';
import { recordError, traceFetch, withSpan } from '../observability/tracing.js';
import type { UpstreamCall, UpstreamFetcher } from '../outbound/upstream-fetch.js';
import type { CatalogTool } from '../plugins/module-catalog.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { ToolView } from '../sieve/tool-view.js';
import { startCallDeadline } from './call-deadline.js';
import { renderError, renderOutput, shapeOutput } from './output-shaper.js';
import type { LimiterPool } from './rate-limiter.js';
import { withRetry } from './retry-policy.js';

/** The upstream refused the credential itself (HTTP 401), as a plugin reports it. */
function isAuthRejection(error: unknown): boolean {
  return isPluginError(error) && (error.kind === 'auth_invalid' || error.kind === 'auth_expired');
}

import { storeTokenActions } from '../errors/credential-actions.js';
import { type ValidatedCall, validateParams } from './validate-params.js';

/** What the log line of a failed call says about the failure: code, message, and an unreachable upstream's host. */
function failureFields(error: McpistError): Record<string, unknown> {
  const data = error.data ?? {};
  return {
    error_code: error.code,
    error_message: error.message,
    ...(data.reason === 'upstream_unreachable' ? { upstream_host: data.host, network_code: data.network_code } : {}),
  };
}

/**
 * What the runner runs: a catalogued tool, or a resource read or completion
 * the catalog of resources builds in the same shape (module, handler, deadline).
 */
export type RunnableTool = Pick<CatalogTool, 'module' | 'definition' | 'timeoutMs'>;

/** A call ready to run: its target and its validated input. */
export interface RunnableCall extends Omit<ValidatedCall, 'tool'> {
  tool: RunnableTool;
}

/** The result of running one tool: never an exception. `content` holds the blocks of a `contentResult`. */
export type ToolOutcome =
  | { ok: true; value: Record<string, unknown>; text: string; content?: readonly ContentBlock[] }
  | { ok: false; error: McpistError; text: string };

export interface ExecuteOptions {
  principal: Principal;
  requestId: string;
  /** Cancellation from the client; the runner adds the tool's deadline. */
  signal?: AbortSignal;
  /** Where the handler's progress and log lines go besides MCPist's log: the client that made the call. */
  report?: CallReporter;
}

/** Sends a running call's progress and log lines to its client; each method may do nothing. */
export interface CallReporter {
  progress(done: number, total?: number): void;
  log(level: 'debug' | 'info' | 'warning' | 'error', message: string, fields?: Record<string, unknown>): void;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The one path every tool call takes (DESIGN §2): sieve → params → broker →
 * rate limiter → retry → deadline → handler → output shaping → log + metrics.
 * `prepare` raises protocol errors (unknown tool, bad params); `execute`
 * turns every failure into an outcome with an MCPist error code.
 */
export class ToolRunner {
  constructor(
    private readonly sieve: ToolSieve,
    private readonly credentials: CredentialSource,
    private readonly limiters: LimiterPool,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly settings: { maxRecords: number },
    /** Every handler's requests go through the outbound-request policy (DESIGN §11) and have their bodies read whole. */
    private readonly upstream: UpstreamFetcher,
    private readonly tracer: Tracer = trace.getTracer('mcpist'),
    /** Finished calls for the audit log (a user's "recent calls"), written in batches off the path. */
    private readonly calls?: Pick<CallLog, 'note'>,
  ) {}

  /** The tool named `module:tool` if the principal may run it; else INVALID_MODULE/INVALID_TOOL. */
  resolve(principal: Principal, view: ToolView, module: string, tool: string): CatalogTool {
    return view.resolve(module, tool, (m, t, reason) => this.sieve.reportDenied(principal, m, t, reason));
  }

  /** Resolves and validates a call; throws McpistError for protocol misuse. */
  async prepare(principal: Principal, module: string, tool: string, params: unknown): Promise<ValidatedCall> {
    const attributes = { 'mcpist.module': module, 'mcpist.tool': tool, 'mcpist.user_id': principal.userId };
    const found = await withSpan(this.tracer, 'sieve', attributes, async () =>
      this.resolve(principal, await this.sieve.viewFor(principal), module, tool),
    );
    return validateParams(found, params);
  }

  /** Runs a prepared call in a span `tool <module>.<tool>`; a failed outcome marks the span with its code. */
  execute(call: RunnableCall, options: ExecuteOptions): Promise<ToolOutcome> {
    const attributes = {
      'mcpist.module': call.tool.module.name,
      'mcpist.tool': call.tool.definition.name,
      'mcpist.user_id': options.principal.userId,
    };
    const name = `tool ${attributes['mcpist.module']}.${attributes['mcpist.tool']}`;
    return withSpan(this.tracer, name, attributes, async (span) => {
      const outcome = await this.runCall(call, options);
      if (!outcome.ok) recordError(span, outcome.error, { exception: false });
      return outcome;
    });
  }

  private async runCall(call: RunnableCall, options: ExecuteOptions): Promise<ToolOutcome> {
    const { tool, input, format } = call;
    const module = tool.module;
    const service = module.service ?? module.name;
    const labels = { module: module.name, tool: tool.definition.name };
    const started = performance.now();
    const callDeadline = startCallDeadline(tool.timeoutMs, options.signal);
    const { signal } = callDeadline;
    let resolved: ResolvedCredential | undefined;
    let outcome: ToolOutcome;
    try {
      resolved = await this.credentialFor(options.principal, tool);
      const deadline = Date.now() + tool.timeoutMs;
      const attempt = (credential: ResolvedCredential | undefined) =>
        withRetry(
          async () => {
            // What the core saw on the wire outranks what the SDK made of it (an empty list from a cut-off body);
            // invokeTool maps any other failure through the plugin's mapError, inside the retry loop.
            const upstream = this.upstream.forCall();
            try {
              const value = await abortable(
                invokeTool(
                  module.definition,
                  tool.definition,
                  input,
                  this.context(call, credential, signal, options, upstream),
                ),
                signal,
              );
              const failure = upstream.failure();
              if (failure) throw failure;
              return value;
            } catch (error) {
              throw upstream.failure() ?? error;
            }
          },
          {
            readOnly: tool.definition.readOnly,
            signal,
            deadline,
          },
        );
      let raw: unknown;
      try {
        raw = await attempt(resolved);
      } catch (rejection) {
        // An OAuth access token the upstream refused: refresh (once, shared with concurrent calls) and try again.
        const refreshed =
          resolved && isAuthRejection(rejection)
            ? await this.credentials.refreshAfterRejection?.(options.principal, resolved)
            : undefined;
        if (!refreshed) throw rejection;
        resolved = refreshed;
        raw = await attempt(resolved);
      }
      const value = shapeOutput(tool.definition, raw);
      outcome = isContentResult(raw)
        ? { ok: true, value, text: raw.content.map(describeBlock).join('\n'), content: raw.content }
        : { ok: true, value, text: renderOutput(value, format, tool.definition.returns === 'text') };
    } catch (caught) {
      const error = callDeadline.expired
        ? new McpistError(
            ErrorCodes.TIMEOUT,
            `${service} did not answer within ${tool.timeoutMs} ms; the call was aborted.`,
            {
              data: { service, timeout_ms: tool.timeoutMs },
            },
          )
        : classifyError(caught, { ...labels, service });
      if (options.signal?.aborted && !callDeadline.expired) {
        // The client cancelled (or went away): nobody reads this outcome, and nothing failed.
        this.logger.info('tool call cancelled by the client', { ...labels, request_id: options.requestId });
      } else if (error.code === ErrorCodes.INTERNAL_ERROR) {
        this.logger.error('tool handler failed', { ...labels, request_id: options.requestId, error: caught });
      }
      outcome = { ok: false, error, text: renderError(error, format) };
    } finally {
      callDeadline.dispose();
    }
    this.observe(outcome, labels, options, resolved, performance.now() - started);
    return outcome;
  }

  /** What a handler receives: the credential, base URL, deadline signal, a fetch the limiter counts, a logger. */
  private context(
    call: RunnableCall,
    resolved: ResolvedCredential | undefined,
    signal: AbortSignal,
    options: ExecuteOptions,
    upstream: UpstreamCall,
  ): ToolContext {
    const module = call.tool.module;
    const service = module.service ?? module.name;
    const labels = { module: module.name, tool: call.tool.definition.name };
    return {
      credential: resolved?.credential,
      baseUrl: module.baseUrl,
      signal,
      // Outside the limiter, so the span starts in this call's context and includes any wait for a slot.
      fetch: traceFetch(
        this.tracer,
        this.limiters.wrapFetch(
          `${service}:${resolved?.accountId ?? 'anonymous'}`,
          module.rateLimits,
          signal,
          upstream.fetch,
        ),
        { 'mcpist.module': labels.module, 'mcpist.tool': labels.tool },
        { secrets: resolved ? [resolved.credential.token] : [] },
      ),
      logger: this.handlerLogger(labels, options.requestId, upstream, options.report),
      progress: (done, total) => options.report?.progress(done, total),
      limits: { maxRecords: this.settings.maxRecords },
    };
  }

  /** `prepare` then `execute`, for callers that handle protocol errors themselves. */
  async run(
    principal: Principal,
    module: string,
    tool: string,
    params: unknown,
    options: Omit<ExecuteOptions, 'principal'>,
  ) {
    return this.execute(await this.prepare(principal, module, tool, params), { ...options, principal });
  }

  private async credentialFor(principal: Principal, tool: RunnableTool): Promise<ResolvedCredential | undefined> {
    const service = tool.module.service;
    if (!service) return undefined;
    const attributes = { 'mcpist.service': service, 'mcpist.user_id': principal.userId };
    const resolved = await withSpan(this.tracer, 'broker', attributes, async (span) => {
      const found = await this.credentials.credentialFor(principal, service);
      span.setAttribute('mcpist.credential_found', found !== undefined);
      if (found) span.setAttribute('mcpist.account_id', found.accountId);
      return found;
    });
    if (resolved) return resolved;
    throw new McpistError(
      ErrorCodes.UNAUTHORIZED,
      `${service} is not connected for ${principal.email}: to connect it, ${storeTokenActions(service, principal.email)}.`,
      { data: { service, reason: 'not_connected' } },
    );
  }

  /**
   * The handler's logger: to the server's log (a line is built only when it
   * passes the level: SDK clients log every request at debug) and, from info
   * up, to a client that asked for log notifications. Once the core saw this
   * attempt fail on the wire (an upstream it could not reach, a cut-off body),
   * it reports that failure in the call's outcome; an SDK's error line about
   * the same request (Octokit's "GET /user - 500 with id UNKNOWN") is an echo
   * of it, logged at debug.
   */
  private handlerLogger(
    labels: { module: string; tool: string },
    requestId: string,
    upstream: UpstreamCall,
    report: CallReporter | undefined,
  ): ToolContext['logger'] {
    let child: Logger | undefined;
    const write = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
      if (!this.logger.isLevelEnabled(level)) return;
      child ??= this.logger.child({ ...labels, request_id: requestId });
      child[level](message, fields);
    };
    return {
      debug: (message, fields) => {
        write('debug', message, fields);
        report?.log('debug', message, fields);
      },
      info: (message, fields) => {
        write('info', message, fields);
        report?.log('info', message, fields);
      },
      warn: (message, fields) => {
        write('warn', message, fields);
        report?.log('warning', message, fields);
      },
      error: (message, fields) => {
        if (upstream.failure()) {
          write('debug', message, fields);
          return;
        }
        write('error', message, fields);
        report?.log('error', message, fields);
      },
    };
  }

  private observe(
    outcome: ToolOutcome,
    labels: { module: string; tool: string },
    options: ExecuteOptions,
    resolved: ResolvedCredential | undefined,
    durationMs: number,
  ): void {
    this.metrics.toolCallsTotal.inc(labels);
    this.metrics.toolDuration.observe(labels, durationMs);
    if (!(options.signal?.aborted && !outcome.ok)) {
      this.calls?.note({
        userId: options.principal.userId,
        ...labels,
        requestId: options.requestId,
        ok: outcome.ok,
        errorCode: outcome.ok ? undefined : outcome.error.code,
        durationMs,
      });
    }
    if (!outcome.ok) this.metrics.toolErrorsTotal.inc({ ...labels, code: String(outcome.error.code) });
    const level = outcome.ok ? 'info' : 'warn';
    if (!this.logger.isLevelEnabled(level)) return;
    this.logger.log(level, outcome.ok ? 'tool call succeeded' : 'tool call failed', {
      ...labels,
      request_id: options.requestId,
      user_id: options.principal.userId,
      account_id: resolved?.accountId,
      duration_ms: Math.round(durationMs),
      success: outcome.ok,
      ...(outcome.ok ? {} : failureFields(outcome.error)),
    });
  }
}
