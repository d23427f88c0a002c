/**
 * Seed objects for the fake Jira, shaped like Jira Cloud REST API v3's
 * documented responses (issue, user, status, priority, issue type, project,
 * transition, comment), trimmed to the fields clients commonly read. `api` is
 * the fake's base URL, so `self` links point back at it.
 */

export type AvatarUrls = Record<'48x48' | '24x24' | '16x16' | '32x32', string>;

/** A user as Jira embeds it in issues and returns it from user search. */
export interface JiraUser {
  self: string;
  accountId: string;
  accountType: 'atlassian' | 'app' | 'customer';
  /** Absent when the user's privacy settings hide it. */
  emailAddress?: string;
  avatarUrls: AvatarUrls;
  displayName: string;
  active: boolean;
  timeZone: string;
  locale?: string;
}

export interface JiraStatusCategory {
  self: string;
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  colorName: string;
  name: string;
}

export interface JiraStatus {
  self: string;
  description: string;
  iconUrl: string;
  name: string;
  id: string;
  statusCategory: JiraStatusCategory;
}

export interface JiraNamed {
  self: string;
  id: string;
  name: string;
  iconUrl: string;
}

export interface JiraProject {
  expand: string;
  self: string;
  id: string;
  key: string;
  name: string;
  avatarUrls: AvatarUrls;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  simplified: boolean;
  style: 'classic' | 'next-gen';
  isPrivate: boolean;
  properties: Record<string, unknown>;
}

/** An issue; `fields` holds every field the fake knows, and routes pick the requested ones. */
export interface JiraIssue {
  expand: string;
  id: string;
  self: string;
  key: string;
  fields: Record<string, unknown> & { summary: string; status: JiraStatus; assignee: JiraUser | null };
}

export interface JiraComment {
  self: string;
  id: string;
  author: JiraUser;
  body: unknown;
  updateAuthor: JiraUser;
  created: string;
  updated: string;
  jsdPublic: boolean;
}

const EPOCH = Date.parse('2026-01-01T09:00:00Z');

/** A timestamp `hours` after the seed epoch, in Jira's format: `2026-01-01T09:00:00.000+0000`. */
export function seedTime(hours: number): string {
  return new Date(EPOCH + hours * 3_600_000).toISOString().replace('Z', '+0000');
}

/** Now, in Jira's format. */
export function jiraNow(): string {
  return new Date().toISOString().replace('Z', '+0000');
}

function avatars(seed: string): AvatarUrls {
  const base = `https://secure.gravatar.com/avatar/${seed}?d=https%3A%2F%2Favatar-management--avatars.us-west-2.prod.public.atl-paas.net%2Finitials%2F${seed.slice(0, 2).toUpperCase()}-0.png`;
  return { '48x48': base, '24x24': base, '16x16': base, '32x32': base };
}

export function makeUser(api: string, accountId: string, displayName: string, email?: string): JiraUser {
  return {
    self: `${api}/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    ...(email ? { emailAddress: email } : {}),
    avatarUrls: avatars(accountId.slice(-8)),
    displayName,
    active: true,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
  };
}

const CATEGORIES = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
} as const;

export function makeStatus(api: string, id: string, name: string, category: JiraStatusCategory['key']): JiraStatus {
  const { id: categoryId, colorName, name: categoryName } = CATEGORIES[category];
  return {
    self: `${api}/rest/api/3/status/${id}`,
    description: '',
    iconUrl: `${api}/`,
    name,
    id,
    statusCategory: {
      self: `${api}/rest/api/3/statuscategory/${categoryId}`,
      id: categoryId,
      key: category,
      colorName,
      name: categoryName,
    },
  };
}

export function makePriority(api: string, id: string, name: string): JiraNamed {
  return {
    self: `${api}/rest/api/3/priority/${id}`,
    iconUrl: `${api}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id,
  };
}

export function makeIssueType(api: string, id: string, name: string): JiraNamed & Record<string, unknown> {
  return {
    self: `${api}/rest/api/3/issuetype/${id}`,
    id,
    description: `A ${name.toLowerCase()}.`,
    iconUrl: `${api}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
    name,
    subtask: false,
    avatarId: 10318,
    hierarchyLevel: 0,
  };
}

export function makeProject(api: string, id: number, key: string, name: string): JiraProject {
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${api}/rest/api/3/project/${id}`,
    id: String(id),
    key,
    name,
    avatarUrls: avatars(`p${id}`),
    projectTypeKey: id % 3 === 2 ? 'business' : 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

/** A one-paragraph ADF document. */
export function adfParagraph(text: string): unknown {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

const TOPICS = [
  'Login times out on the mobile app',
  'Export to CSV drops the last row',
  'Add dark mode to the settings page',
  'Search results ignore the date filter',
  'Upgrade the payment SDK',
  'Crash when opening an empty project',
];

export interface IssueSeed {
  api: string;
  project: JiraProject;
  number: number;
  status: JiraStatus;
  priority: JiraNamed;
  issueType: ReturnType<typeof makeIssueType>;
  assignee: JiraUser | null;
  reporter: JiraUser;
  summary?: string;
  description?: unknown;
  labels?: string[];
}

export function makeIssue(seed: IssueSeed): JiraIssue {
  const id = String(10_000 + seed.number);
  const key = `${seed.project.key}-${seed.number}`;
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id,
    self: `${seed.api}/rest/api/3/issue/${id}`,
    key,
    fields: {
      summary: seed.summary ?? `${TOPICS[seed.number % TOPICS.length]} (${key})`,
      status: seed.status,
      assignee: seed.assignee,
      reporter: seed.reporter,
      creator: seed.reporter,
      priority: seed.priority,
      issuetype: seed.issueType,
      project: {
        self: seed.project.self,
        id: seed.project.id,
        key: seed.project.key,
        name: seed.project.name,
        projectTypeKey: seed.project.projectTypeKey,
        simplified: false,
        avatarUrls: seed.project.avatarUrls,
      },
      labels: seed.labels ?? [],
      created: seedTime(seed.number),
      updated: seedTime(seed.number + 2),
      description: seed.description === undefined ? adfParagraph(`Details of ${key}.`) : seed.description,
      resolution: null,
      issuelinks: [],
      watches: { self: `${seed.api}/rest/api/3/issue/${key}/watchers`, watchCount: 1, isWatching: true },
    },
  };
}
