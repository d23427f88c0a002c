/**
 * The fake Confluence's routes for what hangs off a page: footer comments
 * (list, create), child pages, labels (v2 list, v1 add), attachments (v2
 * list and get; v1 download, which redirects to the media service as
 * Confluence Cloud does) and page versions. Listings page with cursors in
 * `_links.next`.
 */
import type { FakeRequest, FakeResponse, FakeRoute } from '@mcpist/plugin-sdk/testing';
import type { ConfluencePage, ConfluenceVersion } from './fake-confluence-data.js';
import {
  type ConfluenceAttachment,
  type ConfluenceComment,
  type ConfluenceLabel,
  makeComment,
} from './fake-confluence-depth-data.js';
import { confluenceError, confluenceV1Error, listing, slice } from './fake-confluence-responses.js';

/** Route keys of this part. */
export const CONFLUENCE_DEPTH_ROUTES = {
  listComments: 'GET /wiki/api/v2/pages/:id/footer-comments',
  createComment: 'POST /wiki/api/v2/footer-comments',
  listChildren: 'GET /wiki/api/v2/pages/:id/children',
  listLabels: 'GET /wiki/api/v2/pages/:id/labels',
  addLabels: 'POST /wiki/rest/api/content/:id/label',
  listAttachments: 'GET /wiki/api/v2/pages/:id/attachments',
  getAttachment: 'GET /wiki/api/v2/attachments/:id',
  downloadAttachment: 'GET /wiki/rest/api/content/:id/child/attachment/:attachmentId/download',
  listVersions: 'GET /wiki/api/v2/pages/:id/versions',
  userLookup: 'GET /wiki/rest/api/user/bulk',
} as const;

/** Where the download redirects: the media service, which takes a token in the URL instead of the credential. */
export const MEDIA_ROUTE = 'GET /media/file/:fileId/binary';

/** What hangs off the pages; mutable, so tests may add records. */
export interface FakeConfluenceDepthSeed {
  comments: ConfluenceComment[];
  labels: Map<string, ConfluenceLabel[]>;
  attachments: ConfluenceAttachment[];
  /** Attachment bytes by attachment id. */
  files: Map<string, Uint8Array>;
  /** Earlier versions of each page, oldest first (the current one is the page's own). */
  versions: Map<string, ConfluenceVersion[]>;
  /** Display names by account id, for the user lookup. */
  people: Map<string, string>;
}

export interface DepthWorld {
  base: string;
  pages: ConfluencePage[];
  depth: FakeConfluenceDepthSeed;
  current(id: string | undefined): ConfluencePage | undefined;
}

/** The media token the download redirect carries; the media route accepts only it. */
const MEDIA_TOKEN = 'fake-media-token';

export function depthRoutes(
  world: DepthWorld,
): Record<(typeof CONFLUENCE_DEPTH_ROUTES)[keyof typeof CONFLUENCE_DEPTH_ROUTES], FakeRoute> {
  const { base, depth } = world;
  const withPage = (request: FakeRequest, answer: (page: ConfluencePage) => FakeResponse): FakeResponse => {
    const page = world.current(request.params.id);
    return page ? answer(page) : confluenceError(404);
  };
  const withBody = <T extends { body: unknown }>(item: T, request: FakeRequest) =>
    request.query.get('body-format') ? item : { ...item, body: {} };

  return {
    [CONFLUENCE_DEPTH_ROUTES.listComments]: (request) =>
      withPage(request, (page) => {
        const comments = depth.comments.filter((c) => c.pageId === page.id && c.parentCommentId === undefined);
        if (request.query.get('sort') === '-created-date') comments.reverse();
        const items = comments.map((comment) => withBody(comment, request));
        return listing(request, slice(request, items, 250), base);
      }),
    [CONFLUENCE_DEPTH_ROUTES.createComment]: (request) => {
      const { pageId, parentCommentId, body } = (request.body ?? {}) as {
        pageId?: unknown;
        parentCommentId?: unknown;
        body?: { representation?: unknown; value?: unknown };
      };
      const parent = depth.comments.find((comment) => comment.id === parentCommentId);
      if (parentCommentId !== undefined && !parent) return confluenceError(404, 'Parent comment not found');
      if (parent && pageId !== undefined) {
        return confluenceError(400, 'Only one of pageId, blogPostId, parentCommentId may be given');
      }
      const page = parent ? world.current(parent.pageId) : world.current(String(pageId));
      if (!page) return confluenceError(404, 'Page not found');
      if (body?.representation !== 'storage' || typeof body.value !== 'string' || body.value.trim() === '') {
        return confluenceError(400, 'Comment body is required, in storage, atlas_doc_format or wiki representation');
      }
      const comment = makeComment(String(5001 + depth.comments.length), page, body.value, 300 + depth.comments.length);
      if (parent) comment.parentCommentId = parent.id;
      depth.comments.push(comment);
      return { json: { ...comment, _links: { ...comment._links, base } } };
    },
    [CONFLUENCE_DEPTH_ROUTES.listChildren]: (request) =>
      withPage(request, (page) => {
        const children = world.pages
          .filter((child) => child.parentId === page.id && child.status === 'current')
          .sort((a, b) => a.position - b.position)
          .map((child) => ({
            id: child.id,
            status: child.status,
            title: child.title,
            spaceId: child.spaceId,
            childPosition: child.position,
          }));
        return listing(request, slice(request, children, 250), base);
      }),
    [CONFLUENCE_DEPTH_ROUTES.listLabels]: (request) =>
      withPage(request, (page) => listing(request, slice(request, depth.labels.get(page.id) ?? [], 250), base)),
    [CONFLUENCE_DEPTH_ROUTES.addLabels]: (request) => {
      const page = world.current(request.params.id);
      if (!page) return confluenceV1Error(404, `No content found with id: ContentId{id=${request.params.id}}`);
      const wanted = request.body;
      if (!Array.isArray(wanted) || wanted.length === 0)
        return confluenceV1Error(400, 'Labels must be a non-empty array');
      const labels = depth.labels.get(page.id) ?? [];
      for (const label of wanted as Array<{ prefix?: unknown; name?: unknown }>) {
        if (typeof label.name !== 'string' || /\s/.test(label.name) || label.name === '') {
          return confluenceV1Error(400, `Label '${String(label.name)}' is not valid`);
        }
        const name = label.name.toLowerCase();
        if (!labels.some((existing) => existing.name === name)) {
          const all = [...depth.labels.values()].flat().length;
          labels.push({
            id: String(2001 + all),
            name,
            prefix: typeof label.prefix === 'string' ? label.prefix : 'global',
          });
        }
      }
      depth.labels.set(page.id, labels);
      const results = labels.map((label) => ({ ...label, label: label.name }));
      return {
        json: {
          results,
          start: 0,
          limit: 200,
          size: results.length,
          _links: { base, context: '/wiki', self: `${base}/rest/api/content/${page.id}/label` },
        },
      };
    },
    [CONFLUENCE_DEPTH_ROUTES.listAttachments]: (request) =>
      withPage(request, (page) => {
        const mediaType = request.query.get('mediaType');
        const filename = request.query.get('filename');
        const found = depth.attachments.filter(
          (a) =>
            a.pageId === page.id && (!mediaType || a.mediaType === mediaType) && (!filename || a.title === filename),
        );
        return listing(request, slice(request, found, 250), base);
      }),
    [CONFLUENCE_DEPTH_ROUTES.getAttachment]: (request) => {
      const attachment = depth.attachments.find((candidate) => candidate.id === request.params.id);
      if (!attachment) return confluenceError(404);
      return { json: { ...attachment, _links: { ...attachment._links, base } } };
    },
    [CONFLUENCE_DEPTH_ROUTES.downloadAttachment]: (request) => {
      const attachment = depth.attachments.find(
        (candidate) => candidate.id === request.params.attachmentId && candidate.pageId === request.params.id,
      );
      if (!attachment) return confluenceV1Error(404, 'Attachment not found');
      const location = `/media/file/${attachment.fileId}/binary?token=${MEDIA_TOKEN}&name=${encodeURIComponent(attachment.title)}`;
      return { status: 302, headers: { location }, body: '' };
    },
    [CONFLUENCE_DEPTH_ROUTES.listVersions]: (request) =>
      withPage(request, (page) => {
        const versions = [...(depth.versions.get(page.id) ?? []), page.version].map((version) => ({
          ...version,
          page: { id: page.id, title: page.title },
        }));
        if (request.query.get('sort') !== 'modified-date') versions.reverse();
        return listing(request, slice(request, versions, 250), base);
      }),
    [CONFLUENCE_DEPTH_ROUTES.userLookup]: (request) => {
      const ids = request.query.getAll('accountId').flatMap((value) => value.split(','));
      if (ids.length === 0) return confluenceV1Error(400, 'accountId is required');
      const results = ids
        .map((id) => ({ id, name: depth.people.get(id) }))
        .filter((person): person is { id: string; name: string } => person.name !== undefined)
        .map(({ id, name }) => userLookup(base, id, name));
      return {
        json: {
          results,
          start: 0,
          limit: 200,
          size: results.length,
          _links: { base, context: '/wiki', self: `${base}/rest/api/user/bulk` },
        },
      };
    },
  };
}

/** A user as v1's bulk lookup answers (`BulkUserLookup`). */
function userLookup(base: string, accountId: string, displayName: string): Record<string, unknown> {
  return {
    type: 'known',
    accountId,
    accountType: 'atlassian',
    email: '',
    publicName: displayName,
    profilePicture: {
      path: '/wiki/aa-avatar/default.png',
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName,
    isExternalCollaborator: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${base}/rest/api/user?accountId=${accountId}` },
  };
}

/**
 * The media service's answer: the file's bytes under its own content type.
 * The fake upstream sends string bodies as UTF-8, so text files arrive byte
 * for byte (binary ones would not, but the tools never download those).
 */
export function mediaRoute(depth: FakeConfluenceDepthSeed): FakeRoute {
  return (request) => {
    if (request.query.get('token') !== MEDIA_TOKEN) return { status: 401, body: 'Unauthorized' };
    const attachment = depth.attachments.find((candidate) => candidate.fileId === request.params.fileId);
    const bytes = attachment ? depth.files.get(attachment.id) : undefined;
    if (!attachment || !bytes) return { status: 404, body: 'Not Found' };
    return {
      status: 200,
      headers: { 'content-type': attachment.mediaType },
      body: Buffer.from(bytes).toString('utf8'),
    };
  };
}
