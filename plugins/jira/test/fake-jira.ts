/**
 * A fake Jira Cloud REST API v3 on 127.0.0.1, for the plugin's tests and the
 * core's end-to-end tests. It answers with the documented response shapes,
 * pages the enhanced JQL search with `nextPageToken` and the project search
 * with `startAt`/`isLast`, checks Basic `email:token` (or a Bearer token) like
 * Jira Cloud, and validates write bodies as Jira does (ADF for rich text).
 *
 * @example
 * const jira = await startFakeJira({ issues: 120 });
 * await runTool(plugin, 'search_issues', { jql: 'project = DEMO' },
 *   { baseUrl: jira.url, credential: jira.credential });
 * jira.route(JIRA_ROUTES.getIssue, () => serverError());
 * jira.restore(JIRA_ROUTES.getIssue);
 * await jira.close();
 */
import type { Credential } from '@mcpist/plugin-sdk';
import { type FakeRequest, type FakeRoute, type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import { agileRoutes, JIRA_AGILE_ROUTES } from './fake-jira-agile.js';
import { type JiraComment, type JiraIssue, jiraNow } from './fake-jira-data.js';
import { compileJql, JqlError } from './fake-jira-jql.js';
import {
  isAdf,
  isAuthorized,
  issueNotFound,
  jiraError,
  NOT_ADF,
  noContent,
  offsetOf,
  pageToken,
  pickFields,
  requestedFields,
  success,
  unauthorized,
} from './fake-jira-responses.js';
import { createSeed, type FakeJiraSeed } from './fake-jira-seed.js';
import { JIRA_WORK_ROUTES, workRoutes } from './fake-jira-work.js';
import { transitionOf } from './fake-jira-work-data.js';

export type { AgileBoard, AgileSprint } from './fake-jira-agile.js';
export type { JiraComment, JiraIssue, JiraProject, JiraUser } from './fake-jira-data.js';
export { jiraError, rateLimited, serverError, unauthorized } from './fake-jira-responses.js';
export type { FakeJiraSeed } from './fake-jira-seed.js';
export type { JiraWorklog } from './fake-jira-work-data.js';

/** Route keys of the fake, for `fake.route(key, handler)` overrides and `fake.count(key)`. */
export const JIRA_ROUTES = {
  searchIssues: 'POST /rest/api/3/search/jql',
  getIssue: 'GET /rest/api/3/issue/:issueIdOrKey',
  createIssue: 'POST /rest/api/3/issue',
  editIssue: 'PUT /rest/api/3/issue/:issueIdOrKey',
  deleteIssue: 'DELETE /rest/api/3/issue/:issueIdOrKey',
  getTransitions: 'GET /rest/api/3/issue/:issueIdOrKey/transitions',
  doTransition: 'POST /rest/api/3/issue/:issueIdOrKey/transitions',
  addComment: 'POST /rest/api/3/issue/:issueIdOrKey/comment',
  assignIssue: 'PUT /rest/api/3/issue/:issueIdOrKey/assignee',
  searchProjects: 'GET /rest/api/3/project/search',
  findUsers: 'GET /rest/api/3/user/search',
  ...JIRA_WORK_ROUTES,
  ...JIRA_AGILE_ROUTES,
} as const;

export type JiraRouteKey = (typeof JIRA_ROUTES)[keyof typeof JIRA_ROUTES];

/** What to seed the fake with. Every field is optional. */
export interface FakeJiraOptions {
  /** Email of the account the token belongs to. Default `mia@example.com`. */
  email?: string;
  /** The only API token accepted. Default `ATATT3xFfGF0fakeJiraToken000000000000`. */
  token?: string;
  /** The site put in the credential's `site` field. Default `acme.atlassian.net`. */
  site?: string;
  /** Issues in project DEMO, keyed DEMO-1…. Default 3. */
  issues?: number;
  /** Projects besides DEMO, keyed P001…. Default 2. */
  projects?: number;
  /** Comments on the first issue (DEMO-1), by turns of the users. Default 2. */
  comments?: number;
  /** Worklogs on DEMO-1. Default 2. */
  worklogs?: number;
  /** Watchers of DEMO-1: the users in order, then generated "Watcher n" users. Default 2. */
  watchers?: number;
  /** Transitions every issue offers: To Do, Start progress, Done, then "Step n". Default 3. */
  transitions?: number;
  /** Issue types: Task, Bug, Story, Epic, then "Type n". Default 4. */
  issueTypes?: number;
  /** Custom select fields on every create form ("Team", required, then "Custom field n"). Default 2. */
  customFields?: number;
  /** Boards: 1 DEMO scrum, 2 kanban, then scrum boards. Default 2. */
  boards?: number;
  /** Active sprints on board 1 (between a closed and a future one); the first holds every issue. Default 1. */
  activeSprints?: number;
}

/** A JSON body a built-in route answered with, for size comparisons. */
export interface FakeJiraAnswer {
  route: JiraRouteKey;
  status: number;
  /** The body exactly as sent. */
  body: string;
}

/** A running fake Jira: the SDK's fake upstream plus credentials and seed data. */
export type FakeJira = FakeUpstream & {
  readonly email: string;
  readonly token: string;
  readonly site: string;
  /** A type-A credential the fake accepts, for `runTool`. */
  readonly credential: Credential;
  readonly seed: FakeJiraSeed;
  /** JSON bodies answered by the built-in routes, in order. */
  readonly answers: FakeJiraAnswer[];
  /** Puts a built-in route back after `route()` replaced it. */
  restore(key: JiraRouteKey): void;
};

/**
 * Starts a fake Jira on `127.0.0.1:0`, seeded per `options`. Requests without
 * the right credential get Jira Cloud's 401. Override any route of
 * {@link JIRA_ROUTES} with `route(key, handler)` and put it back with
 * `restore(key)`; every request is in `requests`. Close it when done.
 */
export async function startFakeJira(options: FakeJiraOptions = {}): Promise<FakeJira> {
  const email = options.email ?? 'mia@example.com';
  const token = options.token ?? 'ATATT3xFfGF0fakeJiraToken000000000000';
  const site = options.site ?? 'acme.atlassian.net';
  const upstream = await startFakeUpstream();
  const api = upstream.url;

  const { seed, hiddenEmails, types, priorities, statusNamed, addIssue } = createSeed(api, {
    email,
    issues: options.issues ?? 3,
    projects: options.projects ?? 2,
    comments: options.comments ?? 2,
    worklogs: options.worklogs ?? 2,
    watchers: options.watchers ?? 2,
    transitions: options.transitions ?? 3,
    issueTypes: options.issueTypes ?? 4,
    customFields: options.customFields ?? 2,
    boards: options.boards ?? 2,
    activeSprints: options.activeSprints ?? 1,
  });
  const { me, users, projects, issues } = seed;
  const issueByKey = (key: unknown) => {
    const wanted = String(key ?? '').toUpperCase();
    return issues.find((issue) => issue.key === wanted || issue.id === wanted);
  };
  const issueOf = (request: FakeRequest) => issueByKey(request.params.issueIdOrKey);
  const withIssue = (request: FakeRequest, answer: (issue: JiraIssue) => ReturnType<FakeRoute>) => {
    const issue = issueOf(request);
    return issue ? answer(issue) : issueNotFound();
  };
  const body = (request: FakeRequest) => (request.body ?? {}) as Record<string, unknown>;

  const routes: Record<JiraRouteKey, FakeRoute> = {
    [JIRA_ROUTES.searchIssues]: (request) => {
      const { jql, maxResults, nextPageToken, fields } = body(request) as {
        jql?: string;
        maxResults?: number;
        nextPageToken?: string;
        fields?: string[];
      };
      let compiled: ReturnType<typeof compileJql>;
      try {
        compiled = compileJql(jql ?? '');
      } catch (error) {
        if (error instanceof JqlError) return jiraError(400, [error.message]);
        throw error;
      }
      const offset = nextPageToken === undefined ? 0 : offsetOf(nextPageToken);
      if (offset === undefined) return jiraError(400, ['The provided next page token is invalid or expired.']);
      const size = Math.min(100, Math.max(1, maxResults ?? 50));
      const matching = issues.filter((issue) => compiled.matches(issue, me.accountId)).sort(compiled.compare);
      const page = matching.slice(offset, offset + size).map((issue) => pickFields(issue, requestedFields(fields)));
      const more = offset + size < matching.length;
      return success({ issues: page, ...(more ? { nextPageToken: pageToken(offset + size) } : {}), isLast: !more });
    },
    [JIRA_ROUTES.getIssue]: (request) =>
      withIssue(request, (issue) => success(pickFields(issue, requestedFields(request.query.getAll('fields'))))),
    [JIRA_ROUTES.createIssue]: (request) => {
      const fields = (body(request).fields ?? {}) as Record<string, unknown>;
      const errors: Record<string, string> = {};
      const projectKey = (fields.project as { key?: unknown } | undefined)?.key;
      const project = projects.find((candidate) => candidate.key === projectKey);
      const type = types.find((candidate) => candidate.name === (fields.issuetype as { name?: unknown })?.name);
      if (!project) errors.project = 'valid project is required';
      if (typeof fields.summary !== 'string' || fields.summary.trim() === '') {
        errors.summary = 'You must specify a summary of the issue.';
      }
      if (!type) errors.issuetype = 'Specify a valid issue type';
      if (fields.description !== undefined && !isAdf(fields.description)) errors.description = NOT_ADF;
      if (Object.keys(errors).length > 0 || !project || !type) return jiraError(400, [], errors);
      const created = addIssue({
        project,
        summary: String(fields.summary),
        issueType: type,
        status: statusNamed('To Do'),
        assignee: null,
        description: fields.description ?? null,
        labels: Array.isArray(fields.labels) ? fields.labels.map(String) : [],
      });
      return success({ id: created.id, key: created.key, self: created.self }, 201);
    },
    [JIRA_ROUTES.editIssue]: (request) =>
      withIssue(request, (issue) => {
        const { fields = {}, update = {} } = body(request) as {
          fields?: Record<string, unknown>;
          update?: { labels?: Array<{ add?: string; remove?: string; set?: string[] }> };
        };
        if ('summary' in fields && (typeof fields.summary !== 'string' || fields.summary.trim() === '')) {
          return jiraError(400, [], { summary: 'You must specify a summary of the issue.' });
        }
        if (fields.description !== undefined && fields.description !== null && !isAdf(fields.description)) {
          return jiraError(400, [], { description: NOT_ADF });
        }
        if ('labels' in fields && update.labels) {
          return jiraError(400, [], { labels: 'Field labels cannot be set and updated in one request.' });
        }
        Object.assign(issue.fields, fields, { updated: jiraNow() });
        let labels = (issue.fields.labels as string[]) ?? [];
        for (const operation of update.labels ?? []) {
          if (operation.add && !labels.includes(operation.add)) labels = [...labels, operation.add];
          if (operation.remove) labels = labels.filter((label) => label !== operation.remove);
        }
        issue.fields.labels = labels;
        return noContent();
      }),
    [JIRA_ROUTES.deleteIssue]: (request) =>
      withIssue(request, (issue) => {
        issues.splice(issues.indexOf(issue), 1);
        return noContent();
      }),
    [JIRA_ROUTES.getTransitions]: (request) =>
      withIssue(request, () =>
        success({
          expand: 'transitions',
          transitions: seed.workflow.map((step) => transitionOf(step, statusNamed(step.status))),
        }),
      ),
    [JIRA_ROUTES.doTransition]: (request) =>
      withIssue(request, (issue) => {
        const id = (body(request).transition as { id?: unknown } | undefined)?.id;
        const step = seed.workflow.find((candidate) => candidate.id === id);
        if (!step) return jiraError(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
        issue.fields.status = statusNamed(step.status) ?? issue.fields.status;
        issue.fields.updated = jiraNow();
        return noContent();
      }),
    [JIRA_ROUTES.addComment]: (request) =>
      withIssue(request, (issue) => {
        const text = body(request).body;
        if (!isAdf(text)) return jiraError(400, [], { comment: NOT_ADF });
        const list = seed.comments.get(issue.key) ?? [];
        const id = String(10_000 + [...seed.comments.values()].flat().length + 1);
        const now = jiraNow();
        const comment: JiraComment = {
          self: `${api}/rest/api/3/issue/${issue.id}/comment/${id}`,
          id,
          author: me,
          body: text,
          updateAuthor: me,
          created: now,
          updated: now,
          jsdPublic: true,
        };
        seed.comments.set(issue.key, [...list, comment]);
        return success(comment, 201);
      }),
    [JIRA_ROUTES.assignIssue]: (request) =>
      withIssue(request, (issue) => {
        const { accountId } = body(request) as { accountId?: string | null };
        if (accountId === null || accountId === undefined) {
          issue.fields.assignee = null;
          return noContent();
        }
        const user = users.find((candidate) => candidate.accountId === accountId);
        if (!user) return jiraError(400, [], { assignee: `User '${accountId}' cannot be assigned issues.` });
        issue.fields.assignee = user;
        return noContent();
      }),
    [JIRA_ROUTES.searchProjects]: (request) => {
      const query = request.query.get('query')?.toLowerCase();
      const startAt = Math.max(0, Number(request.query.get('startAt')) || 0);
      // Jira's default page; asking for more still gives at most 50.
      const maxResults = Math.min(50, Math.max(1, Number(request.query.get('maxResults')) || 50));
      const matching = projects
        .filter((project) => !query || `${project.key} ${project.name}`.toLowerCase().includes(query))
        .sort((a, b) => a.key.localeCompare(b.key));
      const values = matching.slice(startAt, startAt + maxResults);
      const isLast = startAt + values.length >= matching.length;
      const self = new URL(`${request.path}?${request.query}`, api).href;
      const next = new URL(self);
      next.searchParams.set('startAt', String(startAt + values.length));
      return success({
        self,
        ...(isLast ? {} : { nextPage: next.href }),
        maxResults,
        startAt,
        total: matching.length,
        isLast,
        values,
      });
    },
    [JIRA_ROUTES.findUsers]: (request) => {
      const query = (request.query.get('query') ?? '').toLowerCase();
      if (query === '') return jiraError(400, ['The query parameter is required.']);
      // Jira matches the start of the email or of any word of the display name, hidden emails included.
      const found = users.filter((user) => {
        const mail = (user.emailAddress ?? hiddenEmails.get(user.accountId) ?? '').toLowerCase();
        return (
          mail.startsWith(query) ||
          user.displayName
            .toLowerCase()
            .split(/\s+/)
            .some((word) => word.startsWith(query))
        );
      });
      return success(found);
    },
    ...workRoutes({ api, seed, priorities, withIssue, issueByKey }),
    ...agileRoutes({ ...seed, issues, me }),
  };

  const answers: FakeJiraAnswer[] = [];
  const install = (key: JiraRouteKey) => {
    const handler = routes[key];
    upstream.route(key, async (request, fake) => {
      if (!isAuthorized(request, email, token)) return unauthorized();
      const answer = await handler(request, fake);
      if (answer.json !== undefined)
        answers.push({ route: key, status: answer.status ?? 200, body: JSON.stringify(answer.json) });
      return answer;
    });
  };
  for (const key of Object.values(JIRA_ROUTES)) install(key);

  const credential: Credential = { kind: 'token', token, fields: { email, site } };
  return Object.assign(upstream, { email, token, site, credential, seed, answers, restore: install });
}
