import { randomUUID } from 'node:crypto';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { McpistConfigInput } from '../../config/config-schema.js';
import { compose, disposeContainer } from '../../container/compose.js';
import { resolveDeps } from '../../container/declared-deps.js';
import { Tokens } from '../../container/tokens.js';
import { createMcpServer } from '../../mcp/create-mcp-server.js';
import { InFlightCalls } from '../../mcp/in-flight-calls.js';
import { GuardedTransport } from '../../mcp/request-guard.js';
import { PostgresCancelRelay } from '../../store/postgres-cancel-relay.js';
import { TaskService } from '../../tasks/task-service.js';
import { MCPIST_VERSION } from '../../version.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { userFor } from './with-services.js';

/**
 * MCP over stdio for local clients. Whoever can start this process can read
 * the store anyway, so it acts as a user named on the command line.
 */
export async function stdio(
  global: GlobalOptions,
  options: { user?: string; toolMode?: 'meta' | 'direct' },
): Promise<void> {
  const overrides: McpistConfigInput = options.toolMode ? { toolMode: options.toolMode } : {};
  const config = configFor(global, overrides);
  // Composed here rather than through withServices: the hub lives until the client disconnects.
  const c = await compose(config, { logStream: 'stderr' });
  const { users, dispatcher, prompts, resources, taskStore, logger } = resolveDeps(c, {
    users: Tokens.UsersRepository,
    dispatcher: Tokens.ToolDispatcher,
    prompts: Tokens.PromptDispatcher,
    resources: Tokens.ResourceDispatcher,
    taskStore: Tokens.TasksRepository,
    logger: Tokens.Logger,
  });
  const user = await userFor(users, options.user).catch(async (error) => {
    await disposeContainer(c);
    throw error;
  });
  // A task started here may be cancelled by a client of another instance sharing PostgreSQL.
  const inFlight = new InFlightCalls(
    config.databaseUrl
      ? new PostgresCancelRelay(config.databaseUrl, (error) =>
          logger.warn('cancellation relay failed', { error: error.message }),
        )
      : undefined,
  );
  await inFlight.start().catch(async (error) => {
    await disposeContainer(c);
    throw error;
  });
  const tasks = new TaskService(taskStore, inFlight, config.tasks, logger);
  const context = {
    principal: { userId: user.id, email: user.email, systemRole: user.system_role, via: 'local' as const },
    mode: config.toolMode,
    requestId: randomUUID(),
  };
  // Once, whatever asks first: the client closing stdin, a signal, or the
  // transport closing. Closing the connection closes the transport, which
  // reports back through onclose; that must find the shutdown under way
  // rather than start another (it used to recurse until the stack overflowed).
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await connection.close().catch(() => {});
      await tasks.close();
      await inFlight.close();
      await disposeContainer(c);
      process.exit(0);
    })();
    return stopping;
  };
  // Both eras on one pipe: the SDK answers `server/discover` (2026-07-28) or `initialize` (2025) with a server of that era.
  const connection = serveStdio(
    ({ era }) => createMcpServer({ tools: dispatcher, prompts, resources, tasks }, context, MCPIST_VERSION, era),
    {
      transport: new GuardedTransport(new StdioServerTransport(), () => void shutdown()),
    },
  );
  process.stdin.on('end', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
