import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { rpcError } from '../test-support/rpc-error.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** Prompts from plugins: listed and served only when the principal's roles enable their module. */

let hub: TestHub;
let notionOnly: { token: string; userId: string };

beforeAll(async () => {
  hub = await startTestHub();
  notionOnly = await hub.issueToken('nora@example.com');
  const role = await hub.grant(notionOnly.userId, { modules: ['notion'] });
  await hub.server.container.resolve(Tokens.RolesRepository).setUserRoles(notionOnly.userId, [role]);
});

afterAll(async () => {
  await hub?.close();
});

describe('prompts', () => {
  it('lists the GitHub triage prompt with its arguments, for both eras', async () => {
    const legacy = await hub.connect();
    const { prompts } = await legacy.listPrompts();
    const triage = prompts.find((prompt) => prompt.name === 'github_triage_issues');
    expect(triage).toMatchObject({
      title: 'Triage open issues of a repository',
      arguments: [
        { name: 'owner', required: true },
        { name: 'repo', required: true },
        { name: 'label', required: false },
      ],
    });
    const modern = await hub.connectModern();
    expect((await modern.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(
      prompts.map((prompt) => prompt.name),
    );
  });

  it('renders the prompt with the arguments given', async () => {
    const client = await hub.connect();
    const result = await client.getPrompt({
      name: 'github_triage_issues',
      arguments: { owner: 'octo-org', repo: 'hello-world', label: 'bug' },
    });
    expect(result.messages).toHaveLength(1);
    const text = (result.messages[0]?.content as { text?: string } | undefined)?.text ?? '';
    expect(text).toContain('octo-org/hello-world labelled "bug"');
    expect(text).toContain('list_issues');
  });

  it('refuses a missing required argument with -32602 naming it', async () => {
    const client = await hub.connect();
    const error = await rpcError(client.getPrompt({ name: 'github_triage_issues', arguments: { owner: 'o' } }));
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('repo');
  });

  it('hides the prompts of modules a role does not enable, and answers for them as for unknown ones', async () => {
    const client = await hub.connect({ token: notionOnly.token });
    const { prompts } = await client.listPrompts();
    expect(prompts.some((prompt) => prompt.name.startsWith('github_'))).toBe(false);
    const forbidden = await rpcError(
      client.getPrompt({ name: 'github_triage_issues', arguments: { owner: 'o', repo: 'r' } }),
    );
    const unknown = await rpcError(client.getPrompt({ name: 'github_nope', arguments: {} }));
    expect(forbidden.code).toBe(unknown.code);
    expect(forbidden.message.replace('github_triage_issues', 'X')).toBe(unknown.message.replace('github_nope', 'X'));
  });
});
