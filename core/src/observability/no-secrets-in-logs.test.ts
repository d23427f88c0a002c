import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transports } from 'winston';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  startFakeGitHub,
} from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let github: FakeGitHub;
let hub: TestHub;
const lines: string[] = [];

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 2 });
  hub = await startTestHub({ logLevel: 'debug', pluginSettings: { github: { baseUrl: github.url } } });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  hub.server.container.resolve(Tokens.Logger).add(new transports.Stream({ stream: sink }));
  await hub.setCredential('github', github.token);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

describe('logs', () => {
  it('carry the seed fields for every call and never a stored or presented token', async () => {
    const client = await hub.connect();
    const params = { owner: 'octo-org', repo: 'hello-world' };
    await client.callTool({ name: 'call', arguments: { module: 'github', tool: 'list_issues', params } });
    github.route(GITHUB_ROUTES.getIssue, () => gitHubError(401, `Bad credentials for token ${github.token}`));
    await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'get_issue', params: { ...params, issue_number: 1 } },
    });
    await fetch(`${hub.url}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${hub.token}x` }, body: '{}' });

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = entries.filter((entry) => String(entry.message).startsWith('tool call '));
    expect(calls).toHaveLength(2);
    for (const entry of calls) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining([
          'timestamp',
          'level',
          'message',
          'module',
          'tool',
          'user_id',
          'account_id',
          'duration_ms',
          'success',
          'request_id',
        ]),
      );
    }
    expect(calls.find((entry) => entry.success === false)).toMatchObject({ error_code: 1003 });
    const all = lines.join('\n');
    expect(all).not.toContain(github.token);
    expect(all).not.toContain(hub.token);
  });
});
