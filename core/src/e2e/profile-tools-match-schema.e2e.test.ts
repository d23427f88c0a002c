import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from '../test-support/api-client.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * DESIGN §4: what the admin API reports as a user's tools must equal what
 * `get_module_schema` returns to that user, always — also right after an
 * admin changes roles, permissions or a module's status.
 */

const MODULES = ['github', 'notion', 'jira', 'confluence', 'google-calendar'];

interface Person {
  email: string;
  token: string;
  userId: string;
  client: Client;
}

let hub: TestHub;
const people: Record<'bob' | 'carol' | 'dan', Person> = {} as never;
const roleIds: Record<string, string> = {};

const api = async (method: string, path: string, body?: unknown) => {
  const answer = await apiRequest(hub.url, method, path, { token: hub.token, body });
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return answer.body;
};

/** `module:tool` of every tool `GET /api/profile/tools` lists for the person. */
async function profileTools(person: Person): Promise<string[]> {
  const answer = await apiRequest(hub.url, 'get', '/profile/tools', { token: person.token });
  return (answer.body.tools as Array<{ module: string; tool: string }>).map((t) => `${t.module}:${t.tool}`).sort();
}

/** `module:tool` of every tool `get_module_schema` returns to the person over MCP (none: 2001 for every module). */
async function schemaTools(person: Person): Promise<string[]> {
  const result = await person.client
    .callTool({ name: 'get_module_schema', arguments: { modules: MODULES } })
    .catch((error: { code?: number; data?: { code?: number } }) => {
      if (error.data?.code === 2001) return { structuredContent: { modules: [] } };
      throw error;
    });
  const modules = (result.structuredContent as { modules: Array<{ module: string; tools: Array<{ name: string }> }> })
    .modules;
  return modules.flatMap((m) => m.tools.map((t) => `${m.module}:${t.name}`)).sort();
}

async function expectViewsToAgree(): Promise<Record<string, string[]>> {
  const seen: Record<string, string[]> = {};
  for (const [name, person] of Object.entries(people)) {
    const [profile, schema] = await Promise.all([profileTools(person), schemaTools(person)]);
    expect(profile, name).toEqual(schema);
    seen[name] = profile;
  }
  return seen;
}

beforeAll(async () => {
  hub = await startTestHub();
  for (const name of ['bob', 'carol', 'dan'] as const) {
    const { token, userId } = await hub.issueToken(`${name}@example.com`);
    people[name] = { email: `${name}@example.com`, token, userId, client: await hub.connect({ token }) };
  }
  const roles = {
    eng: { enabled_modules: ['github', 'jira'], tool_masks: { jira: ['delete_issue', 'assign_issue'] } },
    docs: { enabled_modules: ['notion', 'confluence'] },
    calendar: { enabled_modules: ['google-calendar', 'notion'], tool_masks: { notion: ['search'] } },
  };
  for (const [name, permissions] of Object.entries(roles)) {
    roleIds[name] = (await api('post', '/roles', { name, ...permissions })).id;
  }
  // Exactly these roles each (the default `member` role would give everyone everything).
  await api('put', `/users/${people.bob.userId}/roles`, { role_ids: [roleIds.eng] });
  await api('put', `/users/${people.carol.userId}/roles`, { role_ids: [roleIds.docs, roleIds.calendar] });
  await api('put', `/users/${people.dan.userId}/roles`, { role_ids: [] });
});

afterAll(async () => hub?.close());

describe('GET /api/profile/tools and get_module_schema', () => {
  it('agree for three users with different roles over five modules, before and after permissions change', async () => {
    const before = await expectViewsToAgree();
    expect(new Set(before.bob?.map((t) => t.split(':')[0]))).toEqual(new Set(['github', 'jira']));
    expect(before.bob).not.toContain('jira:assign_issue');
    expect(before.bob).not.toContain('github:delete_repository'); // dangerous: masked by default
    // A mask in one role is lifted by another role enabling the module without it.
    expect(before.carol).toContain('notion:search');
    expect(new Set(before.carol?.map((t) => t.split(':')[0]))).toEqual(
      new Set(['notion', 'confluence', 'google-calendar']),
    );
    expect(before.dan).toEqual([]);

    await api('put', `/roles/${roleIds.eng}/permissions`, {
      enabled_modules: ['github', 'jira', 'notion'],
      tool_masks: { jira: ['delete_issue'], github: ['create_issue'] },
    });
    await api('patch', '/modules/confluence', { status: 'broken' });
    await api('put', `/users/${people.dan.userId}/roles`, { role_ids: [roleIds.calendar] });

    const after = await expectViewsToAgree();
    expect(after.bob).toContain('jira:assign_issue');
    expect(after.bob).not.toContain('github:create_issue');
    expect(after.bob?.some((t) => t.startsWith('notion:'))).toBe(true);
    expect(after.carol?.some((t) => t.startsWith('confluence:'))).toBe(false);
    expect(after.dan).toContain('google-calendar:list_events');
    expect(after.dan).not.toContain('notion:search');
    for (const name of ['bob', 'carol', 'dan']) expect(after[name], name).not.toEqual(before[name]);
  });
});
