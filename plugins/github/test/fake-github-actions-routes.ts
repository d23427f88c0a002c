/** The fake GitHub's Actions routes: list workflow runs (all or one workflow's), get one, re-run it. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { type GitHubWorkflowRun, WORKFLOWS } from './fake-github-activity-data.js';
import { type FakeGitHubKit, same } from './fake-github-kit.js';
import { gitHubError, paginate, success } from './fake-github-responses.js';

export const ACTIONS_ROUTES = {
  listRuns: 'GET /repos/:owner/:repo/actions/runs',
  listWorkflowRuns: 'GET /repos/:owner/:repo/actions/workflows/:workflow_id/runs',
  getRun: 'GET /repos/:owner/:repo/actions/runs/:run_id',
  rerun: 'POST /repos/:owner/:repo/actions/runs/:run_id/rerun',
  rerunFailed: 'POST /repos/:owner/:repo/actions/runs/:run_id/rerun-failed-jobs',
} as const;

const CONCLUSIONS = ['success', 'failure', 'cancelled', 'neutral', 'skipped', 'stale', 'timed_out', 'action_required'];

/** GitHub's `created` filter: `>=date`, `<=date`, `>date`, `<date`, `date` or `from..to`. */
export function matchesCreated(created: string, filter: string): boolean {
  const at = Date.parse(created);
  const day = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) return at >= day(range[1] ?? '') && at < day(range[2] ?? '') + 86_400_000;
  const compare = /^([<>]=?)?(.+)$/.exec(filter);
  const op = compare?.[1] ?? '';
  const value = day(compare?.[2] ?? '');
  if (op === '>=') return at >= value;
  if (op === '>') return at > value;
  if (op === '<=') return at <= value;
  if (op === '<') return at < value;
  return at >= value && at < value + 86_400_000;
}

function filterRuns(request: FakeRequest, runs: GitHubWorkflowRun[]): GitHubWorkflowRun[] {
  const query = (name: string) => request.query.get(name);
  const status = query('status');
  const created = query('created');
  return runs
    .filter((run) => !query('branch') || run.head_branch === query('branch'))
    .filter((run) => !query('event') || run.event === query('event'))
    .filter((run) => !query('actor') || same(run.actor.login, query('actor') ?? ''))
    .filter((run) => !query('head_sha') || run.head_sha === query('head_sha'))
    .filter((run) => !status || (CONCLUSIONS.includes(status) ? run.conclusion === status : run.status === status))
    .filter((run) => !created || matchesCreated(run.created_at, created));
}

export function actionsRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { seed } = kit;
  const runsOf = (request: FakeRequest) => (kit.isMain(request) ? seed.workflowRuns : []);
  const runOf = (request: FakeRequest) => runsOf(request).find((run) => String(run.id) === request.params.run_id);
  const listed = (request: FakeRequest, runs: GitHubWorkflowRun[]) => {
    const page = paginate(kit.api, request, runs);
    return success({ total_count: runs.length, workflow_runs: page.items }, { headers: page.headers });
  };
  const rerun = (request: FakeRequest) => {
    const run = runOf(request);
    if (!run) return gitHubError(404, 'Not Found');
    if (run.status !== 'completed') return gitHubError(403, 'This workflow run is not completed');
    Object.assign(run, {
      status: 'queued',
      conclusion: null,
      run_attempt: run.run_attempt + 1,
      previous_attempt_url: `${run.url}/attempts/${run.run_attempt}`,
      updated_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    return kit.ok({}, {}, 201);
  };

  return {
    [ACTIONS_ROUTES.listRuns]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      return listed(request, filterRuns(request, runsOf(request)));
    },
    [ACTIONS_ROUTES.listWorkflowRuns]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      const id = request.params.workflow_id ?? '';
      const workflow = WORKFLOWS.find((candidate) => String(candidate.id) === id || candidate.path.endsWith(`/${id}`));
      if (!workflow) return gitHubError(404, 'Not Found');
      const runs = runsOf(request).filter((run) => run.workflow_id === workflow.id);
      return listed(request, filterRuns(request, runs));
    },
    [ACTIONS_ROUTES.getRun]: (request) => {
      const run = runOf(request);
      return run ? kit.ok(run) : gitHubError(404, 'Not Found');
    },
    [ACTIONS_ROUTES.rerun]: rerun,
    [ACTIONS_ROUTES.rerunFailed]: rerun,
  };
}
