import { z } from '@mcpist/plugin-sdk';
import { storageToMarkdown } from './markdown/storage-to-markdown.js';
import { webUrl } from './normalize.js';

/**
 * Normalized records of what hangs off a page (DESIGN §3): comments, child
 * pages, labels, attachments and versions, flat. People are Atlassian account
 * ids (the v2 API names no one), times ISO 8601, text Markdown.
 */

/** ISO 8601 text of a date confluence.js parsed; null for a missing or unreadable one. */
function iso(date: Date | string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const value = date instanceof Date ? date : new Date(date);
  return Number.isNaN(value.getTime()) ? null : value.toISOString();
}

interface VersionLike {
  createdAt?: Date | string;
  number?: number;
  authorId?: string;
  message?: string | null;
  minorEdit?: boolean;
}

/** One footer comment with its text, as list_comments returns it. */
export const commentRecord = z.object({
  id: z.string().describe('Comment id; add_comment takes it as parent_comment_id to reply'),
  author_id: z.string().nullable().describe('Atlassian account id of the author'),
  created: z.string().nullable().describe('ISO 8601 time of the current version of the comment'),
  body: z.string().describe('Comment text as Markdown'),
  url: z.string().describe('Link to the comment on its page'),
});

/** One child page. */
export const childPageRecord = z.object({
  id: z.string().describe('Page id; get_page takes it as page_id'),
  title: z.string(),
  status: z.string().describe('current or archived'),
  position: z.number().nullable().describe('Order among its siblings'),
  url: z.string(),
});

/** One label. */
export const labelRecord = z.object({
  id: z.string(),
  name: z.string().describe('e.g. "runbook"; CQL finds labelled pages with label = runbook'),
  prefix: z.string().nullable().describe('global for ordinary labels; my or team for personal ones'),
});

/** One attachment. */
export const attachmentRecord = z.object({
  id: z.string().describe('Attachment id, e.g. att123456; download_attachment takes it'),
  title: z.string().describe('File name'),
  media_type: z.string().nullable().describe('e.g. text/plain, application/pdf, image/png'),
  file_size: z.number().nullable().describe('Bytes'),
  created: z.string().nullable().describe('ISO 8601 time of the current version'),
  version: z.number().nullable(),
  url: z.string().nullable().describe('Download link'),
});

/** One version of a page. */
export const versionRecord = z.object({
  number: z.number().describe('Version number, 1 for the first'),
  created: z.string().nullable().describe('ISO 8601 time the version was saved'),
  author_id: z.string().nullable().describe('Atlassian account id of who saved it'),
  message: z.string().nullable().describe('The version comment, when one was given'),
  minor_edit: z.boolean().describe('true when saved as a minor edit (no notifications)'),
});

export type CommentRecord = z.output<typeof commentRecord>;
export type ChildPageRecord = z.output<typeof childPageRecord>;
export type LabelRecord = z.output<typeof labelRecord>;
export type AttachmentRecord = z.output<typeof attachmentRecord>;
export type VersionRecord = z.output<typeof versionRecord>;

export function toCommentRecord(
  comment: {
    id?: string;
    version?: VersionLike | null;
    body?: { storage?: { value?: string } | null } | null;
    _links?: { webui?: string; base?: string } | null;
  },
  base: string | null | undefined,
  webBase: string,
): CommentRecord {
  return {
    id: comment.id ?? '',
    author_id: comment.version?.authorId ?? null,
    created: iso(comment.version?.createdAt),
    body: storageToMarkdown(comment.body?.storage?.value ?? ''),
    url: webUrl(comment._links?.webui, base, webBase),
  };
}

export function toChildPageRecord(
  page: { id?: string; title?: string; status?: string; childPosition?: number | null },
  base: string | null | undefined,
  webBase: string,
): ChildPageRecord {
  const id = page.id ?? '';
  return {
    id,
    title: page.title ?? '',
    status: String(page.status ?? ''),
    position: page.childPosition ?? null,
    url: webUrl(`/pages/viewpage.action?pageId=${id}`, base, webBase),
  };
}

export function toLabelRecord(label: { id?: string; name?: string; prefix?: string }): LabelRecord {
  return { id: label.id ?? '', name: label.name ?? '', prefix: label.prefix ?? null };
}

export function toAttachmentRecord(
  attachment: {
    id?: string;
    title?: string;
    mediaType?: string;
    fileSize?: number;
    createdAt?: Date | string;
    version?: VersionLike | null;
    downloadLink?: string;
  },
  base: string | null | undefined,
  webBase: string,
): AttachmentRecord {
  return {
    id: attachment.id ?? '',
    title: attachment.title ?? '',
    media_type: attachment.mediaType ?? null,
    file_size: attachment.fileSize ?? null,
    created: iso(attachment.version?.createdAt ?? attachment.createdAt),
    version: attachment.version?.number ?? null,
    url: attachment.downloadLink ? webUrl(attachment.downloadLink, base, webBase) : null,
  };
}

export function toVersionRecord(version: VersionLike): VersionRecord {
  return {
    number: version.number ?? 0,
    created: iso(version.createdAt),
    author_id: version.authorId ?? null,
    message: version.message ? version.message : null,
    minor_edit: version.minorEdit === true,
  };
}
