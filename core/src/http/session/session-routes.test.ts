import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../../container/tokens.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

let hub: TestHub;
let origin: string;

beforeAll(async () => {
  hub = await startTestHub();
  origin = new URL(hub.url).origin;
});
afterAll(() => hub?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = { origin }) =>
  fetch(`${hub.url}/api/session${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const cookieOf = (response: Response) => /mcpist_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
const me = (cookie: string) => fetch(`${hub.url}/api/auth/me`, { headers: { cookie: `mcpist_session=${cookie}` } });
const links = () => hub.server.container.resolve(Tokens.BrowserSessions);

describe('admin UI sign-in (/api/session)', () => {
  it('exchanges an API token pasted once for an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await post('/token', { token: hub.token });
    expect(response.status).toBe(200);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toContain(hub.token);
    const answer = await me(cookieOf(response) as string);
    expect(await answer.json()).toMatchObject({ email: 'alice@example.com', via: 'session' });
  });

  it('refuses a wrong token and sets no cookie', async () => {
    const response = await post('/token', { token: `mcpist_${'A'.repeat(43)}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses sign-in from another origin or without one (login CSRF)', async () => {
    expect((await post('/token', { token: hub.token }, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post('/token', { token: hub.token }, {})).status).toBe(403);
  });

  it('redeems a login link once', async () => {
    const bob = await hub.issueToken('bob@example.com');
    const { code } = await links().createLink('login', bob.userId);
    const first = await post('/link', { code });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ email: 'bob@example.com', system_role: 'user' });
    const second = await post('/link', { code });
    expect(second.status).toBe(401);
    expect(second.headers.get('set-cookie')).toBeNull();
  });

  it('keeps the setup link unused without an email, and refuses it once users exist', async () => {
    const { code } = await links().createLink('setup', null);
    expect((await post('/link', { code })).status).toBe(401);
    const withEmail = await post('/link', { code, email: 'mallory@example.com' });
    expect(withEmail.status).toBe(401);
    expect(((await withEmail.json()) as { error: { message: string } }).error.message).toContain('already has users');
    expect(
      await hub.server.container.resolve(Tokens.UsersRepository).findByEmail('mallory@example.com'),
    ).toBeUndefined();
  });

  it('says whether the setup link applies', async () => {
    const response = await fetch(`${hub.url}/api/session`);
    expect(await response.json()).toEqual({ setup_required: false });
  });

  it('checks the Origin of cookie-authenticated changes, not of reads', async () => {
    const cookie = cookieOf(await post('/token', { token: hub.token })) as string;
    const put = (headers: Record<string, string>) =>
      fetch(`${hub.url}/api/profile`, {
        method: 'PUT',
        headers: { cookie: `mcpist_session=${cookie}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ display_name: 'Alice' }),
      });
    expect((await put({ origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await put({})).status).toBe(403);
    expect((await put({ origin })).status).toBe(200);
    expect((await me(cookie)).status).toBe(200);
    // A bearer token is not a cookie: no Origin needed.
    const bearer = await fetch(`${hub.url}/api/profile`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Alice' }),
    });
    expect(bearer.status).toBe(200);
  });

  it('revokes the session on sign-out', async () => {
    const cookie = cookieOf(await post('/token', { token: hub.token })) as string;
    const out = await fetch(`${hub.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: `mcpist_session=${cookie}`, origin },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/mcpist_session=;/);
    expect((await me(cookie)).status).toBe(401);
  });
});
