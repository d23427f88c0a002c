/** The fake GitHub's branch routes: list and get branches, create a ref, commit a file through the contents API. */
import type { FakeRequest, FakeRoute } from '@mcpist/plugin-sdk/testing';
import { blobSha, commitJson, fakeSha } from './fake-github-git-data.js';
import type { FakeGitHubKit } from './fake-github-kit.js';
import { gitHubError } from './fake-github-responses.js';

export const BRANCH_ROUTES = {
  listBranches: 'GET /repos/:owner/:repo/branches',
  getBranch: 'GET /repos/:owner/:repo/branches/:branch',
  createRef: 'POST /repos/:owner/:repo/git/refs',
  putContents: 'PUT /repos/:owner/:repo/contents/*',
} as const;

const DOCS = 'https://docs.github.com/rest';

function invalid(status: number, message: string) {
  return { status, json: { message, documentation_url: DOCS, status: String(status) } };
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

export function branchRoutes(kit: FakeGitHubKit): Record<string, FakeRoute> {
  const { api, fullName, seed } = kit;
  const isProtected = (name: string) => name === 'main';
  const mine = (request: FakeRequest) => kit.isMain(request);

  return {
    [BRANCH_ROUTES.listBranches]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      const wanted = request.query.get('protected');
      const branches = (mine(request) ? seed.branches : [])
        .filter((name) => wanted === null || String(isProtected(name)) === wanted)
        .map((name) => {
          const sha = seed.branchHeads[name] ?? fakeSha(`${fullName}@${name}`);
          return {
            name,
            commit: { sha, url: `${api}/repos/${fullName}/commits/${sha}` },
            protected: isProtected(name),
          };
        });
      return kit.listed(request, branches);
    },
    [BRANCH_ROUTES.getBranch]: (request) => {
      const name = request.params.branch ?? '';
      if (!mine(request) || !seed.branches.includes(name)) return gitHubError(404, 'Branch not found');
      const sha = seed.branchHeads[name] ?? fakeSha(`${fullName}@${name}`);
      const known = seed.commits.find((commit) => commit.sha === sha);
      const commit = known
        ? commitJson(known)
        : {
            sha,
            url: `${api}/repos/${fullName}/commits/${sha}`,
            html_url: `https://github.com/${fullName}/commit/${sha}`,
          };
      return kit.ok({
        name,
        commit,
        _links: {
          self: `${api}/repos/${fullName}/branches/${name}`,
          html: `https://github.com/${fullName}/tree/${name}`,
        },
        protected: isProtected(name),
        protection: {
          enabled: isProtected(name),
          required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
        },
        protection_url: `${api}/repos/${fullName}/branches/${name}/protection`,
      });
    },
    [BRANCH_ROUTES.createRef]: (request) => {
      if (!kit.repoOf(request)) return gitHubError(404, 'Not Found');
      const body = (request.body ?? {}) as { ref?: unknown; sha?: unknown };
      const ref = typeof body.ref === 'string' ? body.ref : '';
      if (!/^refs\/[^/]+\/.+/.test(ref)) {
        return invalid(422, "Reference name must start with 'refs/' and have at least two slashes.");
      }
      const name = ref.replace(/^refs\/heads\//, '');
      if (seed.branches.includes(name)) return invalid(422, 'Reference already exists');
      const sha = typeof body.sha === 'string' ? body.sha : '';
      const exists = Object.values(seed.branchHeads).includes(sha) || seed.commits.some((commit) => commit.sha === sha);
      if (!exists) return invalid(422, 'Object does not exist');
      seed.branches.push(name);
      seed.branchHeads[name] = sha;
      return kit.ok(
        {
          ref,
          node_id: `REF_kwDO${Buffer.from(ref).toString('base64url')}`,
          url: `${api}/repos/${fullName}/git/${ref}`,
          object: { type: 'commit', sha, url: `${api}/repos/${fullName}/git/commits/${sha}` },
        },
        { location: `${api}/repos/${fullName}/git/${ref}` },
        201,
      );
    },
    [BRANCH_ROUTES.putContents]: (request) => {
      if (!mine(request)) return gitHubError(404, 'Not Found');
      const [, rest = ''] = request.path.split(/\/contents\/?/, 2);
      const path = decodeURIComponent(rest).replace(/\/+$/, '');
      const body = (request.body ?? {}) as { message?: unknown; content?: unknown; sha?: unknown; branch?: unknown };
      if (typeof body.message !== 'string') return invalid(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
      if (typeof body.content !== 'string') return invalid(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
      const branch = typeof body.branch === 'string' ? body.branch : 'main';
      if (!seed.branches.includes(branch)) return invalid(404, `Branch ${branch} not found`);
      const existing = seed.files[path];
      const currentSha = existing === undefined ? undefined : blobSha(existing);
      if (existing !== undefined && body.sha === undefined) {
        return invalid(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      }
      if (body.sha !== undefined && body.sha !== currentSha) return invalid(409, `${path} does not match ${body.sha}`);
      const bytes = Buffer.from(body.content, 'base64');
      const text = bytes.includes(0) ? undefined : bytes.toString('utf8');
      seed.files[path] = text !== undefined && Buffer.from(text).equals(bytes) ? text : new Uint8Array(bytes);
      const parent = seed.branchHeads[branch] ?? fakeSha(`${fullName}@${branch}`);
      const commitSha = fakeSha(`${fullName}@${branch}:${path}:${body.message}:${parent}`);
      seed.branchHeads[branch] = commitSha;
      const sha = blobSha(bytes);
      const person = { name: seed.user.login, email: `${seed.user.login}@users.noreply.github.com`, date: now() };
      const fileUrl = `${api}/repos/${fullName}/contents/${path}?ref=${branch}`;
      const html = `https://github.com/${fullName}/blob/${branch}/${path}`;
      const git = `${api}/repos/${fullName}/git/blobs/${sha}`;
      const tree = fakeSha(`tree:${commitSha}`);
      return kit.ok(
        {
          content: {
            name: path.split('/').pop() ?? path,
            path,
            sha,
            size: bytes.length,
            url: fileUrl,
            html_url: html,
            git_url: git,
            download_url: `https://raw.githubusercontent.com/${fullName}/${branch}/${path}`,
            type: 'file',
            _links: { self: fileUrl, git, html },
          },
          commit: {
            sha: commitSha,
            node_id: `C_kwDO${commitSha.slice(0, 12)}`,
            url: `${api}/repos/${fullName}/git/commits/${commitSha}`,
            html_url: `https://github.com/${fullName}/commit/${commitSha}`,
            author: person,
            committer: person,
            message: body.message,
            tree: { url: `${api}/repos/${fullName}/git/trees/${tree}`, sha: tree },
            parents: [
              {
                url: `${api}/repos/${fullName}/git/commits/${parent}`,
                html_url: `https://github.com/${fullName}/commit/${parent}`,
                sha: parent,
              },
            ],
            verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
          },
        },
        {},
        existing === undefined ? 201 : 200,
      );
    },
  };
}
