/**
 * The fake Jira's Jira Software part: boards and sprints
 * (`/rest/agile/1.0/...`, paged by `startAt`/`isLast`, 50 at most) and a
 * sprint's issues (`/rest/software/1.0/sprint/{id}/issue`, paged by
 * `nextPageToken`), shaped as Atlassian documents them and jira.js 6 reads them.
 */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import type { JiraIssue, JiraProject } from './fake-jira-data.js';
import { compileJql, JqlError } from './fake-jira-jql.js';
import { jiraError, offsetOf, pageToken, pickFields, requestedFields, success } from './fake-jira-responses.js';

export interface AgileBoard {
  id: number;
  self: string;
  name: string;
  type: 'scrum' | 'kanban' | 'simple';
  location: {
    projectId: number;
    displayName: string;
    projectName: string;
    projectKey: string;
    projectTypeKey: string;
    avatarURI: string;
    name: string;
  };
}

export interface AgileSprint {
  id: number;
  self: string;
  state: 'future' | 'active' | 'closed';
  name: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  createdDate: string;
  originBoardId: number;
  goal: string;
}

/** Route keys of the Jira Software part. */
export const JIRA_AGILE_ROUTES = {
  listBoards: 'GET /rest/agile/1.0/board',
  listSprints: 'GET /rest/agile/1.0/board/:boardId/sprint',
  sprintIssues: 'GET /rest/software/1.0/sprint/:sprintId/issue',
} as const;

/** Jira Software's largest page. */
const MAX_AGILE_PAGE = 50;

function board(api: string, id: number, name: string, type: AgileBoard['type'], project: JiraProject): AgileBoard {
  return {
    id,
    self: `${api}/rest/agile/1.0/board/${id}`,
    name,
    type,
    location: {
      projectId: Number(project.id),
      displayName: `${project.name} (${project.key})`,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: project.projectTypeKey,
      avatarURI: `${api}/secure/projectavatar?size=small&pid=${project.id}`,
      name: `${project.name} (${project.key})`,
    },
  };
}

function sprint(api: string, id: number, state: AgileSprint['state'], boardId: number, week: number): AgileSprint {
  const start = Date.parse('2026-01-05T09:00:00.000Z') + week * 14 * 86_400_000;
  return {
    id,
    self: `${api}/rest/agile/1.0/sprint/${id}`,
    state,
    name: `DEMO Sprint ${id}`,
    ...(state === 'future' ? {} : { startDate: new Date(start).toISOString() }),
    ...(state === 'future' ? {} : { endDate: new Date(start + 14 * 86_400_000).toISOString() }),
    ...(state === 'closed' ? { completeDate: new Date(start + 14 * 86_400_000).toISOString() } : {}),
    createdDate: new Date(start - 86_400_000).toISOString(),
    originBoardId: boardId,
    goal: state === 'active' ? `Ship sprint ${id}` : '',
  };
}

/** Boards (1: DEMO scrum, 2: kanban, then scrum boards), sprints on board 1 (closed, active…, future). */
export function seedAgile(
  api: string,
  projects: readonly JiraProject[],
  issues: readonly JiraIssue[],
  options: { boards: number; activeSprints: number },
): { boards: AgileBoard[]; sprints: AgileSprint[]; sprintIssues: Map<number, string[]> } {
  const demo = projects[0] as JiraProject;
  const other = projects[1] ?? demo;
  const boards: AgileBoard[] = [];
  for (let id = 1; id <= options.boards; id++) {
    if (id === 1) boards.push(board(api, 1, 'DEMO board', 'scrum', demo));
    else if (id === 2) boards.push(board(api, 2, `${other.key} kanban`, 'kanban', other));
    else boards.push(board(api, id, `Team board ${id}`, 'scrum', demo));
  }
  const sprints = [sprint(api, 1, 'closed', 1, 0)];
  for (let i = 0; i < options.activeSprints; i++) sprints.push(sprint(api, 2 + i, 'active', 1, 1));
  sprints.push(sprint(api, 2 + options.activeSprints, 'future', 1, 2));
  const active = sprints.find((candidate) => candidate.state === 'active');
  const sprintIssues = new Map<number, string[]>();
  if (active)
    sprintIssues.set(
      active.id,
      issues.map((issue) => issue.key),
    );
  return { boards, sprints, sprintIssues };
}

/** What the agile routes read: the live seed. */
export interface AgileWorld {
  boards: AgileBoard[];
  sprints: AgileSprint[];
  sprintIssues: Map<number, string[]>;
  issues: JiraIssue[];
  me: { accountId: string };
}

function offsetPage<T>(request: FakeRequest, items: readonly T[], withTotal: boolean) {
  const startAt = Math.max(0, Number(request.query.get('startAt')) || 0);
  const maxResults = Math.min(MAX_AGILE_PAGE, Math.max(1, Number(request.query.get('maxResults')) || MAX_AGILE_PAGE));
  const values = items.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= items.length;
  return success({ maxResults, startAt, ...(withTotal ? { total: items.length } : {}), isLast, values });
}

export function agileRoutes(
  world: AgileWorld,
): Record<(typeof JIRA_AGILE_ROUTES)[keyof typeof JIRA_AGILE_ROUTES], FakeRoute> {
  const boardOf = (request: FakeRequest) => world.boards.find((b) => String(b.id) === request.params.boardId);
  return {
    [JIRA_AGILE_ROUTES.listBoards]: (request) => {
      const type = request.query.get('type');
      const name = request.query.get('name')?.toLowerCase();
      const project = request.query.get('projectKeyOrId')?.toUpperCase();
      const matching = world.boards.filter(
        (b) =>
          (!type || b.type === type) &&
          (!name || b.name.toLowerCase().includes(name)) &&
          (!project || b.location.projectKey === project || String(b.location.projectId) === project),
      );
      return offsetPage(request, matching, true);
    },
    [JIRA_AGILE_ROUTES.listSprints]: (request) => {
      const found = boardOf(request);
      if (!found) return jiraError(404, ['Board does not exist or you do not have permission to see it.']);
      if (found.type !== 'scrum') return jiraError(400, ['The board does not support sprints']);
      const states = (request.query.get('state') ?? '').split(',').filter(Boolean);
      const matching = world.sprints.filter(
        (s) => s.originBoardId === found.id && (states.length === 0 || states.includes(s.state)),
      );
      return offsetPage(request, matching, false);
    },
    [JIRA_AGILE_ROUTES.sprintIssues]: (request) => {
      const id = Number(request.params.sprintId);
      if (!world.sprints.some((s) => s.id === id)) return jiraError(404, [`Sprint with id ${id} does not exist.`]);
      let compiled: ReturnType<typeof compileJql> | undefined;
      try {
        const jql = request.query.get('jql');
        compiled = jql ? compileJql(jql) : undefined;
      } catch (error) {
        if (error instanceof JqlError) return jiraError(400, [error.message]);
        throw error;
      }
      const token = request.query.get('nextPageToken');
      const offset = token === null ? 0 : offsetOf(token);
      if (offset === undefined) return jiraError(400, ['The provided next page token is invalid or expired.']);
      const size = Math.min(MAX_AGILE_PAGE, Math.max(1, Number(request.query.get('maxResults')) || MAX_AGILE_PAGE));
      const keys = world.sprintIssues.get(id) ?? [];
      const matching = world.issues.filter(
        (issue) => keys.includes(issue.key) && (!compiled || compiled.matches(issue, world.me.accountId)),
      );
      const fields = requestedFields(request.query.getAll('fields'));
      const page = matching.slice(offset, offset + size).map((issue) => pickFields(issue, fields));
      const more = offset + size < matching.length;
      return success({
        expand: 'schema,names',
        issues: page,
        ...(more ? { nextPageToken: pageToken(offset + size) } : {}),
        isLast: !more,
      });
    },
  };
}
