/**
 * Seed objects for the fake Jira's work around issues, shaped like Jira Cloud
 * REST API v3's documented responses: worklogs, issue link types and links,
 * transitions, and the create metadata's issue types and fields.
 */
import {
  adfParagraph,
  type JiraIssue,
  type JiraNamed,
  type JiraProject,
  type JiraStatus,
  type JiraUser,
  seedTime,
} from './fake-jira-data.js';

export interface JiraWorklog {
  self: string;
  author: JiraUser;
  updateAuthor: JiraUser;
  comment?: unknown;
  created: string;
  updated: string;
  started: string;
  timeSpent: string;
  timeSpentSeconds: number;
  id: string;
  issueId: string;
}

export interface JiraLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
  self: string;
}

/** A transition of the fake's workflow; every one is available from every status (global transitions). */
export interface JiraWorkflowStep {
  id: string;
  name: string;
  status: string;
}

/** A field of the create metadata (`FieldCreateMetadata`). */
export interface JiraCreateField {
  required: boolean;
  schema: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  name: string;
  key: string;
  fieldId: string;
  hasDefaultValue: boolean;
  operations: string[];
  allowedValues?: unknown[];
  autoCompleteUrl?: string;
  defaultValue?: unknown;
}

/** Jira's default issue link types. */
export function defaultLinkTypes(api: string): JiraLinkType[] {
  return [
    ['10000', 'Blocks', 'is blocked by', 'blocks'],
    ['10001', 'Cloners', 'is cloned by', 'clones'],
    ['10002', 'Duplicate', 'is duplicated by', 'duplicates'],
    ['10003', 'Relates', 'relates to', 'relates to'],
  ].map(([id = '', name = '', inward = '', outward = '']) => ({
    id,
    name,
    inward,
    outward,
    self: `${api}/rest/api/3/issueLinkType/${id}`,
  }));
}

/** Seconds of a Jira duration ("1w 2d 3h 4m"), with the default 8-hour day and 5-day week; undefined when invalid. */
export function durationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([wdhm])$/i.exec(part);
    if (!match) return undefined;
    total += Number(match[1]) * (units[match[2]?.toLowerCase() ?? ''] ?? 0);
  }
  return total >= 60 ? Math.round(total) : undefined;
}

/** Jira's way of writing a number of seconds: "1h 30m". */
export function durationText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].filter(Boolean).join(' ') || '0m';
}

export function makeWorklog(options: {
  api: string;
  issue: JiraIssue;
  id: string;
  author: JiraUser;
  started: string;
  seconds: number;
  created?: string;
  comment?: unknown;
}): JiraWorklog {
  const created = options.created ?? options.started;
  return {
    self: `${options.api}/rest/api/3/issue/${options.issue.id}/worklog/${options.id}`,
    author: options.author,
    updateAuthor: options.author,
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    created,
    updated: created,
    started: options.started,
    timeSpent: durationText(options.seconds),
    timeSpentSeconds: options.seconds,
    id: options.id,
    issueId: options.issue.id,
  };
}

/** `count` worklogs on an issue, by turns of `users`, one a day from the seed epoch. */
export function seedWorklogs(api: string, issue: JiraIssue, users: readonly JiraUser[], count: number): JiraWorklog[] {
  return Array.from({ length: count }, (_, i) =>
    makeWorklog({
      api,
      issue,
      id: String(20_000 + i + 1),
      author: users[i % users.length] as JiraUser,
      started: seedTime(24 * i),
      seconds: 1800 * ((i % 4) + 1),
      comment: adfParagraph(`Worked on ${issue.key}, part ${i + 1}.`),
    }),
  );
}

/** The issue as a link names it: key and a few fields. */
export function linkedIssue(issue: JiraIssue): Record<string, unknown> {
  const { summary, status, priority, issuetype } = issue.fields;
  return { id: issue.id, key: issue.key, self: issue.self, fields: { summary, status, priority, issuetype } };
}

/** Create metadata fields every issue type of the fake has, and `custom` select fields after them. */
export function createFields(
  api: string,
  project: JiraProject,
  type: JiraNamed,
  priorities: readonly JiraNamed[],
  custom: number,
): JiraCreateField[] {
  const system = (
    fieldId: string,
    name: string,
    schemaType: string,
    extra: Partial<JiraCreateField> = {},
  ): JiraCreateField => ({
    required: false,
    schema: { type: schemaType, system: fieldId },
    name,
    key: fieldId,
    fieldId,
    hasDefaultValue: false,
    operations: ['set'],
    ...extra,
  });
  const fields = [
    system('summary', 'Summary', 'string', { required: true }),
    system('issuetype', 'Issue Type', 'issuetype', { required: true, allowedValues: [type] }),
    system('project', 'Project', 'project', { required: true, allowedValues: [project] }),
    system('description', 'Description', 'string'),
    system('priority', 'Priority', 'priority', {
      hasDefaultValue: true,
      allowedValues: [...priorities],
      defaultValue: priorities[0],
    }),
    system('labels', 'Labels', 'array', {
      schema: { type: 'array', items: 'string', system: 'labels' },
      operations: ['add', 'set', 'remove'],
      autoCompleteUrl: `${api}/rest/api/1.0/labels/suggest?query=`,
    }),
    system('assignee', 'Assignee', 'user', { autoCompleteUrl: `${api}/rest/api/3/user/assignable/search?query=` }),
    system('reporter', 'Reporter', 'user', { required: true, hasDefaultValue: true }),
    system('duedate', 'Due date', 'date'),
  ];
  for (let i = 1; i <= custom; i++) {
    const customId = 10_010 + i;
    fields.push({
      required: i === 1,
      schema: {
        type: 'option',
        custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
        customId,
      },
      name: i === 1 ? 'Team' : `Custom field ${i}`,
      key: `customfield_${customId}`,
      fieldId: `customfield_${customId}`,
      hasDefaultValue: false,
      operations: ['set'],
      allowedValues: ['Red', 'Green', 'Blue'].map((value, n) => ({
        self: `${api}/rest/api/3/customFieldOption/${customId}${n}`,
        value: `${value} ${i}`,
        id: `${customId}${n}`,
      })),
    });
  }
  return fields;
}

/** A transition as `GET /issue/{key}/transitions` lists it. */
export function transitionOf(step: JiraWorkflowStep, to: JiraStatus | undefined): Record<string, unknown> {
  return {
    id: step.id,
    name: step.name,
    to,
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}
