/**
 * The world the fake Jira serves: its users, workflow, priorities, issue
 * types, projects and issues, built from a few numbers so tests can predict
 * every record (issue n: status by n % 3, assignee by n % 3 and none when
 * n % 4 = 0, priority by n % 4, labels `backend` for even n and `urgent` for
 * multiples of 5).
 */
import { type AgileBoard, type AgileSprint, seedAgile } from './fake-jira-agile.js';
import {
  adfParagraph,
  type IssueSeed,
  type JiraComment,
  type JiraIssue,
  type JiraProject,
  type JiraStatus,
  type JiraUser,
  makeIssue,
  makeIssueType,
  makePriority,
  makeProject,
  makeStatus,
  makeUser,
  seedTime,
} from './fake-jira-data.js';
import {
  defaultLinkTypes,
  type JiraLinkType,
  type JiraWorkflowStep,
  type JiraWorklog,
  seedWorklogs,
} from './fake-jira-work-data.js';

/** The fake's default workflow: every transition is available from every status (global transitions). */
export const WORKFLOW: readonly JiraWorkflowStep[] = [
  { id: '11', name: 'To Do', status: 'To Do' },
  { id: '21', name: 'Start progress', status: 'In Progress' },
  { id: '31', name: 'Done', status: 'Done' },
];

/** The data the fake serves; mutable, so tests may add or change records. */
export interface FakeJiraSeed {
  /** The authenticated account (`currentUser()`). */
  me: JiraUser;
  /** Every user; the last one hides its email, as Atlassian privacy settings allow. */
  users: JiraUser[];
  /** DEMO first. */
  projects: JiraProject[];
  /** Issues in creation order; create_issue appends here, delete_issue removes. */
  issues: JiraIssue[];
  /** Comments by issue key. */
  comments: Map<string, JiraComment[]>;
  /** Worklogs by issue key. */
  worklogs: Map<string, JiraWorklog[]>;
  /** Watchers by issue key. */
  watchers: Map<string, JiraUser[]>;
  /** The transitions every issue offers: WORKFLOW, then generated ones. */
  workflow: JiraWorkflowStep[];
  /** Issue link types (Jira's defaults) and the links made. */
  linkTypes: JiraLinkType[];
  links: Array<{ id: string; type: string; inward: string; outward: string }>;
  /** Issue types every project offers; create_issue accepts these names. */
  issueTypes: JiraIssueType[];
  /** Custom select fields on every create form, after the system fields. */
  customFields: number;
  /** Jira Software: boards, sprints of board 1, and the issue keys in each sprint. */
  boards: AgileBoard[];
  sprints: AgileSprint[];
  sprintIssues: Map<number, string[]>;
}

type JiraIssueType = ReturnType<typeof makeIssueType>;

/** How much of each kind to seed; see FakeJiraOptions. */
export interface SeedCounts {
  email: string;
  issues: number;
  projects: number;
  comments: number;
  worklogs: number;
  watchers: number;
  transitions: number;
  issueTypes: number;
  customFields: number;
  boards: number;
  activeSprints: number;
}

/** The seed plus what the routes need to extend it. */
export interface SeedWorld {
  seed: FakeJiraSeed;
  /** Emails Jira matches in user search but does not show (privacy settings). */
  hiddenEmails: ReadonlyMap<string, string>;
  types: readonly JiraIssueType[];
  priorities: ReturnType<typeof makePriority>[];
  statusNamed(name: string): JiraStatus | undefined;
  /** Adds the next issue of DEMO (or of `fields.project`), numbered in sequence. */
  addIssue(fields?: Partial<IssueSeed>): JiraIssue;
}

/** `list[i]`, for seed lists whose length the fake itself chose. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`fake Jira seed has no item ${i}`);
  return item;
}

export function createSeed(api: string, options: SeedCounts): SeedWorld {
  const me = makeUser(api, '5b10a2844c20165700ede21g', 'Mia Krystof', options.email);
  const users = [
    me,
    makeUser(api, '5b10ac8d82e05b22cc7d4ef5', 'Alana Grant', 'alana@example.com'),
    makeUser(api, '712020:0f2b6c1e-ben0-4a4e-9d6f-000000000003', 'Ben Okafor', 'ben@example.com'),
    makeUser(api, '712020:0f2b6c1e-ben1-4a4e-9d6f-000000000004', 'Ben Okafor (AU)', 'ben@example.com.au'),
    makeUser(api, '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', 'Quinn Private'),
  ];
  const hiddenEmails = new Map([[at(users, 4).accountId, 'quinn@example.com']]);
  const categories = ['new', 'indeterminate', 'done'] as const;
  const statuses = WORKFLOW.map((step, i) => makeStatus(api, String(10_000 + i), step.status, at(categories, i)));
  // Jira's default priorities and their ids.
  const priorities = [
    ['Medium', '3'],
    ['High', '2'],
    ['Low', '4'],
    ['Highest', '1'],
  ].map(([name = '', id = '']) => makePriority(api, id, name));
  const typeNames = ['Task', 'Bug', 'Story', 'Epic'];
  for (let i = typeNames.length; i < options.issueTypes; i++) typeNames.push(`Type ${i + 1}`);
  const types = typeNames.map((name, i) => makeIssueType(api, String(10_001 + i), name));
  const projects = [makeProject(api, 10_000, 'DEMO', 'Demo Service')];
  for (let i = 1; i <= options.projects; i++) {
    projects.push(makeProject(api, 10_000 + i, `P${String(i).padStart(3, '0')}`, `Project ${i}`));
  }
  const issues: JiraIssue[] = [];
  let nextNumber = 1;
  const addIssue = (fields: Partial<IssueSeed> = {}) => {
    const number = nextNumber++;
    const issue = makeIssue({
      api,
      project: at(projects, 0),
      number,
      status: at(statuses, number % 3),
      priority: at(priorities, number % priorities.length),
      issueType: at(types, number % 3),
      assignee: number % 4 === 0 ? null : at(users, number % 3),
      reporter: me,
      labels: [...(number % 2 === 0 ? ['backend'] : []), ...(number % 5 === 0 ? ['urgent'] : [])],
      ...fields,
    });
    issues.push(issue);
    return issue;
  };
  for (let i = 0; i < options.issues; i++) addIssue();
  const first = issues[0];
  const comments = new Map<string, JiraComment[]>();
  const worklogs = new Map<string, JiraWorklog[]>();
  const watchers = new Map<string, JiraUser[]>();
  if (first) {
    comments.set(first.key, seedComments(api, first, users, options.comments));
    worklogs.set(first.key, seedWorklogs(api, first, users, options.worklogs));
    while (users.length < options.watchers) {
      const n = users.length + 1;
      users.push(
        makeUser(api, `712020:0000watch-${String(n).padStart(4, '0')}`, `Watcher ${n}`, `watcher${n}@example.com`),
      );
    }
    watchers.set(first.key, users.slice(0, options.watchers));
  }
  const workflow = [...WORKFLOW];
  for (let i = workflow.length; i < options.transitions; i++) {
    workflow.push({ id: String(41 + i), name: `Step ${i + 1}`, status: at(WORKFLOW, i % WORKFLOW.length).status });
  }
  return {
    seed: {
      me,
      users,
      projects,
      issues,
      comments,
      worklogs,
      watchers,
      workflow,
      linkTypes: defaultLinkTypes(api),
      links: [],
      issueTypes: types,
      customFields: options.customFields,
      ...seedAgile(api, projects, issues, options),
    },
    hiddenEmails,
    types,
    priorities,
    statusNamed: (name) => statuses.find((status) => status.name === name),
    addIssue,
  };
}

/** `count` comments on an issue, by turns of `users`, an hour apart. */
function seedComments(api: string, issue: JiraIssue, users: readonly JiraUser[], count: number): JiraComment[] {
  return Array.from({ length: count }, (_, i) => {
    const author = at(users, i % users.length);
    const time = seedTime(10 + i);
    return {
      self: `${api}/rest/api/3/issue/${issue.id}/comment/${10_001 + i}`,
      id: String(10_001 + i),
      author,
      body: adfParagraph(`Comment ${i + 1} on ${issue.key}: looks good from ${author.displayName}'s side.`),
      updateAuthor: author,
      created: time,
      updated: time,
      jsdPublic: true,
    };
  });
}
