import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DeployOptions, deployWithRollback } from './koyeb-deploy.js';

/**
 * The deploy workflow's logic against a fake Koyeb API (the documented routes
 * and reply shapes: `{service}`, `{deployment}`, bearer auth, errors as
 * `{status, code, message}`) and a fake MCPist whose health follows the
 * active deployment.
 */

const TOKEN = 'koyeb-test-token';
const SERVICE = 'svc-1';

interface FakeDeployment {
  id: string;
  sha: string;
  /** Statuses the deployment reports on successive GETs; the last one sticks. */
  statuses: string[];
  /** Whether MCPist answers healthy once this deployment is active. */
  serves: boolean;
}

interface Scenario {
  /** What the next redeploy requests create, in order. */
  next: Array<Omit<FakeDeployment, 'id'>>;
}

let koyeb: Server;
let app: Server;
let api: string;
let appUrl: string;
let deployments: Map<string, FakeDeployment>;
let active: string;
let scenario: Scenario;
const requests: Array<{ method: string; path: string; body: unknown; auth: string | undefined }> = [];

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  koyeb = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await bodyOf(req);
    requests.push({ method: req.method ?? '', path, body, auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return json(res, 401, { status: 401, code: 'unauthenticated', message: 'Invalid token' });
    }
    if (req.method === 'GET' && path === `/v1/services/${SERVICE}`) {
      return json(res, 200, { service: { id: SERVICE, active_deployment_id: active, status: 'HEALTHY' } });
    }
    const deployment = /^\/v1\/deployments\/([\w-]+)$/.exec(path)?.[1];
    if (req.method === 'GET' && deployment) {
      const found = deployments.get(deployment);
      if (!found) return json(res, 404, { status: 404, code: 'not_found', message: 'Deployment not found' });
      const status = found.statuses.length > 1 ? (found.statuses.shift() as string) : found.statuses[0];
      if (status === 'HEALTHY') active = found.id;
      const metadata = found.sha ? { git: { sha: found.sha } } : {};
      const definition = { name: 'mcpist', docker: { image: `ghcr.io/acme/mcpist:${found.id}` } };
      return json(res, 200, { deployment: { id: found.id, service_id: SERVICE, status, metadata, definition } });
    }
    const redeploy = req.method === 'POST' && path === `/v1/services/${SERVICE}/redeploy`;
    const update = req.method === 'PUT' && path === `/v1/services/${SERVICE}`;
    if (redeploy || update) {
      const spec = scenario.next.shift();
      if (!spec) return json(res, 400, { status: 400, code: 'invalid', message: 'nothing to deploy' });
      const id = `dep-${deployments.size}`;
      deployments.set(id, { id, ...spec, statuses: [...spec.statuses] });
      if (update)
        return json(res, 200, { service: { id: SERVICE, latest_deployment_id: id, active_deployment_id: active } });
      return json(res, 200, { deployment: { id, service_id: SERVICE, status: 'PENDING' } });
    }
    return json(res, 404, { status: 404, code: 'not_found', message: 'Not Found' });
  });
  app = createServer((req, res) => {
    const serving = deployments.get(active)?.serves;
    if (req.url === '/health') {
      return serving
        ? json(res, 200, { status: 'ok', version: active })
        : json(res, 503, { status: 'unavailable', version: active });
    }
    if (req.url === '/api/version') return serving ? json(res, 200, { version: active }) : json(res, 502, {});
    return json(res, 404, {});
  });
  [api, appUrl] = await Promise.all([listen(koyeb), listen(app)]);
});

afterAll(async () => {
  await Promise.all([new Promise((r) => koyeb?.close(r)), new Promise((r) => app?.close(r))]);
});

beforeEach(() => {
  requests.length = 0;
  deployments = new Map([['dep-0', { id: 'dep-0', sha: 'aaaa111', statuses: ['HEALTHY'], serves: true }]]);
  active = 'dep-0';
});

const options = (extra: Partial<DeployOptions> = {}): DeployOptions => ({
  api,
  token: TOKEN,
  serviceId: SERVICE,
  appUrl,
  maxPolls: 10,
  smokeAttempts: 2,
  sleep: async () => {},
  ...extra,
});

const redeploys = () => requests.filter((r) => r.method === 'POST' && r.path.endsWith('/redeploy')).map((r) => r.body);

describe('koyeb-deploy', () => {
  it('deploys: redeploy, wait until HEALTHY, smoke-test /health and /api/version; no rollback', async () => {
    scenario = {
      next: [{ sha: 'bbbb222', statuses: ['PENDING', 'PROVISIONING', 'STARTING', 'HEALTHY'], serves: true }],
    };
    const result = await deployWithRollback(options());
    expect(result).toEqual({ outcome: 'deployed', deploymentId: 'dep-1', previousDeploymentId: 'dep-0' });
    expect(redeploys()).toEqual([{}]);
    expect(requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('rolls back to the previous commit when the new deployment fails', async () => {
    scenario = {
      next: [
        { sha: 'bbbb222', statuses: ['PROVISIONING', 'ERROR'], serves: false },
        { sha: 'aaaa111', statuses: ['STARTING', 'HEALTHY'], serves: true },
      ],
    };
    const result = await deployWithRollback(options());
    expect(result).toMatchObject({ outcome: 'rolled-back', deploymentId: 'dep-1', previousDeploymentId: 'dep-0' });
    expect(result.reason).toContain('ERROR');
    expect(redeploys()).toEqual([{}, { sha: 'aaaa111' }]);
    expect(active).toBe('dep-2');
  });

  it('rolls back when the deployment is HEALTHY on Koyeb but the smoke test fails', async () => {
    scenario = {
      next: [
        { sha: 'bbbb222', statuses: ['HEALTHY'], serves: false },
        { sha: 'aaaa111', statuses: ['HEALTHY'], serves: true },
      ],
    };
    const result = await deployWithRollback(options());
    expect(result).toMatchObject({ outcome: 'rolled-back' });
    expect(result.reason).toMatch(/smoke test failed: \/health: HTTP 503/);
    expect(redeploys()).toEqual([{}, { sha: 'aaaa111' }]);
  });

  it('rolls an image-based service back to the previous definition (no commit to go back to)', async () => {
    deployments.set('dep-0', { id: 'dep-0', sha: '', statuses: ['HEALTHY'], serves: true });
    scenario = {
      next: [
        { sha: '', statuses: ['ERROR'], serves: false },
        { sha: '', statuses: ['HEALTHY'], serves: true },
      ],
    };
    const result = await deployWithRollback(options());
    expect(result).toMatchObject({ outcome: 'rolled-back', previousDeploymentId: 'dep-0' });
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ definition: { name: 'mcpist', docker: { image: 'ghcr.io/acme/mcpist:dep-0' } } });
    expect(active).toBe('dep-2');
  });

  it('reports a failed rollback', async () => {
    scenario = {
      next: [
        { sha: 'bbbb222', statuses: ['ERROR'], serves: false },
        { sha: 'aaaa111', statuses: ['ERROR'], serves: false },
      ],
    };
    const result = await deployWithRollback(options());
    expect(result.outcome).toBe('rollback-failed');
    expect(result.reason).toMatch(/rollback: deployment dep-2 is ERROR/);
  });

  it('gives up on a deployment that never gets healthy, after maxPolls checks', async () => {
    scenario = {
      next: [
        { sha: 'bbbb222', statuses: ['PROVISIONING'], serves: false },
        { sha: 'aaaa111', statuses: ['HEALTHY'], serves: true },
      ],
    };
    const result = await deployWithRollback(options({ maxPolls: 3 }));
    expect(result).toMatchObject({ outcome: 'rolled-back' });
    expect(result.reason).toContain('not healthy after 3 checks');
  });

  it('runs as the workflow runs it: exit 0 when deployed; a wrong token exits 2 without a redeploy or the token in the message', async () => {
    const run = (token: string) =>
      promisify(execFile)(process.execPath, [new URL('koyeb-deploy.ts', import.meta.url).pathname], {
        env: {
          PATH: process.env.PATH,
          KOYEB_API_URL: api,
          KOYEB_API_TOKEN: token,
          KOYEB_SERVICE_ID: SERVICE,
          MCPIST_URL: appUrl,
        },
      }).then(
        (out) => ({ code: 0, ...out }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    scenario = { next: [{ sha: 'bbbb222', statuses: ['HEALTHY'], serves: true }] };
    expect((await run(TOKEN)).code).toBe(0);
    const refused = await run('wrong-token');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('HTTP 401 (Invalid token)');
    expect(refused.stderr).not.toContain('wrong-token');
    expect(redeploys()).toEqual([{}]);
  });
});
