import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { sendingPlainErrors } from './to-json-rpc-error.js';
import type { DispatchContext, ToolDispatcher } from './tool-dispatcher.js';

const INSTRUCTIONS = [
  "MCPist gives you the user's external services (GitHub, Notion, Jira, ...) as modules.",
  'Call get_module_schema with the modules you need, then run tools with call, or several at once with batch.',
  'Results are TOON: `items[N]{a,b}:` followed by one row per record.',
].join(' ');

/** One validator for every per-request server: building Ajv per request cost ≈ 3% of CPU (issue 15). */
const sharedValidator = new AjvJsonSchemaValidator();

/**
 * An MCP server bound to one principal. Cheap to build: it only wires two
 * handlers to the shared dispatcher. Streamable HTTP builds one per request
 * (stateless, so any instance can serve any request); stdio builds one.
 */
export function createMcpServer(dispatcher: ToolDispatcher, context: DispatchContext, version: string): Server {
  const server = new Server(
    { name: 'mcpist', version, title: 'MCPist' },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: INSTRUCTIONS,
      jsonSchemaValidator: sharedValidator,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () =>
    sendingPlainErrors(async () => ({ tools: await dispatcher.listTools(context) })),
  );
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    sendingPlainErrors(() => dispatcher.callTool(context, request.params.name, request.params.arguments, extra.signal)),
  );
  return server;
}
