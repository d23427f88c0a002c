/**
 * The subset of JQL the fake Jira understands: conditions joined by AND, and
 * one ORDER BY field. Anything else is a JQL error (400), as an unknown field
 * is in Jira; a query without a condition is refused as unbounded, as the
 * enhanced search does.
 *
 * Conditions: project = KEY, key = KEY-1, assignee = currentUser() | EMPTY |
 * <accountId>, assignee is EMPTY, status = / != "Name", statusCategory = / !=
 * "Done", resolution = Unresolved, labels = name, summary ~ / text ~ "words".
 * Date conditions (created, updated) are accepted and match every issue.
 */
import type { JiraIssue } from './fake-jira-data.js';

/** A JQL the fake refuses; the message is Jira's. */
export class JqlError extends Error {}

type Predicate = (issue: JiraIssue, currentAccountId: string) => boolean;

function unquote(value: string): string {
  return value.trim().replace(/^["']|["']$/g, '');
}

function same(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

function field(issue: JiraIssue, name: string, property: string): unknown {
  const value = issue.fields[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[property] : undefined;
}

function textOf(value: unknown): string {
  return JSON.stringify(value ?? '').toLowerCase();
}

function negate(operator: string, predicate: Predicate): Predicate {
  return operator === '!=' ? (issue, me) => !predicate(issue, me) : predicate;
}

function condition(clause: string): Predicate {
  const match = /^\s*([a-zA-Z]+)\s*(!=|=|~|is\s+not|is)\s*(.+?)\s*$/i.exec(clause);
  if (!match) throw new JqlError(`Error in the JQL Query: Expecting an operator in "${clause.trim()}".`);
  const [, rawName = '', rawOperator = '', rawValue = ''] = match;
  const name = rawName.toLowerCase();
  const operator = rawOperator.toLowerCase().replace(/\s+/g, ' ');
  const value = unquote(rawValue);
  switch (name) {
    case 'project':
      return negate(operator, (issue) => same(field(issue, 'project', 'key'), value));
    case 'key':
    case 'issuekey':
      return negate(operator, (issue) => same(issue.key, value));
    case 'assignee':
      if (operator.startsWith('is') || same(value, 'EMPTY')) {
        const empty: Predicate = (issue) => issue.fields.assignee === null;
        return operator === 'is not' || operator === '!=' ? (issue, me) => !empty(issue, me) : empty;
      }
      return negate(operator, (issue, me) =>
        same(issue.fields.assignee?.accountId, /^currentUser\(\)$/i.test(value) ? me : value),
      );
    case 'status':
      return negate(operator, (issue) => same(issue.fields.status.name, value));
    case 'statuscategory':
      return negate(operator, (issue) => same(issue.fields.status.statusCategory.name, value));
    case 'resolution':
      if (!same(value, 'Unresolved')) break;
      return negate(operator, (issue) => issue.fields.status.statusCategory.key !== 'done');
    case 'labels':
      return negate(operator, (issue) =>
        ((issue.fields.labels as string[] | undefined) ?? []).some((l) => same(l, value)),
      );
    case 'summary':
    case 'text': {
      const words = value.toLowerCase().split(/\s+/).filter(Boolean);
      const haystack = (issue: JiraIssue) =>
        name === 'summary'
          ? issue.fields.summary.toLowerCase()
          : `${issue.fields.summary} ${textOf(issue.fields.description)}`.toLowerCase();
      return (issue) => words.every((word) => haystack(issue).includes(word));
    }
    case 'created':
    case 'updated':
      return () => true;
  }
  throw new JqlError(`Field '${rawName}' does not exist or you do not have permission to view it.`);
}

/** A compiled query: which issues match, and in which order. */
export interface CompiledJql {
  matches: Predicate;
  compare: (a: JiraIssue, b: JiraIssue) => number;
}

function numberOf(issue: JiraIssue): number {
  return Number(issue.key.split('-').at(-1));
}

/** Compiles `jql`, or throws {@link JqlError} with the message Jira would give. */
export function compileJql(jql: string): CompiledJql {
  const [where = '', orderBy] = jql.split(/\border\s+by\b/i);
  if (/\bor\b/i.test(where)) throw new JqlError('Error in the JQL Query: the fake Jira does not support OR.');
  const clauses = where.split(/\band\b/i).filter((clause) => clause.trim() !== '');
  if (clauses.length === 0) {
    throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  }
  const predicates = clauses.map(condition);
  const [sortField = 'key', direction = 'asc'] = (orderBy ?? '')
    .trim()
    .toLowerCase()
    .split(/[\s,]+/);
  const sign = direction === 'desc' ? -1 : 1;
  const compare = (a: JiraIssue, b: JiraIssue) => {
    if (sortField === 'created' || sortField === 'updated') {
      return sign * String(a.fields[sortField]).localeCompare(String(b.fields[sortField]));
    }
    return sign * (numberOf(a) - numberOf(b));
  };
  return { matches: (issue, me) => predicates.every((predicate) => predicate(issue, me)), compare };
}
