/** How the fake GitHub orders issues and matches the subset of issue search syntax it understands. */
import type { FakeRequest } from '@mcpist/plugin-sdk/testing';
import type { GitHubIssue } from './fake-github-data.js';
import { same } from './fake-github-kit.js';

export function byNewest(request: FakeRequest) {
  const field = request.query.get('sort') === 'updated' ? 'updated_at' : 'created_at';
  const sign = request.query.get('direction') === 'asc' ? 1 : -1;
  return (a: GitHubIssue, b: GitHubIssue) => sign * a[field].localeCompare(b[field]);
}

/** The subset of GitHub's search syntax the fake understands: is:/state:/repo:/label: and title words. */
export function matchesQuery(issue: GitHubIssue, fullName: string, q: string): boolean {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => {
      const [qualifier, value = ''] = term.includes(':') ? term.split(/:(.*)/s) : ['', term];
      switch (qualifier) {
        case 'is':
        case 'type':
          if (value === 'issue') return !issue.pull_request;
          if (value === 'pr') return Boolean(issue.pull_request);
          return value === issue.state;
        case 'state':
          return value === issue.state;
        case 'repo':
          return same(value, fullName);
        case 'label':
          return issue.labels.some((label) => same(label.name, value.replace(/^"|"$/g, '')));
        case '':
          return issue.title.toLowerCase().includes(value.toLowerCase());
        default:
          return true;
      }
    });
}
