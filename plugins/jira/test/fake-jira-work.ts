/**
 * The fake Jira's routes for the work around issues: comment listing,
 * worklogs, watchers, issue links and link types, and the create metadata
 * (issue types and fields per project), with the documented bodies, pages
 * (`startAt`/`maxResults`/`total`) and refusals.
 */
import type { FakeRequest, FakeResponse, FakeRoute } from '@mcpist/plugin-sdk/testing';
import type { JiraIssue, JiraNamed, JiraUser } from './fake-jira-data.js';
import { jiraNow } from './fake-jira-data.js';
import { isAdf, jiraError, NOT_ADF, noContent, success } from './fake-jira-responses.js';
import type { FakeJiraSeed } from './fake-jira-seed.js';
import { createFields, durationSeconds, linkedIssue, makeWorklog } from './fake-jira-work-data.js';

/** Route keys of this part. */
export const JIRA_WORK_ROUTES = {
  listComments: 'GET /rest/api/3/issue/:issueIdOrKey/comment',
  listWorklogs: 'GET /rest/api/3/issue/:issueIdOrKey/worklog',
  addWorklog: 'POST /rest/api/3/issue/:issueIdOrKey/worklog',
  listWatchers: 'GET /rest/api/3/issue/:issueIdOrKey/watchers',
  addWatcher: 'POST /rest/api/3/issue/:issueIdOrKey/watchers',
  listLinkTypes: 'GET /rest/api/3/issueLinkType',
  linkIssues: 'POST /rest/api/3/issueLink',
  createMetaIssueTypes: 'GET /rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes',
  createMetaFields: 'GET /rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId',
} as const;

/** What these routes need from the fake: the live seed, the issue lookup and the extra fields. */
export interface WorkWorld {
  api: string;
  seed: FakeJiraSeed;
  priorities: readonly JiraNamed[];
  withIssue(request: FakeRequest, answer: (issue: JiraIssue) => FakeResponse): ReturnType<FakeRoute>;
  issueByKey(key: unknown): JiraIssue | undefined;
}

/** Jira's `startAt`/`maxResults`/`total` page of `items` under `name` (at most `max` per page). */
function offsetPage(request: FakeRequest, name: string, items: readonly unknown[], max: number): FakeResponse {
  const startAt = Math.max(0, Number(request.query.get('startAt')) || 0);
  const maxResults = Math.min(max, Math.max(1, Number(request.query.get('maxResults')) || max));
  return success({ startAt, maxResults, total: items.length, [name]: items.slice(startAt, startAt + maxResults) });
}

/** Worklog `started`, as Jira requires it: `2026-01-05T10:00:00.000+0000`. */
const JIRA_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/;

export function workRoutes(
  world: WorkWorld,
): Record<(typeof JIRA_WORK_ROUTES)[keyof typeof JIRA_WORK_ROUTES], FakeRoute> {
  const { api, seed, withIssue } = world;
  const body = (request: FakeRequest) => (request.body ?? {}) as Record<string, unknown>;
  const project = (request: FakeRequest) => {
    const wanted = (request.params.projectIdOrKey ?? '').toUpperCase();
    return seed.projects.find((candidate) => candidate.key === wanted || candidate.id === wanted);
  };
  const noProject = (request: FakeRequest) =>
    jiraError(404, [`No project could be found with key '${request.params.projectIdOrKey}'.`]);

  return {
    [JIRA_WORK_ROUTES.listComments]: (request) =>
      withIssue(request, (issue) => {
        const comments = [...(seed.comments.get(issue.key) ?? [])];
        if (request.query.get('orderBy') === '-created') comments.reverse();
        return offsetPage(request, 'comments', comments, 100);
      }),
    [JIRA_WORK_ROUTES.listWorklogs]: (request) =>
      withIssue(request, (issue) => {
        const after = Number(request.query.get('startedAfter')) || 0;
        const worklogs = (seed.worklogs.get(issue.key) ?? []).filter((w) => Date.parse(w.started) >= after);
        return offsetPage(request, 'worklogs', worklogs, 100);
      }),
    [JIRA_WORK_ROUTES.addWorklog]: (request) =>
      withIssue(request, (issue) => {
        const { timeSpent, timeSpentSeconds, started, comment } = body(request);
        const seconds =
          typeof timeSpentSeconds === 'number'
            ? timeSpentSeconds
            : typeof timeSpent === 'string'
              ? durationSeconds(timeSpent)
              : undefined;
        if (seconds === undefined || seconds < 60) {
          return jiraError(400, [], { timeLogged: 'Invalid time duration entered.' });
        }
        if (typeof started !== 'string' || !JIRA_TIME.test(started)) {
          return jiraError(400, [], {
            started: 'Invalid date format. Please enter the date in the format "d/MMM/yy".',
          });
        }
        if (comment !== undefined && !isAdf(comment)) return jiraError(400, [], { comment: NOT_ADF });
        const list = seed.worklogs.get(issue.key) ?? [];
        const all = [...seed.worklogs.values()].flat().length;
        const worklog = makeWorklog({
          api,
          issue,
          id: String(30_000 + all + 1),
          author: seed.me,
          started,
          seconds,
          created: jiraNow(),
          comment,
        });
        seed.worklogs.set(issue.key, [...list, worklog]);
        return success(worklog, 201);
      }),
    [JIRA_WORK_ROUTES.listWatchers]: (request) =>
      withIssue(request, (issue) => {
        const watchers = seed.watchers.get(issue.key) ?? [];
        return success({
          self: `${api}/rest/api/3/issue/${issue.key}/watchers`,
          isWatching: watchers.some((user) => user.accountId === seed.me.accountId),
          watchCount: watchers.length,
          watchers,
        });
      }),
    [JIRA_WORK_ROUTES.addWatcher]: (request) =>
      withIssue(request, (issue) => {
        const accountId = request.body === undefined ? seed.me.accountId : request.body;
        if (typeof accountId !== 'string') return jiraError(400, ['The request body must be an account id string.']);
        const user: JiraUser | undefined = seed.users.find((candidate) => candidate.accountId === accountId);
        if (!user) return jiraError(404, [`The user with account ID '${accountId}' does not exist.`]);
        const watchers = seed.watchers.get(issue.key) ?? [];
        if (!watchers.includes(user)) seed.watchers.set(issue.key, [...watchers, user]);
        return noContent();
      }),
    [JIRA_WORK_ROUTES.listLinkTypes]: () => success({ issueLinkTypes: seed.linkTypes }),
    [JIRA_WORK_ROUTES.linkIssues]: (request) => {
      const { type, inwardIssue, outwardIssue } = body(request) as {
        type?: { name?: string; id?: string };
        inwardIssue?: { key?: string };
        outwardIssue?: { key?: string };
      };
      const linkType = seed.linkTypes.find((candidate) => candidate.name === type?.name || candidate.id === type?.id);
      if (!linkType) return jiraError(404, [`No issue link type with name '${type?.name}' found.`]);
      const inward = world.issueByKey(inwardIssue?.key);
      const outward = world.issueByKey(outwardIssue?.key);
      if (!inward || !outward) return jiraError(404, ['Issue Does Not Exist']);
      const id = String(40_000 + seed.links.length + 1);
      const self = `${api}/rest/api/3/issueLink/${id}`;
      seed.links.push({ id, type: linkType.name, inward: inward.key, outward: outward.key });
      // Each side lists the other: the inward issue shows the outward phrase ("blocks") towards outwardIssue.
      (inward.fields.issuelinks as unknown[]).push({ id, self, type: linkType, outwardIssue: linkedIssue(outward) });
      (outward.fields.issuelinks as unknown[]).push({ id, self, type: linkType, inwardIssue: linkedIssue(inward) });
      return { status: 201, body: '' };
    },
    [JIRA_WORK_ROUTES.createMetaIssueTypes]: (request) => {
      if (!project(request)) return noProject(request);
      return offsetPage(request, 'issueTypes', seed.issueTypes, 50);
    },
    [JIRA_WORK_ROUTES.createMetaFields]: (request) => {
      const found = project(request);
      if (!found) return noProject(request);
      const type = seed.issueTypes.find((candidate) => candidate.id === request.params.issueTypeId);
      if (!type) return jiraError(400, ['The issue type selected is invalid.']);
      const fields = createFields(api, found, type, world.priorities, seed.customFields);
      return offsetPage(request, 'fields', fields, 50);
    },
  };
}
