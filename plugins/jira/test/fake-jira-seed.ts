/**
 * The world the fake Jira serves: its users, workflow, priorities, issue
 * types, projects and issues, built from a few numbers so tests can predict
 * every record (issue n: status by n % 3, assignee by n % 3 and none when
 * n % 4 = 0, priority by n % 4, labels `backend` for even n and `urgent` for
 * multiples of 5).
 */
import {
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
} from './fake-jira-data.js';

/** The fake's workflow: every transition is available from every status (global transitions). */
export const WORKFLOW = [
  { id: '11', name: 'To Do', status: 'To Do' },
  { id: '21', name: 'Start progress', status: 'In Progress' },
  { id: '31', name: 'Done', status: 'Done' },
] as const;

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
}

/** The seed plus what the routes need to extend it. */
export interface SeedWorld {
  seed: FakeJiraSeed;
  /** Emails Jira matches in user search but does not show (privacy settings). */
  hiddenEmails: ReadonlyMap<string, string>;
  types: ReadonlyArray<ReturnType<typeof makeIssueType>>;
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

export function createSeed(api: string, options: { email: string; issues: number; projects: number }): SeedWorld {
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
  const types = ['Task', 'Bug', 'Story', 'Epic'].map((name, i) => makeIssueType(api, String(10_001 + i), name));
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
  return {
    seed: { me, users, projects, issues, comments: new Map() },
    hiddenEmails,
    types,
    statusNamed: (name) => statuses.find((status) => status.name === name),
    addIssue,
  };
}
