/** The fake GitHub's repository routes: get, delete, contents, commits, code search. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { blobSha, commitJson } from './fake-github-git-data.js';
import { type FakeGitHubKit, same } from './fake-github-kit.js';
import { gitHubError, paginate, success, validationFailed } from './fake-github-responses.js';

export const REPO_ROUTES = {
  getRepo: 'GET /repos/:owner/:repo',
  deleteRepo: 'DELETE /repos/:owner/:repo',
  getRootContents: 'GET /repos/:owner/:repo/contents',
  getContents: 'GET /repos/:owner/:repo/contents/*',
  listCommits: 'GET /repos/:owner/:repo/commits',
  searchCode: 'GET /search/code',
} as const;

/** GitHub serves file contents up to 1 MB through this endpoint; bigger files come with `encoding: none`. */
const MAX_CONTENT_BYTES = 1024 * 1024;

/** GitHub wraps base64 content at 60 characters per line. */
function wrappedBase64(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + (bytes.length > 0 ? '\n' : '');
}

function extensionOf(path: string): string {
  const name = path.split('/').pop() ?? '';
  return name.includes('.') ? (name.split('.').pop() ?? '') : '';
}

export function repoRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;

  const entry = (path: string, type: 'file' | 'dir') => {
    const content = seed.files[path];
    const bytes = content === undefined ? Buffer.alloc(0) : Buffer.from(content);
    const sha = type === 'file' ? blobSha(bytes) : blobSha(`tree:${path}`);
    const self = `${api}/repos/${fullName}/contents/${path}?ref=main`;
    const html = `https://github.com/${fullName}/${type === 'file' ? 'blob' : 'tree'}/main/${path}`;
    const git = `${api}/repos/${fullName}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    return {
      type,
      size: type === 'file' ? bytes.length : 0,
      name: path.split('/').pop() ?? path,
      path,
      sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: type === 'file' ? `https://raw.githubusercontent.com/${fullName}/main/${path}` : null,
      _links: { self, git, html },
    };
  };

  const contents = (request: FakeRequest, path: string) => {
    if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
    const ref = request.query.get('ref');
    if (ref && !seed.branches.includes(ref)) return gitHubError(404, `No commit found for the ref ${ref}`);
    const files = kit.isMain(request) ? seed.files : {};
    const content = files[path];
    if (content !== undefined) {
      const bytes = Buffer.from(content);
      const tooBig = bytes.length > MAX_CONTENT_BYTES;
      return kit.ok({
        ...entry(path, 'file'),
        content: tooBig ? '' : wrappedBase64(bytes),
        encoding: tooBig ? 'none' : 'base64',
      });
    }
    const prefix = path === '' ? '' : `${path}/`;
    const children = new Map<string, 'file' | 'dir'>();
    for (const candidate of Object.keys(files)) {
      if (!candidate.startsWith(prefix)) continue;
      const [name, ...rest] = candidate.slice(prefix.length).split('/');
      if (name) children.set(`${prefix}${name}`, rest.length > 0 ? 'dir' : 'file');
    }
    if (children.size === 0) return gitHubError(404, 'Not Found');
    const listing = [...children.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([childPath, type]) => entry(childPath, type));
    return kit.ok(listing);
  };

  return {
    [REPO_ROUTES.getRepo]: (request) => {
      const repo = kit.repoOf(request);
      return repo ? kit.ok(repo) : gitHubError(404, 'Not Found');
    },
    [REPO_ROUTES.deleteRepo]: (request) => {
      const repo = kit.repoOf(request);
      if (!repo) return gitHubError(404, 'Not Found');
      seed.repos.splice(seed.repos.indexOf(repo), 1);
      return { status: 204 };
    },
    [REPO_ROUTES.getRootContents]: (request) => contents(request, ''),
    [REPO_ROUTES.getContents]: (request) => {
      const [, rest = ''] = request.path.split(/\/contents\/?/, 2);
      return contents(request, decodeURIComponent(rest).replace(/\/+$/, ''));
    },
    [REPO_ROUTES.listCommits]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      const commits = kit.isMain(request) ? seed.commits : [];
      const sha = request.query.get('sha');
      let start = 0;
      let onBranch = (branch: string): boolean => branch === 'main';
      if (sha && seed.branches.includes(sha)) {
        onBranch = (branch) => branch === 'main' || branch === sha;
      } else if (sha) {
        start = commits.findIndex((commit) => commit.sha.startsWith(sha));
        if (start < 0) return gitHubError(404, `No commit found for SHA: ${sha}`);
        onBranch = () => true;
      }
      const path = request.query.get('path');
      const author = request.query.get('author');
      const since = request.query.get('since');
      const until = request.query.get('until');
      const matching = commits
        .slice(start)
        .filter((commit) => onBranch(commit.branch))
        .filter((commit) => !path || commit.files.some((file) => file === path || file.startsWith(`${path}/`)))
        .filter(
          (commit) => !author || same(commit.author?.login ?? '', author) || same(commit.commit.author.email, author),
        )
        .filter((commit) => !since || Date.parse(commit.commit.author.date) >= Date.parse(since))
        .filter((commit) => !until || Date.parse(commit.commit.author.date) <= Date.parse(until))
        .map(commitJson);
      return kit.listed(request, matching);
    },
    [REPO_ROUTES.searchCode]: (request) => {
      const q = request.query.get('q');
      if (!q) return validationFailed('Search', 'q', 'missing');
      const words: string[] = [];
      const filters: Array<(path: string) => boolean> = [];
      for (const term of q.split(/\s+/).filter(Boolean)) {
        const [qualifier, value = ''] = term.includes(':') ? term.split(/:(.*)/s) : ['', term];
        if (qualifier === 'repo') filters.push(() => same(value, fullName));
        else if (qualifier === 'org' || qualifier === 'user') filters.push(() => same(value, seed.owner));
        else if (qualifier === 'path') filters.push((path) => path.startsWith(value.replace(/^\//, '')));
        else if (qualifier === 'extension') filters.push((path) => extensionOf(path) === value);
        else if (qualifier === 'filename') filters.push((path) => path.split('/').pop() === value);
        else if (qualifier === 'language')
          filters.push((path) => (value.toLowerCase() === 'typescript' ? extensionOf(path) === 'ts' : true));
        else words.push(term.toLowerCase());
      }
      const repo = seed.repos.find((candidate) => same(candidate.full_name, fullName));
      const matching = Object.entries(seed.files)
        .filter(([, content]) => typeof content === 'string')
        .filter(
          ([path, content]) =>
            filters.every((keep) => keep(path)) && words.every((word) => String(content).toLowerCase().includes(word)),
        )
        .map(([path]) => {
          const { name, sha, git_url, html_url } = entry(path, 'file');
          const url = `${api}/repositories/${repo?.id}/contents/${path}?ref=${sha}`;
          return { name, path, sha, url, git_url, html_url, repository: repo, score: 1 };
        });
      const { items, headers } = paginate(api, request, matching);
      return success(
        { total_count: matching.length, incomplete_results: false, items },
        { headers, resource: 'search' },
      );
    },
  };
}
