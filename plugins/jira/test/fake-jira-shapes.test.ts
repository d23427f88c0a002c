import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { plugin } from '../src/index.js';
import { type FakeJira, startFakeJira } from './fake-jira.js';

// The transport uses a body jira.js's schemas do not describe with only a warning, so a fake answer drifting
// from the documented shape would go unnoticed; here every listing must pass jira.js's response schemas.
describe('the fake Jira’s answers match jira.js’s response schemas', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it.each([
    ['list_comments', { issue_key: 'DEMO-1' }],
    ['list_worklogs', { issue_key: 'DEMO-1' }],
    ['list_watchers', { issue_key: 'DEMO-1' }],
    ['list_transitions', { issue_key: 'DEMO-1' }],
    ['get_issue', { issue_key: 'DEMO-1', include_comments: true }],
    ['list_boards', {}],
    ['get_active_sprint', { board_id: 1 }],
    ['list_sprint_issues', { sprint_id: 2 }],
    ['list_issue_types', { project_key: 'DEMO' }],
    ['get_create_metadata', { project_key: 'DEMO', issue_type: 'Bug' }],
    ['add_worklog', { issue_key: 'DEMO-1', time_spent: '1h' }],
    ['link_issues', { issue_key: 'DEMO-1', relation: 'blocks', other_issue_key: 'DEMO-2' }],
  ])('%s', async (tool, input) => {
    jira = await startFakeJira();
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string, fields?: Record<string, unknown>) =>
        warnings.push(`${message} ${JSON.stringify(fields)}`),
    };
    await runTool(plugin, tool, input, { baseUrl: jira.url, credential: jira.credential, logger });
    expect(warnings).toEqual([]);
  });
});
