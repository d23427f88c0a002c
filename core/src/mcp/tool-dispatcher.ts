import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { BatchRunner } from '../batch/batch-runner.js';
import type { ConnectLinks } from '../broker/connect-links.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { isMcpistError, McpistError } from '../errors/mcpist-error.js';
import type { ModuleCatalog } from '../plugins/module-catalog.js';
import { renderError } from '../runner/output-shaper.js';
import type { CallReporter, ToolOutcome, ToolRunner } from '../runner/tool-runner.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { ClientHints } from './client-hints.js';
import { ConnectRequired } from './connect-required.js';
import { type ListPage, pageOf } from './list-page.js';
import {
  batchArgs,
  callArgs,
  getModuleSchemaArgs,
  META_TOOL_NAMES,
  type MetaToolName,
  metaToolListings,
} from './meta-tools.js';
import { toJsonRpcError } from './to-json-rpc-error.js';

export type ToolMode = 'meta' | 'direct';

/** One MCP connection's (or stateless request's) view of the hub. */
export interface DispatchContext {
  principal: Principal;
  mode: ToolMode;
  requestId: string;
  /** What the client declared at initialize, when known. */
  hints?: ClientHints | undefined;
  /** This server's base URL as the client reached it (for connect links). */
  baseUrl?: string | undefined;
  /** Aborts when the client cancels the call by a message the SDK does not route (2025-era, stateless). */
  cancel?: AbortSignal | undefined;
  /** The calling client's ear for progress and log lines, when it has one. */
  report?: CallReporter | undefined;
}

function parseArgs<T extends z.ZodType>(schema: T, args: unknown, tool: string): z.output<T> {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field =
    issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.map(String).join('.') || '(arguments)';
  throw new McpistError(ErrorCodes.INVALID_PARAMS, `${tool}: argument "${field}": ${issue?.message ?? 'invalid'}`, {
    data: { tool, field },
  });
}

function fromOutcome(outcome: ToolOutcome, structuredErrors: boolean): CallToolResult {
  // Content blocks (images, audio, embedded resources) go out as they are; the text tools' structured echo would repeat their data.
  if (outcome.ok && outcome.content) return { content: outcome.content as CallToolResult['content'] };
  if (outcome.ok) {
    return { content: [{ type: 'text', text: outcome.text }], structuredContent: outcome.value };
  }
  return {
    content: [{ type: 'text', text: outcome.text }],
    isError: true,
    ...(structuredErrors ? { structuredContent: { error: outcome.error.toJSON() } } : {}),
  };
}

/**
 * Answers `tools/list` and `tools/call` for both exposure modes. Everything it
 * lists comes from the principal's cached view, so both modes show exactly the
 * same allowed tools.
 */
export class ToolDispatcher {
  constructor(
    private readonly catalog: ModuleCatalog,
    private readonly sieve: ToolSieve,
    private readonly runner: ToolRunner,
    private readonly batches: BatchRunner,
    private readonly settings: { listPageSize: number },
    private readonly connectLinks?: ConnectLinks,
  ) {}

  /** One page of `tools/list`: in direct mode the allowed tools by cursor; the three meta-tools always fit one. */
  async listTools(context: DispatchContext, cursor?: string): Promise<ListPage<Tool>> {
    const view = await this.sieve.viewFor(context.principal);
    if (context.mode === 'direct') return pageOf(view.directListings as Tool[], cursor, this.settings.listPageSize);
    const listings = metaToolListings(view, (name) => this.catalog.modules.get(name)?.description ?? '') as Tool[];
    return pageOf(listings, cursor, listings.length);
  }

  /** Runs a tool call; protocol misuse is thrown as a JSON-RPC error, tool failures come back as `isError` results. */
  async callTool(context: DispatchContext, name: string, args: unknown, signal: AbortSignal): Promise<CallToolResult> {
    try {
      if (context.mode === 'direct') {
        const view = await this.sieve.viewFor(context.principal);
        const tool = view.resolveQualified(name, (m, t, reason) =>
          this.sieve.reportDenied(context.principal, m, t, reason),
        );
        const params = args ?? {};
        const call = await this.runner.prepare(context.principal, tool.module.name, tool.definition.name, params);
        return fromOutcome(
          await this.offerConnect(context, await this.runner.execute(call, { ...context, signal })),
          false,
        );
      }
      if (!(META_TOOL_NAMES as readonly string[]).includes(name)) {
        throw new McpistError(ErrorCodes.INVALID_TOOL, `unknown tool "${name}"; use ${META_TOOL_NAMES.join(', ')}`, {
          data: { tool: name },
        });
      }
      return await this.callMetaTool(context, name as MetaToolName, args, signal);
    } catch (error) {
      if (isMcpistError(error)) throw toJsonRpcError(error);
      throw error;
    }
  }

  /**
   * A call failed because its service is not connected: when the service can
   * be connected by OAuth, a client that declared URL elicitation is asked to
   * open the connect page (and retries once the user is done); any other
   * client gets the link in the tool result.
   */
  private async offerConnect(context: DispatchContext, outcome: ToolOutcome): Promise<ToolOutcome> {
    if (outcome.ok || !this.connectLinks || !context.baseUrl) return outcome;
    const data = outcome.error.data as { service?: string; reason?: string } | undefined;
    if (outcome.error.code !== ErrorCodes.UNAUTHORIZED || data?.reason !== 'not_connected' || !data.service) {
      return outcome;
    }
    const url = await this.connectLinks.connectUrl(context.principal, data.service, context.baseUrl);
    if (!url) return outcome;
    const message = `Connect ${data.service} to MCPist to continue: open the link, sign in to ${data.service} and allow access, then try again.`;
    if (context.hints?.urlElicitation) {
      throw new ConnectRequired(url, message);
    }
    const error = new McpistError(
      ErrorCodes.UNAUTHORIZED,
      `${data.service} is not connected for ${context.principal.email}: open ${url} to connect it (the link works for 10 minutes), then call again.`,
      { data: { ...data, connect_url: url } },
    );
    return { ok: false, error, text: renderError(error, outcome.text.trimStart().startsWith('{') ? 'json' : 'toon') };
  }

  private async callMetaTool(
    context: DispatchContext,
    name: MetaToolName,
    args: unknown,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    switch (name) {
      case 'get_module_schema': {
        const { modules, tools, index } = parseArgs(getModuleSchemaArgs, args, name);
        const view = await this.sieve.viewFor(context.principal);
        const schema = index && !tools ? { ...view.index(modules), unknownTools: [] } : view.schema(modules, tools);
        if (schema.modules.length === 0) {
          throw new McpistError(
            ErrorCodes.INVALID_MODULE,
            `unknown module${schema.unknown.length > 1 ? 's' : ''} ${schema.unknown.map((m) => `"${m}"`).join(', ')}; available modules: ${view.moduleNames.join(', ') || 'none'}`,
            { data: { modules: schema.unknown } },
          );
        }
        const value = {
          modules: schema.modules,
          ...(schema.unknown.length ? { unknown_modules: schema.unknown } : {}),
          ...(schema.unknownTools.length ? { unknown_tools: schema.unknownTools } : {}),
        };
        return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
      }
      case 'call': {
        const { module, tool, params } = parseArgs(callArgs, args, name);
        const call = await this.runner.prepare(context.principal, module, tool, params ?? {});
        return fromOutcome(
          await this.offerConnect(context, await this.runner.execute(call, { ...context, signal })),
          true,
        );
      }
      case 'batch': {
        const { commands, format } = parseArgs(batchArgs, args, name);
        const result = await this.batches.run(context.principal, commands, {
          requestId: context.requestId,
          signal,
          report: context.report,
          ...(format ? { format } : {}),
        });
        return { content: [{ type: 'text', text: result.text }], structuredContent: result.value };
      }
    }
  }
}
