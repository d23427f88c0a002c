import type { Principal } from '../auth/principal.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { ToolView } from '../sieve/tool-view.js';
import { MCP_SCOPES } from './scopes.js';

interface NamedTool {
  module?: string;
  tool?: string;
  /** Direct mode's `module_tool`. */
  qualified?: string;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function batchCommands(commands: unknown): NamedTool[] {
  if (typeof commands !== 'string') return [];
  return commands.split('\n').flatMap((line) => {
    try {
      const command = record(JSON.parse(line));
      return command ? [{ module: String(command.module), tool: String(command.tool) }] : [];
    } catch {
      return [];
    }
  });
}

/** The tools a JSON-RPC message (or batch of them) would run: direct-mode names, or meta `call`/`batch` targets. */
export function toolsNamedIn(body: unknown): NamedTool[] {
  if (Array.isArray(body)) return body.flatMap(toolsNamedIn);
  const message = record(body);
  const params = record(message?.params);
  if (message?.method !== 'tools/call' || typeof params?.name !== 'string') return [];
  const args = record(params.arguments) ?? {};
  if (params.name === 'call') return [{ module: String(args.module), tool: String(args.tool) }];
  if (params.name === 'batch') return batchCommands(args.commands);
  return [{ qualified: params.name }];
}

/** True when a tool named in `body` is the user's but not read-only: a read-only grant must step up to run it. */
export function needsFullScope(body: unknown, fullView: ToolView): boolean {
  return toolsNamedIn(body).some((named) => {
    const tool = named.qualified
      ? fullView.findQualified(named.qualified)
      : fullView.find(named.module ?? '', named.tool ?? '');
    return tool !== undefined && !tool.definition.readOnly;
  });
}

/**
 * For a read-only OAuth grant: the scope a request needs beyond the grant
 * (the user's own write tools), so MCPist can answer 403 insufficient_scope
 * and the client can ask the user for more (step-up). Tools the user may not
 * use at all are not named: they answer like unknown tools.
 */
export function scopeChallenge(roleSieve: ToolSieve) {
  return async (principal: Principal, body: unknown): Promise<string | undefined> => {
    if (principal.scope !== 'read') return undefined;
    return needsFullScope(body, await roleSieve.viewFor(principal)) ? MCP_SCOPES.full : undefined;
  };
}
