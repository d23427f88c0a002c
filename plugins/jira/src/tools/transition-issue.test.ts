import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('transition_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const transition = (value: string) =>
    runTool(
      plugin,
      'transition_issue',
      { issue_key: 'DEMO-3', transition: value },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it.each([
    ['its name, in any case', 'start PROGRESS'],
    ['its id', '21'],
    ['the status it leads to', 'In Progress'],
  ])('finds the transition by %s and POSTs its id', async (_case, value) => {
    jira = await startFakeJira();
    const record = await transition(value);

    expect(jira.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/issue/DEMO-3/transitions',
      'POST /rest/api/3/issue/DEMO-3/transitions',
    ]);
    expect(jira.requests[1]?.body).toEqual({ transition: { id: '21' } });
    expect(record).toEqual({ key: 'DEMO-3', transition: 'Start progress', status: 'In Progress' });
    expect(jira.seed.issues[2]?.fields.status.name).toBe('In Progress');
  });

  it('lists the available transitions when none matches, without transitioning', async () => {
    jira = await startFakeJira();
    const error = await transition('Ship it').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'transition' });
    expect((error as Error).message).toBe(
      'no transition "Ship it" for DEMO-3; available: "To Do" (id 11 → To Do), "Start progress" (id 21 → In Progress), "Done" (id 31 → Done)',
    );
    expect(jira.count(JIRA_ROUTES.doTransition)).toBe(0);
  });
});
