import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../test-support/chromium.js';
import { CLI, runCli } from '../../test-support/running-serve.js';
import { REPO_ROOT } from '../../test-support/test-hub.js';
import { UI_DIR } from './ui-routes.js';

/**
 * The admin UI as a new user meets it, in Debian's Chromium against the real
 * `mcpist serve` on the embedded default: the setup link from start-up, a
 * role with GitHub and Notion and one tool masked, a user with that role,
 * their sign-in link, a GitHub token pasted in the connect modal, an API
 * token, and an MCP client (official SDK) with that token seeing exactly the
 * tools `/tools` shows. Every page is checked with axe-core at 375 and
 * 1440 px (screenshots in test-results/admin-ui, git-ignored).
 */

const SHOTS = join(REPO_ROOT, 'test-results/admin-ui');
const AXE = readFileSync(createRequire(join(REPO_ROOT, 'admin/package.json')).resolve('axe-core/axe.min.js'), 'utf8');
const CLEAN_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

let dataDir: string;
let serve: ChildProcess;
let base: string;
let setupUrl: string;
let browser: Browser;
const consoleErrors: string[] = [];

/** `mcpist serve` with the terminal's text output, as `npm start` shows it: resolves with the setup link. */
function startServeWithBanner(dir: string): Promise<{ child: ChildProcess; setupUrl: string }> {
  const child = spawn(process.execPath, [CLI, '--data-dir', dir, 'serve', '--port', '0', '--log-format', 'text'], {
    cwd: REPO_ROOT,
    env: CLEAN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const link = /(http:\/\/\S+\/login\?setup=[A-Za-z0-9_-]+)/.exec(out)?.[1];
      if (link) resolve({ child, setupUrl: link });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** A tool call through the `call` meta-tool: Jira is not connected, so it fails, and counts as a failed call. */
async function callJira(token: string): Promise<boolean> {
  const client = new Client({ name: 'admin-ui-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', base), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  try {
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'jira', tool: 'search_issues', params: { jql: 'project = X' } },
    });
    return result.isError === true;
  } finally {
    await client.close();
  }
}

async function mcpTools(token: string, modules = ['github', 'notion']): Promise<string[]> {
  const client = new Client({ name: 'admin-ui-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', base), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  try {
    // A module the user may not use is unknown to them: an error, so no tools.
    const result = await client
      .callTool({ name: 'get_module_schema', arguments: { modules } })
      .catch((error: Error) => {
        if (/unknown module/.test(error.message)) return { isError: true, structuredContent: undefined };
        throw error;
      });
    if (result.isError) return [];
    const schema = (result.structuredContent as { modules: Array<{ module: string; tools: Array<{ name: string }> }> })
      .modules;
    return schema.flatMap((m) => m.tools.map((t) => `${m.module}.${t.name}`)).sort();
  } finally {
    await client.close();
  }
}

/** What `/tools` lists, as `module.tool`. */
async function pageTools(page: Page): Promise<string[]> {
  await page.goto(`${base}/tools`);
  await page.waitForSelector('[data-tool]');
  return (
    await page.$$eval('[data-tool]', (items) => items.map((item) => item.getAttribute('data-tool') ?? ''))
  ).sort();
}

/** axe-core (serious and critical), horizontal scroll at 375 px, and a screenshot at both widths. */
async function checkPage(page: Page, path: string, name: string, ready: string) {
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}${path}`);
    await page.waitForSelector(ready);
    await page.addScriptTag({ content: AXE });
    // A string: the page's globals (window, axe) are not this file's.
    const violations = (await page.evaluate(`axe.run().then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + ', ' + v.nodes.length + ' nodes)'))`)) as string[];
    expect(violations, `${name} at ${width}px`).toEqual([]);
    if (width === 375) {
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

beforeAll(async () => {
  if (!existsSync(join(UI_DIR, 'index.html'))) throw new Error('admin/out is missing: npm run build builds the UI');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-ui-'));
  const started = await startServeWithBanner(dataDir);
  serve = started.child;
  setupUrl = started.setupUrl;
  base = new URL(setupUrl).origin;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (serve && serve.exitCode === null) {
    await new Promise((done) => {
      serve.once('exit', done);
      serve.kill('SIGTERM');
    });
  }
});

it('a new user: setup link, role with a masked tool, user, sign-in, connect, API token, MCP client sees exactly /tools', async () => {
  // The embedded default serves the app itself on its own port.
  const home = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('/_next/static/');

  // The first admin, from the start-up setup link.
  const adminContext = await browser.newContext();
  const admin = await newPage(adminContext);
  await admin.goto(setupUrl);
  await admin.fill('input[type=email]', 'ada@example.com');
  await Promise.all([admin.waitForURL(`${base}/`), admin.click('button[type=submit]')]);
  await admin.waitForSelector('h1:has-text("Dashboard")');
  // The dashboard's first load: every script it fetched, as gzip would send it.
  const dashboard = await newPage(adminContext);
  const scripts = new Set<string>();
  dashboard.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(request.url());
  });
  await dashboard.goto(`${base}/`);
  await dashboard.waitForSelector('h1:has-text("Dashboard")');
  await dashboard.close();
  let firstLoadGz = 0;
  for (const url of scripts) firstLoadGz += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).length;
  expect(scripts.size).toBeGreaterThan(0);
  expect(firstLoadGz).toBeLessThanOrEqual(300 * 1024);
  process.stderr.write(
    `admin UI: dashboard first load ${scripts.size} scripts, ${Math.round(firstLoadGz / 1024)} KB gzipped\n`,
  );
  const [cookie] = await adminContext.cookies();
  expect(cookie).toMatchObject({ name: 'mcpist_session', httpOnly: true, sameSite: 'Strict' });
  // The setup link is single-use.
  const again = await fetch(`${base}/api/session/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ code: new URL(setupUrl).searchParams.get('setup'), email: 'eve@example.com' }),
  });
  expect(again.status).toBe(401);

  // A role with GitHub and Notion, one GitHub tool masked.
  await admin.goto(`${base}/roles`);
  await admin.click('button:has-text("New role")');
  await admin.fill('[role=dialog] input >> nth=0', 'Engineers');
  await admin.click('[role=dialog] button[type=submit]');
  await admin.waitForSelector('section[aria-label="Role Engineers"]');
  const roleId = new URL(admin.url()).searchParams.get('id');
  for (const module of ['GitHub', 'Notion']) {
    // Saved at once; the switch shows what the API answered.
    await admin.getByRole('switch', { name: module }).click();
    await expect.poll(() => admin.getByRole('switch', { name: module }).isChecked()).toBe(true);
  }
  const firstGithub = admin.locator('input[data-tool^="github."]:checked').first();
  const masked = (await firstGithub.getAttribute('data-tool')) as string;
  await firstGithub.click();
  await expect.poll(() => admin.locator(`input[data-tool="${masked}"]`).isChecked()).toBe(false);
  await expect.poll(() => admin.locator(`input[data-tool="${masked}"]`).isEnabled()).toBe(true);

  // A user with that role.
  await admin.goto(`${base}/users`);
  await admin.click('button:has-text("Add user")');
  await admin.fill('[role=dialog] input[type=email]', 'bob@example.com');
  await admin.click('[role=dialog] button[type=submit]');
  // New users start with the default role; Bob gets Engineers only.
  await admin.getByRole('checkbox', { name: 'Engineers' }).waitFor();
  for (const box of await admin.locator('fieldset input[type=checkbox]').all()) await box.uncheck();
  await admin.getByRole('checkbox', { name: 'Engineers' }).check();
  await admin.click('button:has-text("Save roles")');
  await admin.waitForSelector('text=Roles saved.');

  // Bob signs in with a link from the CLI, through the running server's admin channel.
  const link = await runCli(dataDir, ['login-link', '--user', 'bob@example.com']);
  expect(link.status).toBe(0);
  const bobContext = await browser.newContext();
  const bob = await newPage(bobContext);
  await Promise.all([bob.waitForURL(`${base}/`), bob.goto(link.stdout.trim())]);

  // Connect GitHub by pasting a token in the connect modal.
  await bob.goto(`${base}/tools?connect=github`);
  await bob.waitForSelector('[role=dialog]');
  await bob.fill('[role=dialog] input[name=token]', `ghp_${'x'.repeat(36)}`);
  await bob.click('[role=dialog] button:has-text("Save token")');
  await bob.waitForSelector('[role=dialog]', { state: 'detached' });
  await expect.poll(() => bob.url()).toBe(`${base}/tools`);
  await bob.waitForSelector('section[aria-labelledby="m-github"] >> text=connected');

  // An API token, shown once.
  await bob.goto(`${base}/tokens`);
  await bob.click('button:has-text("New token")');
  await bob.fill('[role=dialog] input', 'inspector');
  await bob.click('[role=dialog] button[type=submit]');
  const token = ((await bob.textContent('[data-testid=new-token]')) ?? '').trim();
  expect(token).toMatch(/^mcpist_/);

  // The MCP client sees exactly what /tools shows, without the masked tool.
  const shown = await pageTools(bob);
  expect(shown).not.toContain(masked);
  expect(shown.some((tool) => tool.startsWith('notion.'))).toBe(true);
  expect(await mcpTools(token)).toEqual(shown);

  // Notion switched off in /roles: gone from get_module_schema on the next call.
  await admin.goto(`${base}/roles?id=${roleId}&tab=permissions`);
  await admin.getByRole('switch', { name: 'Notion' }).click();
  await expect.poll(() => admin.getByRole('switch', { name: 'Notion' }).isChecked()).toBe(false);
  await expect.poll(() => admin.getByRole('switch', { name: 'Notion' }).isEnabled()).toBe(true);
  const after = await mcpTools(token);
  expect(after.some((tool) => tool.startsWith('notion.'))).toBe(false);
  expect(after).toEqual(await pageTools(bob));

  // Bob asks for Jira and Confluence; the admin approves Jira with a role enabling it and declines Confluence.
  await bob.goto(`${base}/tools`);
  for (const module of ['jira', 'confluence']) {
    await bob.click(`[data-lacking="${module}"] button:has-text("Request access")`);
    await bob.waitForSelector(`[data-lacking="${module}"] >> text=access requested`);
  }
  expect(await mcpTools(token, ['jira'])).toEqual([]);
  await admin.goto(`${base}/roles?new=1`);
  await admin.fill('[role=dialog] input >> nth=0', 'Jira users');
  await admin.click('[role=dialog] button[type=submit]');
  await admin.waitForSelector('section[aria-label="Role Jira users"]');
  await admin.getByRole('switch', { name: 'Jira' }).click();
  await expect.poll(() => admin.getByRole('switch', { name: 'Jira' }).isChecked()).toBe(true);
  await admin.goto(`${base}/requests`);
  await admin.waitForSelector('[data-request="jira"]');
  await checkPage(admin, '/requests', 'requests', '[data-request="jira"]');
  await admin.selectOption('[data-request="jira"] select', { label: 'Jira users' });
  await admin.click('[data-request="jira"] button:has-text("Approve")');
  await admin.waitForSelector('[data-request="jira"]', { state: 'detached' });
  await admin.fill('[data-request="confluence"] input', 'Confluence is being retired');
  await admin.click('[data-request="confluence"] button:has-text("Decline")');
  await admin.click('[data-request="confluence"] button:has-text("Yes, decline")');
  await admin.waitForSelector('text=No pending requests');
  const jira = await mcpTools(token, ['jira']);
  expect(jira.length).toBeGreaterThan(0);
  await bob.goto(`${base}/tools`);
  await bob.waitForSelector('[data-lacking="confluence"] >> text=declined: Confluence is being retired');
  expect(await pageTools(bob)).toEqual(expect.arrayContaining(jira));
  // That failed call shows on the admin's dashboard: one call, all errors.
  expect(await callJira(token)).toBe(true);
  await admin.goto(`${base}/`);
  await admin.waitForSelector('[data-testid=totals] >> text=1 calls, error rate 100.0 %');
  await admin.waitForSelector('[role=img][aria-label="Calls per minute"] canvas');
  // ...and on Bob's own dashboard under "Your recent calls" (the audit log is written within a second).
  await expect
    .poll(async () => {
      await bob.goto(`${base}/`);
      await bob.waitForSelector('h2:has-text("Your recent calls")');
      await bob.waitForSelector('section[aria-labelledby="recent-calls"][aria-busy=false]');
      return bob.locator('section[aria-labelledby="recent-calls"] li').allTextContents();
    })
    .toEqual([expect.stringMatching(/^jira\.search_issuesfailed \d+/)]);
  // The admin finds it in /logs by module and event; the filters live in the URL.
  await admin.goto(`${base}/logs`);
  await admin.waitForSelector('table');
  await admin.selectOption('select >> nth=1', 'jira');
  await admin.fill('input[list=known-events]', 'tool_called');
  await admin.click('button:has-text("Filter")');
  await expect.poll(() => new URL(admin.url()).searchParams.get('module')).toBe('jira');
  // The unfiltered list has that row too: wait for the filtered answer to replace it.
  await expect.poll(() => admin.locator('tbody tr').count()).toBe(1);
  await admin.waitForSelector('td:has-text("jira.search_issues")');
  expect(await admin.textContent('tbody tr')).toContain('bob@example.com');
  // A time range after the call: nothing; back restores the previous filters and their rows.
  await admin.fill('input[type=datetime-local] >> nth=0', '2099-01-01T00:00');
  await admin.click('button:has-text("Filter")');
  await admin.waitForSelector('text=No entries match');
  expect(new URL(admin.url()).searchParams.get('since')).toMatch(/^2099-01-01T/);
  await admin.goBack();
  await admin.waitForSelector('td:has-text("jira.search_issues")');
  expect(await admin.inputValue('input[type=datetime-local] >> nth=0')).toBe('');
  // /modules: status, API version, last verified and notes; the admin marks Notion deprecated with a note.
  await admin.goto(`${base}/modules`);
  await admin.click('button[aria-label="Edit Notion"]');
  await admin.waitForSelector('[role=dialog]');
  expect(new URL(admin.url()).searchParams.get('edit')).toBe('notion');
  await admin.selectOption('[role=dialog] select', 'deprecated');
  await admin.fill('[role=dialog] textarea', 'Moving to the new Notion API in Q1');
  await admin.click('[role=dialog] button:has-text("Save")');
  await admin.waitForSelector('[role=dialog]', { state: 'detached' });
  await admin.waitForSelector('li:has(h2:has-text("Notion")) >> text=Moving to the new Notion API in Q1');
  expect(await admin.textContent('li:has(h2:has-text("Notion"))')).toMatch(/deprecated.*API version/s);
  // Marking a module broken asks first.
  await admin.goto(`${base}/modules?edit=github`);
  await admin.selectOption('[role=dialog] select', 'broken');
  await admin.click('[role=dialog] button:has-text("Save")');
  await admin.waitForSelector('[role=dialog] >> text=Mark it broken?');
  await admin.click('[role=dialog] button:has-text("Cancel")');
  await admin.click('[role=dialog] button:has-text("Close")');
  await admin.waitForSelector('[role=dialog]', { state: 'detached' });

  // A user opening /users gets the 403 page; the API refuses the same request.
  await bob.goto(`${base}/users`);
  await bob.waitForSelector('h1:has-text("403")');
  const [session] = await bobContext.cookies();
  const asBob = (method: string, path: string, origin?: string) =>
    fetch(`${base}/api${path}`, {
      method,
      headers: {
        cookie: `mcpist_session=${session?.value}`,
        'content-type': 'application/json',
        ...(origin ? { origin } : {}),
      },
      ...(method === 'GET' ? {} : { body: JSON.stringify({ display_name: 'Bob' }) }),
    });
  expect((await asBob('GET', '/users')).status).toBe(403);
  // A state change with the cookie from another origin (another port is still same-site) or none is refused (CSRF).
  expect((await asBob('PUT', '/profile', 'http://127.0.0.1:9')).status).toBe(403);
  expect((await asBob('PUT', '/profile')).status).toBe(403);
  expect((await asBob('PUT', '/profile', base)).status).toBe(200);

  // Back and forward restore panels and modals; reload keeps them.
  await admin.goto(`${base}/roles`);
  await admin.click('button:has-text("Engineers")');
  await admin.waitForSelector('section[aria-label="Role Engineers"]');
  await admin.click('button:has-text("New role")');
  await admin.waitForSelector('[role=dialog]');
  await admin.goBack();
  await admin.waitForSelector('[role=dialog]', { state: 'detached' });
  expect(await admin.isVisible('section[aria-label="Role Engineers"]')).toBe(true);
  await admin.goForward();
  await admin.waitForSelector('[role=dialog]');
  await admin.reload();
  await admin.waitForSelector('[role=dialog]');
  expect(await admin.isVisible('section[aria-label="Role Engineers"]')).toBe(true);

  // Every page at 375 and 1440 px.
  const pages: Array<[Page, string, string, string]> = [
    [admin, '/', 'dashboard', '[role=img][aria-label="P95 latency"] canvas'],
    [admin, '/?window=day', 'dashboard-day', '[data-testid=totals]'],
    [bob, '/', 'dashboard-user', 'section[aria-labelledby="recent-calls"] li'],
    [admin, '/tools', 'tools', 'h1:has-text("Tools")'],
    [bob, '/tools?connect=github', 'tools-connect-modal', '[role=dialog]'],
    [admin, `/users`, 'users', 'h1:has-text("Users")'],
    [admin, `/roles?id=${roleId}&tab=permissions`, 'roles-permissions', 'input[role=switch]'],
    [admin, `/roles?id=${roleId}&tab=services`, 'roles-services', 'h1:has-text("Roles")'],
    [admin, '/modules', 'modules', 'h1:has-text("Modules")'],
    [admin, '/modules?edit=notion', 'modules-edit', '[role=dialog]'],
    [admin, '/requests', 'requests-empty', 'text=No pending requests'],
    [admin, '/tokens', 'tokens', 'h1:has-text("API tokens")'],
    [admin, '/logs', 'logs', 'table'],
    [admin, '/logs?module=jira&event=tool_called', 'logs-filtered', 'td:has-text("jira.search_issues")'],
    [admin, '/profile', 'profile', 'h1:has-text("Profile")'],
    [bob, '/users', 'forbidden', 'h1:has-text("403")'],
  ];
  for (const [page, path, name, ready] of pages) await checkPage(page, path, name, ready);

  // Sign-out revokes the session: the old cookie no longer works.
  const [bobCookie] = await bobContext.cookies();
  await bob.goto(`${base}/profile`);
  await Promise.all([bob.waitForURL(`${base}/login`), bob.click('button:has-text("Sign out")')]);
  const stale = await fetch(`${base}/api/auth/me`, { headers: { cookie: `mcpist_session=${bobCookie?.value}` } });
  expect(stale.status).toBe(401);
  const login = await newPage(await browser.newContext());
  await checkPage(login, '/login', 'login', 'h1:has-text("Sign in")');

  expect(consoleErrors).toEqual([]);
}, 300_000);
