/** The fake GitHub's release, label and notification routes. */
import type { FakeRoute } from '@mcpist/plugin-sdk/testing';
import { PARTICIPATING_REASONS } from './fake-github-activity-data.js';
import { labelId, makeLabel } from './fake-github-data.js';
import { type FakeGitHubKit, same } from './fake-github-kit.js';
import { gitHubError, validationFailed } from './fake-github-responses.js';

export const ACTIVITY_ROUTES = {
  listReleases: 'GET /repos/:owner/:repo/releases',
  latestRelease: 'GET /repos/:owner/:repo/releases/latest',
  listLabels: 'GET /repos/:owner/:repo/labels',
  addLabels: 'POST /repos/:owner/:repo/issues/:issue_number/labels',
  listNotifications: 'GET /notifications',
} as const;

export function activityRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;

  return {
    [ACTIVITY_ROUTES.listReleases]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      return kit.listed(request, kit.isMain(request) ? seed.releases : []);
    },
    [ACTIVITY_ROUTES.latestRelease]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      // GitHub: the most recent non-prerelease, non-draft release, by created_at.
      const latest = (kit.isMain(request) ? seed.releases : [])
        .filter((release) => !release.draft && !release.prerelease)
        .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
      return latest ? kit.ok(latest) : gitHubError(404, 'Not Found');
    },
    [ACTIVITY_ROUTES.listLabels]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      return kit.listed(request, kit.isMain(request) ? seed.labels : []);
    },
    [ACTIVITY_ROUTES.addLabels]: (request) => {
      const issue = kit.isMain(request)
        ? seed.issues.find((candidate) => String(candidate.number) === request.params.issue_number)
        : undefined;
      if (!issue) return gitHubError(404, 'Not Found');
      // GitHub takes { labels: [names] }, { labels: [{ name }] } or a bare array of names.
      const body = request.body as unknown;
      const list = Array.isArray(body) ? body : (body as { labels?: unknown } | undefined)?.labels;
      if (!Array.isArray(list) || list.length === 0) return validationFailed('Label', 'labels', 'missing_field');
      const names = list.map((item) => (typeof item === 'string' ? item : String((item as { name?: unknown }).name)));
      for (const name of names) {
        let label = seed.labels.find((candidate) => same(candidate.name, name));
        if (!label) {
          // Adding a name the repository does not have creates the label.
          label = makeLabel(api, fullName, name, labelId(name));
          seed.labels.push(label);
        }
        if (!issue.labels.some((candidate) => same(candidate.name, name))) issue.labels.push(label);
      }
      issue.updated_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      return kit.ok(issue.labels);
    },
    [ACTIVITY_ROUTES.listNotifications]: (request) => {
      const all = request.query.get('all') === 'true';
      const participating = request.query.get('participating') === 'true';
      const since = request.query.get('since');
      const before = request.query.get('before');
      const threads = seed.notifications
        .filter((thread) => all || thread.unread)
        .filter((thread) => !participating || PARTICIPATING_REASONS.includes(thread.reason))
        .filter((thread) => !since || Date.parse(thread.updated_at) > Date.parse(since))
        .filter((thread) => !before || Date.parse(thread.updated_at) < Date.parse(before))
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      return kit.listed(request, threads);
    },
  };
}
