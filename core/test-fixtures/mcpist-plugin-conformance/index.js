// Test-only: what the official MCP conformance suite's server scenarios
// expect of a server, as an MCPist plugin. Module "test" in direct mode lists
// these as test_simple_text, test_error_handling, ... — the names the suite
// calls. Never installed anywhere but the conformance test's plugin path.
import {
  audioBlock,
  contentResult,
  definePlugin,
  definePrompt,
  defineResource,
  defineResourceTemplate,
  defineTool,
  imageBlock,
  resourceBlock,
  textBlock,
  z,
} from '@mcpist/plugin-sdk';

const noInput = z.object({});

/** A 1x1 red PNG. */
const RED_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** A WAV header with no samples (44 bytes): the smallest valid audio file. */
function silentWav() {
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  const ascii = (offset, text) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, 0, true);
  return bytes;
}

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
  resources: [
    defineResource({
      name: 'static_text',
      uri: 'test://static-text',
      description: 'A static text resource for testing.',
      mimeType: 'text/plain',
      read: async () => 'This is the content of the static text resource.',
    }),
    defineResource({
      name: 'static_binary',
      uri: 'test://static-binary',
      description: 'A static binary resource (a PNG) for testing.',
      mimeType: 'image/png',
      read: async () => ({ blob: RED_PIXEL_PNG }),
    }),
  ],
  resourceTemplates: [
    defineResourceTemplate({
      name: 'template_data',
      uriTemplate: 'test://template/{id}/data',
      description: 'Data for an id, substituted from the URI.',
      mimeType: 'application/json',
      params: z.object({ id: z.string().min(1) }),
      complete: { id: (value) => ['123', '456', '789'].filter((id) => id.startsWith(value)) },
      read: async ({ id }) => JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
    }),
  ],
  prompts: [
    definePrompt({
      name: 'prompt_with_embedded_resource',
      description: 'A prompt that embeds the resource it is given.',
      arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
      render: ({ resourceUri }) => [
        {
          role: 'user',
          content: resourceBlock({
            uri: resourceUri,
            mimeType: 'text/plain',
            text: 'Embedded resource content for testing.',
          }),
        },
        { role: 'user', text: 'Please process the embedded resource above.' },
      ],
    }),
    definePrompt({
      name: 'prompt_with_image',
      description: 'A prompt that carries an image.',
      arguments: z.object({}),
      render: () => [
        { role: 'user', content: imageBlock(RED_PIXEL_PNG, 'image/png') },
        { role: 'user', text: 'Please analyze the image above.' },
      ],
    }),
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
      name: 'image_content',
      description: 'Returns an image (a 1x1 red PNG).',
      input: noInput,
      readOnly: true,
      handler: async () => contentResult([imageBlock(RED_PIXEL_PNG, 'image/png')]),
    }),
    defineTool({
      name: 'audio_content',
      description: 'Returns audio (a silent WAV file).',
      input: noInput,
      readOnly: true,
      handler: async () => contentResult([audioBlock(silentWav(), 'audio/wav')]),
    }),
    defineTool({
      name: 'embedded_resource',
      description: 'Returns an embedded text resource.',
      input: noInput,
      readOnly: true,
      handler: async () =>
        contentResult([
          resourceBlock({
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          }),
        ]),
    }),
    defineTool({
      name: 'multiple_content_types',
      description: 'Returns text, an image and an embedded resource together.',
      input: noInput,
      readOnly: true,
      handler: async () =>
        contentResult([
          textBlock('Multiple content types test:'),
          imageBlock(RED_PIXEL_PNG, 'image/png'),
          resourceBlock({
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          }),
        ]),
    }),
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
