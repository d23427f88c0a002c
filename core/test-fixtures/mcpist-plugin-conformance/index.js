// Test-only: what the official MCP conformance suite's server scenarios
// expect of a server, as an MCPist plugin. Module "test" in direct mode lists
// these as test_simple_text, test_error_handling, ... — the names the suite
// calls. Never installed anywhere but the conformance test's plugin path.
import { definePlugin, definePrompt, defineTool, z } from '@mcpist/plugin-sdk';

const noInput = z.object({});

/** Resolves after `ms`, or rejects when the call is cancelled. */
const pause = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export default definePlugin({
  name: 'test',
  displayName: 'Conformance fixture',
  description: 'The tools the MCP conformance suite calls.',
  version: '0.0.0',
  upstreamApiVersion: 'none',
  baseUrl: 'http://127.0.0.1:9',
  prompts: [
    definePrompt({
      name: 'simple_prompt',
      description: 'A simple prompt without arguments.',
      arguments: z.object({}),
      render: () => [{ role: 'user', text: 'This is a simple prompt for testing.' }],
    }),
    definePrompt({
      name: 'prompt_with_arguments',
      description: 'A prompt with two required arguments.',
      arguments: z.object({
        arg1: z.string().describe('First test argument'),
        arg2: z.string().describe('Second test argument'),
      }),
      complete: {
        arg1: (value) => ['paris', 'park', 'party', 'test', 'testing'].filter((word) => word.startsWith(value)),
      },
      render: ({ arg1, arg2 }) => [{ role: 'user', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` }],
    }),
  ],
  tools: [
    defineTool({
      name: 'simple_text',
      description: 'Returns a simple text response for testing.',
      input: noInput,
      readOnly: true,
      handler: async () => 'This is a simple text response for testing.',
    }),
    defineTool({
      name: 'error_handling',
      description: 'Always fails, to test error reporting.',
      input: noInput,
      readOnly: true,
      handler: async () => {
        throw new Error('This tool intentionally returns an error for testing');
      },
    }),
    defineTool({
      name: 'tool_with_logging',
      description: 'Logs three lines at info level while it runs.',
      input: noInput,
      readOnly: true,
      handler: async (_input, ctx) => {
        ctx.logger.info('Tool execution started');
        await pause(50, ctx.signal);
        ctx.logger.info('Tool processing data');
        await pause(50, ctx.signal);
        ctx.logger.info('Tool execution completed');
        return 'Logged three lines.';
      },
    }),
    defineTool({
      name: 'tool_with_progress',
      description: 'Reports progress 0, 50 and 100 of 100 while it runs.',
      input: noInput,
      readOnly: true,
      handler: async (_input, ctx) => {
        ctx.progress(0, 100);
        await pause(50, ctx.signal);
        ctx.progress(50, 100);
        await pause(50, ctx.signal);
        ctx.progress(100, 100);
        return 'Reported progress.';
      },
    }),
  ],
});
