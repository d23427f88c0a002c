// Redeploys the MCPist service on Koyeb, smoke-tests it, and rolls back on
// failure (spec-inf §9.3). Run by .github/workflows/deploy.yml with Node 24
// (which runs this TypeScript file directly):
//
//   KOYEB_API_TOKEN=… KOYEB_SERVICE_ID=… MCPIST_URL=https://mcpist.app node infra/scripts/koyeb-deploy.ts
//
// Exit codes: 0 deployed and healthy; 1 the new deployment failed and the
// previous one is back; 2 the rollback failed too (act now: Koyeb console).
// Koyeb REST API (https://app.koyeb.com, bearer token): GET /v1/services/{id},
// GET /v1/deployments/{id}, POST /v1/services/{id}/redeploy, PUT /v1/services/{id}.
// infra/scripts/koyeb-deploy.test.ts runs it against a fake of those routes.

/** Deployment statuses after which a deployment will not become healthy. */
const FAILED = new Set(['ERROR', 'ERRORING', 'CANCELED', 'CANCELING', 'STOPPED', 'STOPPING', 'UNHEALTHY', 'STASHED']);

export interface DeployOptions {
  /** Koyeb API base URL. */
  api: string;
  token: string;
  serviceId: string;
  /** The service's public URL, for the smoke test. */
  appUrl: string;
  /** Deployment status checks before giving up (one per `pollMs`). */
  maxPolls?: number;
  pollMs?: number;
  /** Smoke-test attempts (the first requests after HEALTHY may still meet a warming instance). */
  smokeAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

export interface DeployResult {
  outcome: 'deployed' | 'rolled-back' | 'rollback-failed';
  deploymentId?: string;
  previousDeploymentId?: string;
  reason?: string;
}

interface Deployment {
  id: string;
  status?: string;
  metadata?: { git?: { sha?: string } };
  definition?: unknown;
}

class DeployError extends Error {}

function client(options: DeployOptions) {
  const base = options.api.replace(/\/+$/, '');
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      // Koyeb errors are {"status":…, "code":…, "message":…}; never echo the request (it has the token).
      const message = (() => {
        try {
          return (JSON.parse(text) as { message?: string }).message ?? '';
        } catch {
          return '';
        }
      })();
      throw new DeployError(`Koyeb ${method} ${path}: HTTP ${response.status}${message ? ` (${message})` : ''}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  };
}

/** Polls a deployment until HEALTHY; throws when it fails or never gets there. */
async function waitHealthy(options: DeployOptions, call: ReturnType<typeof client>, id: string): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  let status = 'UNKNOWN';
  for (let poll = 0; poll < (options.maxPolls ?? 60); poll++) {
    status = (await call<{ deployment: Deployment }>('GET', `/v1/deployments/${id}`)).deployment.status ?? 'UNKNOWN';
    if (status === 'HEALTHY') return;
    if (FAILED.has(status)) throw new DeployError(`deployment ${id} is ${status}`);
    await sleep(options.pollMs ?? 10_000);
  }
  throw new DeployError(`deployment ${id} not healthy after ${options.maxPolls ?? 60} checks (last status ${status})`);
}

/** GET /health (status ok or degraded) and GET /api/version (a version), as the seed's smoke test. */
async function smokeTest(options: DeployOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const base = options.appUrl.replace(/\/+$/, '');
  let problem = '';
  for (let attempt = 0; attempt < (options.smokeAttempts ?? 5); attempt++) {
    try {
      const health = await fetch(`${base}/health`);
      const body = (await health.json().catch(() => ({}))) as { status?: string };
      if (!health.ok || body.status === 'unavailable') throw new Error(`/health: HTTP ${health.status}`);
      const version = await fetch(`${base}/api/version`);
      const info = (await version.json().catch(() => ({}))) as { version?: string };
      if (!version.ok || !info.version) throw new Error(`/api/version: HTTP ${version.status}`);
      options.log?.(`smoke test passed: version ${info.version}, health ${body.status}`);
      return;
    } catch (error) {
      problem = (error as Error).message;
      await sleep(options.pollMs ?? 10_000);
    }
  }
  throw new DeployError(`smoke test failed: ${problem}`);
}

export async function deployWithRollback(options: DeployOptions): Promise<DeployResult> {
  const log = options.log ?? (() => {});
  const call = client(options);
  const service = (
    await call<{ service: { active_deployment_id?: string } }>('GET', `/v1/services/${options.serviceId}`)
  ).service;
  const previousId = service.active_deployment_id;
  const previous = previousId
    ? (await call<{ deployment: Deployment }>('GET', `/v1/deployments/${previousId}`)).deployment
    : undefined;
  log(
    `active deployment before: ${previousId ?? 'none'}${previous?.metadata?.git?.sha ? ` (${previous.metadata.git.sha})` : ''}`,
  );

  const redeployed = await call<{ deployment: Deployment }>('POST', `/v1/services/${options.serviceId}/redeploy`, {});
  const deploymentId = redeployed.deployment.id;
  log(`redeploying: deployment ${deploymentId}`);
  try {
    await waitHealthy(options, call, deploymentId);
    await smokeTest(options);
    log('deployed');
    return { outcome: 'deployed', deploymentId, ...(previousId ? { previousDeploymentId: previousId } : {}) };
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    const reason = error.message;
    log(`deployment failed: ${reason}; rolling back`);
    if (!previous) return { outcome: 'rollback-failed', deploymentId, reason: `${reason}; no previous deployment` };
    try {
      const sha = previous.metadata?.git?.sha;
      // A git-built service goes back to the previous commit; an image-based one to the previous definition.
      const rollback = sha
        ? await call<{ deployment: Deployment }>('POST', `/v1/services/${options.serviceId}/redeploy`, { sha })
        : await call<{ service: { latest_deployment_id?: string } }>('PUT', `/v1/services/${options.serviceId}`, {
            definition: previous.definition,
          }).then((reply) => ({ deployment: { id: reply.service.latest_deployment_id ?? '' } }));
      await waitHealthy(options, call, rollback.deployment.id);
      await smokeTest(options);
      log(`rolled back to ${sha ?? `the definition of ${previous.id}`}`);
      return { outcome: 'rolled-back', deploymentId, previousDeploymentId: previous.id, reason };
    } catch (rollbackError) {
      if (!(rollbackError instanceof DeployError)) throw rollbackError;
      return {
        outcome: 'rollback-failed',
        deploymentId,
        previousDeploymentId: previous.id,
        reason: `${reason}; rollback: ${rollbackError.message}`,
      };
    }
  }
}

const EXIT_CODES = { deployed: 0, 'rolled-back': 1, 'rollback-failed': 2 } as const;

if (import.meta.main) {
  const env = process.env;
  const missing = ['KOYEB_API_TOKEN', 'KOYEB_SERVICE_ID', 'MCPIST_URL'].filter((name) => !env[name]);
  if (missing.length > 0) {
    console.error(`koyeb-deploy: set ${missing.join(', ')}`);
    process.exit(2);
  }
  try {
    const result = await deployWithRollback({
      api: env.KOYEB_API_URL || 'https://app.koyeb.com',
      token: env.KOYEB_API_TOKEN ?? '',
      serviceId: env.KOYEB_SERVICE_ID ?? '',
      appUrl: env.MCPIST_URL ?? '',
      log: (line) => console.log(line),
    });
    if (result.reason) console.error(`koyeb-deploy: ${result.outcome}: ${result.reason}`);
    process.exit(EXIT_CODES[result.outcome]);
  } catch (error) {
    // Koyeb unreachable or refusing before anything was deployed, or mid-way: look at the console.
    console.error(`koyeb-deploy: ${(error as Error).message}`);
    process.exit(2);
  }
}
