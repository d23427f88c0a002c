import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { currentToolContext } from './call-scope.js';
import type { ToolContext } from './context.js';
import { defineTool } from './define-tool.js';
import { invokeTool } from './error-mapping.js';

const contextNamed = (name: string) =>
  ({ baseUrl: `https://${name}.example`, signal: new AbortController().signal }) as unknown as ToolContext;

/** Resolves on the next turn of the event loop, so concurrent calls interleave. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const probe = defineTool({
  name: 'probe',
  description: 'Reports which call it sees, before and after awaiting, and from a callback.',
  input: z.object({}),
  handler: async (_input, ctx) => {
    const before = currentToolContext()?.baseUrl;
    await nextTurn();
    const after = currentToolContext()?.baseUrl;
    const fromCallback = await new Promise<string | undefined>((resolve) =>
      setImmediate(() => resolve(currentToolContext()?.baseUrl)),
    );
    return `${ctx.baseUrl} ${before} ${after} ${fromCallback}`;
  },
});

describe('currentToolContext', () => {
  it('is the running call anywhere below its handler, and each concurrent call sees its own', async () => {
    const plugin = { displayName: 'Probe' };
    const answers = await Promise.all(
      ['one', 'two', 'three'].map((name) => invokeTool(plugin, probe, {}, contextNamed(name))),
    );
    expect(answers).toEqual(['one', 'two', 'three'].map((name) => Array(4).fill(`https://${name}.example`).join(' ')));
  });

  it('is undefined outside a call', async () => {
    await invokeTool({ displayName: 'Probe' }, probe, {}, contextNamed('done'));
    expect(currentToolContext()).toBeUndefined();
  });
});
