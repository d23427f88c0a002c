import { completeArgument, readResource } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('jira://issue/{issue_key}', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it('reads an issue as Markdown: key and summary, facts, description', async () => {
    jira = await startFakeJira({ issues: 3 });
    const issue = jira.seed.issues[0];
    const uri = `jira://issue/${issue?.key}`;
    const contents = await readResource(plugin, uri, { baseUrl: jira.url, credential: jira.credential });
    expect(contents).toMatchObject({ uri, mimeType: 'text/markdown' });
    const text = (contents as { text: string }).text;
    expect(text.split('\n')[0]).toBe(`# ${issue?.key}: ${issue?.fields.summary}`);
    expect(text).toContain(`- **Status:** ${issue?.fields.status.name}`);
    expect(text).toContain('## Description');
  });

  it('completes issue keys with the project keys the account can browse', async () => {
    jira = await startFakeJira({ issues: 1, projects: 2 });
    const options = { baseUrl: jira.url, credential: jira.credential };
    const all = await completeArgument(plugin, { template: 'issue' }, { name: 'issue_key', value: '' }, {}, options);
    expect(all).toEqual(['DEMO-', 'P001-', 'P002-']);
    const typed = await completeArgument(plugin, { template: 'issue' }, { name: 'issue_key', value: 'p' }, {}, options);
    expect(typed).toEqual(['P001-', 'P002-']);
    expect(
      await completeArgument(plugin, { template: 'issue' }, { name: 'issue_key', value: 'DEMO-1' }, {}, options),
    ).toEqual([]);
  });
});

describe('jira_standup', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it('completes the project key from the account and renders a JQL plan for it', async () => {
    jira = await startFakeJira({ issues: 1, projects: 1 });
    const options = { baseUrl: jira.url, credential: jira.credential };
    expect(
      await completeArgument(plugin, { prompt: 'standup' }, { name: 'project_key', value: 'd' }, {}, options),
    ).toEqual(['DEMO']);
    const prompt = plugin.prompts.find((candidate) => candidate.name === 'standup');
    const [message] = prompt?.render({ project_key: 'demo' }) ?? [];
    expect(message && 'text' in message ? message.text : '').toContain('project = DEMO AND assignee = currentUser()');
  });
});
